/**
 * Comparing two snapshots of an emulated workbook cell by cell: which cells changed (content, number format or
 * bold), on which sheet, and whether each was empty before. The safety suites judge every change with it.
 */
import type { WorkbookSnapshot } from "../../src/preview/excel-emulation";
import { parseRange, type RangeRef } from "../../src/workbook/address";

type Cell = WorkbookSnapshot["sheets"][number]["cells"][string];

export interface CellChange {
  readonly sheet: string;
  readonly address: string;
  readonly row: number;
  readonly column: number;
  readonly before: Cell | undefined;
  readonly after: Cell | undefined;
  /** The cell held content (a value or a formula) before and that content changed. */
  readonly overwrote: boolean;
}

const content = (cell: Cell | undefined): unknown => (cell?.input === undefined || cell.input === "" ? "" : cell.input);
const same = (a: Cell | undefined, b: Cell | undefined): boolean =>
  content(a) === content(b) && (a?.numberFormat ?? "General") === (b?.numberFormat ?? "General") && !!a?.bold === !!b?.bold;

export function cellChanges(before: WorkbookSnapshot, after: WorkbookSnapshot): CellChange[] {
  const changes: CellChange[] = [];
  for (const sheet of after.sheets) {
    const old = before.sheets.find((s) => s.name === sheet.name);
    const addresses = new Set([...Object.keys(sheet.cells), ...Object.keys(old?.cells ?? {})]);
    for (const address of addresses) {
      const [b, a] = [old?.cells[address], sheet.cells[address]];
      if (same(b, a)) continue;
      const { start } = parseRange(address);
      changes.push({ sheet: sheet.name, address, row: start.row, column: start.column, before: b, after: a, overwrote: content(b) !== "" && content(b) !== content(a) });
    }
  }
  for (const sheet of before.sheets.filter((s) => !after.sheets.some((a) => a.name === s.name))) {
    for (const [address, cell] of Object.entries(sheet.cells)) {
      const { start } = parseRange(address);
      changes.push({ sheet: sheet.name, address, row: start.row, column: start.column, before: cell, after: undefined, overwrote: content(cell) !== "" });
    }
  }
  return changes;
}

export const inRange = (range: RangeRef, row: number, column: number): boolean =>
  row >= range.start.row && row < range.start.row + range.rows && column >= range.start.column && column < range.start.column + range.columns;
