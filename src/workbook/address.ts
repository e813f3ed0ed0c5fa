/** A1 addresses, zero-based rows and columns. Pure helpers shared by planners, the adapter and the preview. */

export interface CellRef {
  readonly row: number;
  readonly column: number;
}

export interface RangeRef {
  readonly start: CellRef;
  readonly rows: number;
  readonly columns: number;
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** "A" -> 0, "AA" -> 26. */
export function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

export function cellAddress(cell: CellRef, absolute = false): string {
  const d = absolute ? "$" : "";
  return `${d}${columnLetters(cell.column)}${d}${cell.row + 1}`;
}

/** "B2:D10" (or "B2" for one cell). */
export function rangeAddress(range: RangeRef, absolute = false): string {
  const first = cellAddress(range.start, absolute);
  if (range.rows === 1 && range.columns === 1) return first;
  const last = { row: range.start.row + range.rows - 1, column: range.start.column + range.columns - 1 };
  return `${first}:${cellAddress(last, absolute)}`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Parses "B2", "$B$2:D10" or "Sheet1!B2:D10" (the sheet part is dropped). */
export function parseRange(address: string): RangeRef {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [from, to = from] = local.split(":");
  const a = CELL.exec(from);
  const b = CELL.exec(to);
  if (!a || !b) throw new Error(`Not a cell range address: "${address}".`);
  const start = { row: Math.min(+a[2], +b[2]) - 1, column: Math.min(columnIndex(a[1]), columnIndex(b[1])) };
  const end = { row: Math.max(+a[2], +b[2]) - 1, column: Math.max(columnIndex(a[1]), columnIndex(b[1])) };
  return { start, rows: end.row - start.row + 1, columns: end.column - start.column + 1 };
}

/**
 * A sheet name as a formula names it: always quoted. Excel refuses unquoted names that read as a cell reference
 * (`FY25`, `Q1`, `R1C1`), as TRUE/FALSE, or that hold spaces or punctuation, and accepts quotes around any name
 * (the rule written up in jmcnamara/XlsxWriter #1078; the Microsoft docs are silent). A quote inside is doubled.
 */
export function quoteSheetName(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * A formula with its sheet names unquoted, for comparing formulas only: Excel reads a formula back without the
 * quotes a name does not need (`='Schools'!A1` reads `=Schools!A1`), so what was written and what is read back
 * compare equal this way.
 */
export const withoutSheetQuotes = (formula: string): string => formula.replace(/'((?:[^']|'')+)'!/g, (_, name: string) => `${name.replace(/''/g, "'")}!`);
