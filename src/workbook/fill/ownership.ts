/**
 * What the fill owns, known by the ownership marks (../ownership.ts), never by names: the sheets it made (summary,
 * rates) and the columns it wrote on a data sheet. A sheet or column bearing the fill's name but not its mark is the
 * user's: the fill writes beside it, or uses another sheet name. Pure.
 */
import { MARK_VERSION, type SheetMark, ownsColumn, parseMark } from "../ownership";
import type { CellValue } from "./headers";

/** Roles in the marks of the sheets the fill makes. */
export const SUMMARY_ROLE = "fill-summary";
export const RATES_ROLE = "fill-rates";
/** The role of a data sheet the fill wrote columns on (a sheet with another role keeps it). */
export const FILLED_ROLE = "filled";
/** Names tried for each of the fill's sheets: "ITS Summary", "ITS Summary (2)", ... */
export const OWN_SHEET_CANDIDATES = 9;

export const candidateName = (base: string, n: number): string => (n === 1 ? base : `${base} (${n})`);

/** A chart as read: what the fill can check of it (Excel gives no cell address for a chart's place or data). */
export interface ExistingChart {
  readonly name: string;
  readonly title: string;
}

/** An existing sheet of one of the fill's candidate names, as read: its mark, cells over the fill's area, charts. */
export interface ExistingSheet {
  readonly name: string;
  /** The sheet's MARK_KEY custom property value, or null when it has none. */
  readonly mark: string | null;
  readonly cells: readonly (readonly CellValue[])[];
  readonly charts: readonly ExistingChart[];
}

/** The sheet a fill writes its summary (or rates) on. */
export interface OwnSheetChoice {
  readonly name: string;
  /** As read, or null when the fill adds the sheet. */
  readonly existing: ExistingSheet | null;
  /** The sheet bears the fill's mark (an earlier fill made it). */
  readonly ours: boolean;
  /** The first name is taken by a sheet that is not the fill's: it is left as it is. */
  readonly nameTaken: boolean;
}

const isEmptySheet = (s: ExistingSheet): boolean => s.charts.length === 0 && s.cells.every((row) => row.every((c) => c === ""));

/**
 * The first candidate bearing the fill's mark of `role`; else an unmarked, empty one (what a fill that Excel stopped
 * right after adding the sheet leaves; writing there changes nothing anyone typed); else the first free name.
 * `existing`: the candidates that exist, any order. Null when every candidate name is taken.
 */
export function chooseOwnSheet(base: string, role: string, existing: readonly ExistingSheet[]): OwnSheetChoice | null {
  const named = (n: number) => existing.find((s) => s.name.toLowerCase() === candidateName(base, n).toLowerCase()) ?? null;
  const nameTaken = (s: ExistingSheet | null) => s?.name.toLowerCase() !== base.toLowerCase() && named(1) !== null;
  const candidates = Array.from({ length: OWN_SHEET_CANDIDATES }, (_, i) => ({ name: candidateName(base, i + 1), sheet: named(i + 1) }));
  const ours = candidates.find((c) => c.sheet && parseMark(c.sheet.mark)?.role === role);
  if (ours) return { name: ours.name, existing: ours.sheet, ours: true, nameTaken: nameTaken(ours.sheet) };
  const empty = candidates.find((c) => c.sheet && c.sheet.mark === null && isEmptySheet(c.sheet));
  if (empty) return { name: empty.name, existing: empty.sheet, ours: false, nameTaken: nameTaken(empty.sheet) };
  const free = candidates.find((c) => !c.sheet);
  return free ? { name: free.name, existing: null, ours: false, nameTaken: nameTaken(null) } : null;
}

/** The mark of a sheet the fill made (or took empty), with its chart if it has one. */
export const ownSheetMark = (role: string, charts: readonly string[]): SheetMark => ({ version: MARK_VERSION, role, madeSheet: true, tables: [], columns: [], charts });

/**
 * The data sheet's mark with the fill's columns (sheet column and header) recorded; entries at other columns are
 * kept (other fills on the sheet, other parts of the add-in own them), the role of a sheet marked by another part too.
 */
export function filledSheetMark(existing: SheetMark | null, columns: readonly { header: string; column: number }[]): SheetMark {
  const base: SheetMark = existing ?? { version: MARK_VERSION, role: FILLED_ROLE, madeSheet: false, tables: [], columns: [], charts: [] };
  const others = base.columns.filter((c) => !columns.some((o) => o.column === c.column));
  return { ...base, columns: [...others, ...columns.map((c) => ({ header: c.header, column: c.column }))] };
}

/** Whether the column at sheet column `column`, whose header cell reads `header`, is one a fill wrote. */
export const ownsFillColumn = (mark: SheetMark | null, header: CellValue | undefined, column: number): boolean =>
  header !== undefined && header !== "" && ownsColumn(mark, String(header), column);
