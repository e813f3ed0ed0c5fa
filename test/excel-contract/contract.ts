/**
 * Shared set-up of the Excel contract tests: each file in this folder pins one documented (or, where the
 * docs are silent, pessimistically assumed) behaviour of Excel that the emulation must reproduce.
 */
import { createWorkbook } from "../../src/preview/excel-emulation";
import type { EmulatedOfficeError, EmulatedWorkbook, WorkbookSpec } from "../../src/preview/excel-emulation";

/** A workbook installed as the global Excel, as the add-in code finds it. */
export function workbook(spec: WorkbookSpec = {}): EmulatedWorkbook {
  const book = createWorkbook(spec);
  (globalThis as unknown as { Excel: unknown }).Excel = book.Excel;
  return book;
}

export async function rejection(promise: Promise<unknown>): Promise<EmulatedOfficeError> {
  try {
    await promise;
  } catch (e) {
    return e as EmulatedOfficeError;
  }
  throw new Error("expected the promise to reject");
}

/** Writes one cell through Range.values or Range.formulas in its own Excel.run. */
export async function write(sheet: string, address: string, value: unknown, through: "values" | "formulas" = "values"): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address)[through] = [[value]];
    await context.sync();
  });
}

/** What Excel gives back for one cell: values, formulas, numberFormat, valueTypes. */
export async function readBack(sheet: string, address: string): Promise<{ value: unknown; formula: unknown; format: unknown; type: unknown }> {
  return Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRange(address).load("values, formulas, numberFormat, valueTypes");
    await context.sync();
    return { value: range.values[0][0], formula: range.formulas[0][0], format: range.numberFormat[0][0], type: range.valueTypes[0][0] };
  });
}
