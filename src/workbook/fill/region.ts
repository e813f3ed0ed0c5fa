/** Which cells a fill reads: a selection clipped to the sheet's used range. Pure. */

import { type RangeRef, columnIndex, parseRange } from "../address";

const WHOLE_COLUMNS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const WHOLE_ROWS = /^\$?(\d+):\$?(\d+)$/;
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/** Like parseRange, and also whole columns ("A:C") and whole rows ("2:9"), as Excel gives a selection's address. */
export function parseSelection(address: string): RangeRef {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const columns = WHOLE_COLUMNS.exec(local);
  if (columns) {
    const [a, b] = [columnIndex(columns[1]), columnIndex(columns[2])].sort((x, y) => x - y);
    return { start: { row: 0, column: a }, rows: MAX_ROWS, columns: b - a + 1 };
  }
  const rows = WHOLE_ROWS.exec(local);
  if (rows) {
    const [a, b] = [+rows[1], +rows[2]].sort((x, y) => x - y);
    return { start: { row: a - 1, column: 0 }, rows: b - a + 1, columns: MAX_COLUMNS };
  }
  return parseRange(local);
}

/**
 * The part of the selection that holds data: selecting whole columns must not read a million empty
 * rows. Null when the selection and the used range do not meet (or the sheet is empty).
 */
export function clipToUsed(selection: string, used: string | null): RangeRef | null {
  if (!used) return null;
  const s = parseSelection(selection);
  const u = parseRange(used);
  const top = Math.max(s.start.row, u.start.row);
  const left = Math.max(s.start.column, u.start.column);
  const bottom = Math.min(s.start.row + s.rows, u.start.row + u.rows);
  const right = Math.min(s.start.column + s.columns, u.start.column + u.columns);
  if (bottom <= top || right <= left) return null;
  return { start: { row: top, column: left }, rows: bottom - top, columns: right - left };
}
