/**
 * What the add-in made, recorded in the workbook itself, so that "is this ours?" is checked, never guessed from names.
 *
 * The record: one worksheet custom property (Excel.Worksheet.customProperties, ExcelApi 1.12; the manifest requires
 * 1.13) on every sheet the add-in made or wrote on, key MARK_KEY, value a small JSON SheetMark naming what on that
 * sheet is ours: tables (by name, with their columns by header), columns of a user's sheet (by header and position)
 * and charts (by name). Why this one:
 * - it is attached to the sheet, not to its name, so it follows renames and moves; it is saved in the file and
 *   travels with it; budget staff never see it (it is in no dialog or cell);
 * - it is set by an action in the same batch as the change it records (PlanStep "markSheet"), so a sheet the add-in
 *   added bears the mark from the next action on;
 * - Excel does not copy it when a user copies the sheet (office-js #5486, "by design"): a copy is the user's, which
 *   is what a copy is.
 * Not chosen: defined names (listed in Name Manager, where staff see, edit and delete them); document settings
 * (Office.context.document.settings / Workbook.settings: scoped to one add-in id, so a redeployment under another
 * id loses them, and they would have to name sheets by id); custom XML parts (ExcelApi 1.5: workbook-level, so
 * sheets would also be referred to by id, plus XML to parse, and a copied sheet's id question left open).
 *
 * Pure code: the planners read marks from snapshots and plan "markSheet" steps; ./excel/apply.ts writes them.
 */
import { normalizeFiscalYear } from "../core";
import type { PlanStep } from "./plan";

/** The custom property key (at most 255 characters, case-insensitive in Excel). */
export const MARK_KEY = "LAUSD.ITSSupport.owner";
export const MARK_VERSION = 1;

/** A table the add-in made, and its own columns by header text; any other column of the table is the user's. */
export interface TableMark {
  readonly name: string;
  readonly columns: readonly string[];
  /**
   * The one fiscal year ("2025-26") whose rates the table's rows are priced with; absent in marks written before
   * years were recorded. Any canonical year, bundled or not: a newer add-in's year is still that table's year.
   */
  readonly fiscalYear?: string;
}

/** A column the add-in wrote on a sheet it did not make: its header and its zero-based sheet column. */
export interface ColumnMark {
  readonly header: string;
  readonly column: number;
}

export interface SheetMark {
  readonly version: typeof MARK_VERSION;
  /** What the sheet is to the add-in, e.g. "budget" (the quote's ITS Budget sheet). */
  readonly role: string;
  /** The add-in created the sheet. Cells a user adds to it are still the user's: ownership is what is listed. */
  readonly madeSheet: boolean;
  readonly tables: readonly TableMark[];
  readonly columns: readonly ColumnMark[];
  readonly charts: readonly string[];
}

export function serializeMark(mark: SheetMark): string {
  return JSON.stringify(mark);
}

const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isTextArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

/**
 * The mark a custom property value holds, or null for anything that is not exactly a mark of this version (no
 * property, text a user or another add-in wrote, a newer add-in's format): such a sheet is not known to be ours.
 */
export function parseMark(value: unknown): SheetMark | null {
  if (typeof value !== "string") return null;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const m = data as Record<string, unknown>;
  const tables = Array.isArray(m.tables) ? m.tables : null;
  const columns = Array.isArray(m.columns) ? m.columns : null;
  if (m.version !== MARK_VERSION || !isText(m.role) || typeof m.madeSheet !== "boolean" || !tables || !columns || !isTextArray(m.charts)) return null;
  const yearOk = (year: unknown) => year === undefined || (typeof year === "string" && normalizeFiscalYear(year) === year);
  const tableOk = (t: unknown) => typeof t === "object" && t !== null && isText((t as TableMark).name) && isTextArray((t as TableMark).columns) && yearOk((t as TableMark).fiscalYear);
  const columnOk = (c: unknown) => typeof c === "object" && c !== null && isText((c as ColumnMark).header) && Number.isInteger((c as ColumnMark).column) && (c as ColumnMark).column >= 0;
  if (!tables.every(tableOk) || !columns.every(columnOk)) return null;
  return {
    version: MARK_VERSION,
    role: m.role,
    madeSheet: m.madeSheet,
    tables: (tables as TableMark[]).map((t) => ({ name: t.name, columns: [...t.columns], ...(t.fiscalYear !== undefined ? { fiscalYear: t.fiscalYear } : {}) })),
    columns: (columns as ColumnMark[]).map((c) => ({ header: c.header, column: c.column })),
    charts: [...m.charts],
  };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The mark's record of the table named `name` (Excel table names are case-insensitive), or null: not ours. */
export function ownedTable(mark: SheetMark | null, name: string): TableMark | null {
  return mark?.tables.find((t) => same(t.name, name)) ?? null;
}

/**
 * Where the table's own columns are now, by header: `at[i]` is the table column of `table.columns[i]`, or -1 when
 * no header matches (renamed or deleted). Every other column of the table is the user's.
 */
export function locateColumns(table: TableMark, headers: readonly unknown[]): { readonly at: readonly number[]; readonly missing: readonly string[] } {
  const texts = headers.map((h) => String(h ?? ""));
  const at = table.columns.map((c) => texts.findIndex((h) => same(h, c)));
  return { at, missing: table.columns.filter((_, i) => at[i] < 0) };
}

/** Whether the column at `column` headed `header` is one the add-in wrote on this sheet. */
export function ownsColumn(mark: SheetMark | null, header: string, column: number): boolean {
  return mark?.columns.some((c) => c.column === column && same(c.header, header)) ?? false;
}

export function ownsChart(mark: SheetMark | null, name: string): boolean {
  return mark?.charts.some((c) => same(c, name)) ?? false;
}

/** The step that records `mark` on `sheet`, or nothing when the sheet already bears exactly that mark. */
export function markSteps(sheet: string, mark: SheetMark, current: string | null): PlanStep[] {
  const value = serializeMark(mark);
  return current === value ? [] : [{ kind: "markSheet", sheet, key: MARK_KEY, value }];
}
