/**
 * The Excel side of "Make this sheet work without the add-in". Check: one request finds the sheet, its used range and
 * the rates sheets, then the cells are read in blocks; the planner says what would change. Apply: the same read
 * again, and the blocks are written (one Excel.run each) only when the fresh plan is the one the user confirmed.
 */
import { RATE_TABLES } from "../../core";
import { parseRange, rangeAddress } from "../address";
import { type CellValue, ratesSheet } from "../fill";
import { type PortableMode, type PortablePlan, type PortableRead, PortableError, planPortable } from "../portable/planner";
import type { WorkbookPlan } from "../plan";
import { applyPlan } from "./apply";
import { describeExcelError } from "./errors";
import { runExcel } from "./run";

/** Cells read in one request (formulas, values and types of each): well under Excel on the web's 5 MB responses. */
export const READ_BLOCK_CELLS = 20_000;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** An ITSRATES table spills right and down from its cell, past a used range that counts only cells with content. */
const SPILL_ROWS = Math.max(...RATE_TABLES.map((t) => t.maxDays + 1));
const SPILL_COLUMNS = Math.max(...RATE_TABLES.map((t) => t.options.length + 1));

export type CheckResult = { readonly kind: "plan"; readonly plan: PortablePlan } | { readonly kind: "failed"; readonly message: string };

export type ApplyResult =
  | { readonly kind: "done"; readonly plan: PortablePlan }
  /** The sheet changed since the check: this is the new plan, to confirm again. */
  | { readonly kind: "changed"; readonly plan: PortablePlan }
  | { readonly kind: "failed"; readonly message: string; readonly blocksDone: number };

/** Names of the workbook's sheets, and the active one, for the pane's sheet picker. */
export async function listSheets(): Promise<{ names: string[]; active: string }> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const active = context.workbook.worksheets.getActiveWorksheet().load("name");
    await context.sync();
    return { names: sheets.items.map((s) => s.name), active: active.name };
  });
}

async function locate(sheetName: string | undefined) {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const sheet = sheetName === undefined ? sheets.getActiveWorksheet() : sheets.getItem(sheetName);
    sheet.load("name");
    const used = sheet.getUsedRangeOrNullObject(true).load("address");
    // Objects reached from a null object are null objects too: one round trip reads every rates sheet there is.
    const rates = RATE_TABLES.map((table) => {
      const layout = ratesSheet(table);
      return { name: layout.name, range: sheets.getItemOrNullObject(layout.name).getRange(layout.area).load("formulas") };
    });
    await context.sync();
    const ratesSheets: Record<string, CellValue[][]> = {};
    for (const r of rates) if (!r.range.isNullObject) ratesSheets[r.name] = r.range.formulas as CellValue[][];
    return { sheet: sheet.name, sheetNames: sheets.items.map((s) => s.name), used: used.isNullObject ? null : used.address, ratesSheets };
  });
}

async function readBlock(sheet: string, row: number, column: number, rows: number, columns: number) {
  return runExcel(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, column, rows, columns);
    range.load("formulas, values, valueTypes");
    await context.sync();
    return { formulas: range.formulas as CellValue[][], values: range.values as CellValue[][], valueTypes: range.valueTypes as string[][] };
  });
}

/** Reads what the planner needs of `sheetName` (the active sheet when omitted). */
export async function readPortable(sheetName?: string): Promise<PortableRead> {
  const located = await locate(sheetName);
  const base = { sheet: located.sheet, sheetNames: located.sheetNames, ratesSheets: located.ratesSheets };
  if (!located.used) return { ...base, address: null, formulas: [], values: [], valueTypes: [] };
  const used = parseRange(located.used);
  const region = {
    start: used.start,
    rows: Math.min(used.rows + SPILL_ROWS, MAX_ROWS - used.start.row),
    columns: Math.min(used.columns + SPILL_COLUMNS, MAX_COLUMNS - used.start.column),
  };
  const formulas: CellValue[][] = [];
  const values: CellValue[][] = [];
  const valueTypes: string[][] = [];
  const rowsPerBlock = Math.max(1, Math.floor(READ_BLOCK_CELLS / region.columns));
  while (formulas.length < region.rows) {
    const rows = Math.min(rowsPerBlock, region.rows - formulas.length);
    const block = await readBlock(located.sheet, region.start.row + formulas.length, region.start.column, rows, region.columns);
    formulas.push(...block.formulas);
    values.push(...block.values);
    valueTypes.push(...block.valueTypes);
  }
  return { ...base, address: rangeAddress(region), formulas, values, valueTypes };
}

/** One request: Excel on the web refuses more than 5 MB, so a large sheet travels in several (planner's BLOCK_BYTES). */
async function writeBlock(block: WorkbookPlan): Promise<void> {
  await runExcel(async (context) => {
    applyPlan(context, block);
    await context.sync();
  });
}

function failedMessage(error: unknown, phase: "read" | "write"): string {
  if (error instanceof PortableError) return error.message;
  const failure = describeExcelError(error);
  if (failure.problem === "excelTooOld") return failure.remedy;
  if (phase === "read") return failure.problem === "unknown" ? `Excel could not read the sheet (${failure.detail}). Check that it is open, then check again.` : `${failure.remedy} Then check again.`;
  const kept = "Cells converted so far keep their new formulas (they show the same numbers); check again to convert the rest.";
  return failure.problem === "unknown" ? `Excel stopped the conversion (${failure.detail}). ${kept}` : `${failure.remedy} ${kept}`;
}

/** What converting the sheet would change; nothing is written. */
export async function checkPortable(mode: PortableMode, sheetName?: string): Promise<CheckResult> {
  try {
    return { kind: "plan", plan: planPortable(await readPortable(sheetName), mode) };
  } catch (error) {
    return { kind: "failed", message: failedMessage(error, "read") };
  }
}

/**
 * Converts the sheet, after a fresh read, only if it plans exactly what the user confirmed (`token` of the checked
 * plan); otherwise returns the new plan to confirm. The rates sheets go in the first request, before formulas read them.
 */
export async function applyPortable(mode: PortableMode, token: string, sheetName?: string): Promise<ApplyResult> {
  let plan: PortablePlan;
  try {
    plan = planPortable(await readPortable(sheetName), mode);
  } catch (error) {
    return { kind: "failed", message: failedMessage(error, "read"), blocksDone: 0 };
  }
  if (plan.token !== token) return { kind: "changed", plan };
  for (const [i, block] of plan.blocks.entries()) {
    try {
      await writeBlock(block);
    } catch (error) {
      return { kind: "failed", message: failedMessage(error, "write"), blocksDone: i };
    }
  }
  return { kind: "done", plan };
}
