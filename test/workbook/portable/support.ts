/** A workbook as the preview's user makes it: the sample sheet filled with live formulas, and quotes with live formulas. */
import { CURRENT_RATES } from "../../../src/core";
import { SAMPLE_SHEET, sampleWorkbook } from "../../../src/preview/sample";
import { type EmulatedWorkbook, type WorkbookSnapshot, createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { addQuoteToBudget } from "../../../src/workbook/excel/quote";
import { detectColumns, planFill } from "../../../src/workbook/fill";
import type { SiteQuote } from "../../../src/workbook/quote/budgetSheet";

export const QUOTES: readonly SiteQuote[] = [
  { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } },
  { site: "Region East", kind: "office", enrollment: null, purchase: { kind: "single", option: 1, days: 5 } },
  { site: "Harbor MS", kind: "school", enrollment: 801, purchase: { kind: "split", outsideSummerDays: 2, summerOnlyDays: 1 } },
];

/** The sample sheet with a live fill of every option, and an ITS Budget table of three live quotes. */
export async function liveWorkbook(): Promise<EmulatedWorkbook> {
  const book = createWorkbook(sampleWorkbook());
  installEmulatedOffice(globalThis, book);
  const read = await readFillSource({ kind: "usedRange" });
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const columns = detectColumns(read.source.formulas[0], CURRENT_RATES);
  const plan = planFill(read.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [1, 2, 3], mode: "live" }, CURRENT_RATES);
  const written = await writeFill(plan);
  if (written.kind !== "done") throw new Error(JSON.stringify(written));
  for (const quote of QUOTES) {
    const added = await addQuoteToBudget(quote, { sheetName: "ITS Budget", formulas: true, confirmUpdate: false });
    if (added.kind !== "plan") throw new Error(JSON.stringify(added));
  }
  book.select(SAMPLE_SHEET, "A1");
  return book;
}

/** Every cell of `sheet` that differs between two snapshots ("A1"), and whether sheets were added or removed. */
export function changedCells(before: WorkbookSnapshot, after: WorkbookSnapshot, sheet: string): string[] {
  const a = before.sheets.find((s) => s.name === sheet)?.cells ?? {};
  const b = after.sheets.find((s) => s.name === sheet)?.cells ?? {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/** A sheet's used range and every value in it, as shown. */
export function valuesOf(book: EmulatedWorkbook, sheet: string): { used: string; values: unknown[][] } {
  const used = book.usedRange(sheet, false);
  return { used, values: book.values(sheet, used) };
}
