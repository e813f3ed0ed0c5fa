/**
 * "Make this sheet work without the add-in", planned: from a sheet's used range as read to the cells that change
 * (each LAUSD formula becomes a portable formula over the rates sheet, or its value), the rates sheets to add, what is
 * left and why, and the writes in blocks under the request limit. Pure: ../excel/portable.ts reads and applies.
 */
import { RATE_TABLES, type RateTable } from "../../core";
import { cellAddress, columnLetters, parseRange, rangeAddress } from "../address";
import { BLOCK_BYTES, type CellValue, ratesSheet, utf8Bytes } from "../fill";
import type { CellInput, PlanStep, WorkbookPlan } from "../plan";
import { asText } from "../quote/budgetSheet";
import { type Conversion, convertFormula, ratesTableCells } from "./rewrite";

export type PortableMode = "portable" | "values";

export const PORTABLE_MODE_LABELS: Record<PortableMode, string> = {
  portable: "Portable formulas (read the rates sheet; recalculate in any Excel, LibreOffice or Google Sheets)",
  values: "Values (the numbers as they are now; they no longer follow the cells they came from)",
};

/** What the Excel side reads of the sheet and the workbook. */
export interface PortableRead {
  readonly sheet: string;
  /** The used range (no sheet name), or null for an empty sheet. */
  readonly address: string | null;
  /** Range.formulas of the used range. */
  readonly formulas: readonly (readonly CellValue[])[];
  /** Range.values of the used range. */
  readonly values: readonly (readonly CellValue[])[];
  /** Range.valueTypes of the used range ("Error" tells an error from text that looks like one). */
  readonly valueTypes?: readonly (readonly string[])[];
  readonly sheetNames: readonly string[];
  /** Formulas over each existing rates sheet's area (ratesSheet(t).area), by sheet name. */
  readonly ratesSheets: Readonly<Record<string, readonly (readonly CellValue[])[]>>;
}

export interface CellChange {
  readonly address: string;
  /** The column's header (the used range's first row), or "" when it has none. */
  readonly header: string;
  readonly before: string;
  readonly after: CellInput;
}

export interface LeftCell {
  readonly address: string;
  readonly header: string;
  readonly formula: string;
  readonly reason: string;
}

export interface PortablePlan {
  readonly sheet: string;
  readonly mode: PortableMode;
  readonly changes: readonly CellChange[];
  /** Columns changed, in sheet order: header, letters, how many cells. */
  readonly columns: readonly { readonly header: string; readonly column: string; readonly cells: number }[];
  readonly left: readonly LeftCell[];
  /** Rates sheets added (portable formulas read them). */
  readonly ratesSheetsAdded: readonly string[];
  /** Formulas that name no fiscal year and are fixed to `year` (the newest bundled year); 0 when none. */
  readonly unnamedYear: { readonly formulas: number; readonly year: string };
  /** One request each, in order; empty when nothing changes. */
  readonly blocks: readonly WorkbookPlan[];
  /** Pass back to apply: a fresh read must give the same plan. */
  readonly token: string;
}

/** Why nothing can be planned, in words the user can act on. */
export class PortableError extends Error {}

const LITERAL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

/** A formula's value as a cell input that Excel keeps as exactly that value. */
function valueInput(value: CellValue, type: string | undefined): CellInput | { reason: string } {
  if (typeof value !== "string") return value;
  const isError = type === undefined ? /^#[A-Z/0!?_]+[!?A]$/.test(value) : type === "Error";
  if (isError) return LITERAL_ERRORS.has(value) ? `=${value}` : { reason: `it shows ${value}, which is not a value; wait until Excel has computed it, or fix its inputs` };
  return value === "" ? "" : asText(value);
}

const sameCell = (a: CellValue | undefined, b: CellInput): boolean => (a ?? "") === b;

/** Plans the conversion of the read sheet. Throws PortableError when it must not go ahead (the message says why). */
export function planPortable(read: PortableRead, mode: PortableMode, tables: readonly RateTable[] = RATE_TABLES, blockBytes = BLOCK_BYTES): PortablePlan {
  const newest = tables[tables.length - 1];
  const empty = { sheet: read.sheet, mode, changes: [], columns: [], left: [], ratesSheetsAdded: [], unnamedYear: { formulas: 0, year: newest.fiscalYear }, blocks: [], token: "[]" };
  if (!read.address) return empty;
  const used = parseRange(read.address);
  const headerOf = (r: number, c: number) => {
    const top = read.values[0]?.[c];
    return r > 0 && typeof top === "string" ? top : "";
  };
  const cells = new Map<string, { row: number; column: number; input: CellInput }>();
  const changes: CellChange[] = [];
  const left: LeftCell[] = [];
  const years = new Set<RateTable>();
  let unnamed = 0;
  const put = (row: number, column: number, input: CellInput, before: CellValue, header: string) => {
    const address = cellAddress({ row: used.start.row + row, column: used.start.column + column });
    cells.set(address, { row: used.start.row + row, column: used.start.column + column, input });
    changes.push({ address, header, before: String(before), after: input });
  };

  read.formulas.forEach((rowFormulas, r) =>
    rowFormulas.forEach((formula, c) => {
      const conversion: Conversion = convertFormula(formula, tables);
      if (conversion.kind === "none") return;
      const address = cellAddress({ row: used.start.row + r, column: used.start.column + c });
      const header = headerOf(r, c);
      const leave = (reason: string) => left.push({ address, header, formula: String(formula), reason });
      if (conversion.kind === "notConverted" && !(mode === "values" && conversion.valuesOnly)) return leave(conversion.reason);
      if (conversion.kind === "ratesTable") {
        const block = ratesTableCells(conversion.year, mode);
        // The table spills from this cell: its other cells must hold nothing of their own (a blocked spill shows #SPILL!).
        const outside = r + block.length > used.rows || c + block[0].length > used.columns;
        const blocked = block.some((cellsRow, i) => cellsRow.some((_, j) => (i > 0 || j > 0) && String(read.formulas[r + i]?.[c + j] ?? "").startsWith("=")));
        const shown = read.values[r]?.[c];
        if (typeof shown === "string" && shown.startsWith("#")) return leave(`it shows ${shown}: make room for its ${block.length} rows and ${block[0].length} columns first`);
        if (outside || blocked) {
          return leave(`its rate table spills over cells that hold formulas of their own, or past the cells read; make room for ${block.length} rows and ${block[0].length} columns`);
        }
        if (mode === "portable") years.add(conversion.year);
        if (conversion.unnamedYear) unnamed++;
        block.forEach((cellsRow, i) => cellsRow.forEach((input, j) => put(r + i, c + j, typeof input === "string" && !input.startsWith("=") ? asText(input) : input, read.formulas[r + i]?.[c + j] ?? "", headerOf(r + i, c + j))));
        return;
      }
      if (mode === "values") {
        const value = valueInput(read.values[r]?.[c] ?? "", read.valueTypes?.[r]?.[c]);
        if (typeof value === "object") return leave(value.reason);
        if (conversion.kind === "formula" && conversion.unnamedYear) unnamed++;
        return put(r, c, value, formula, header);
      }
      if (conversion.kind !== "formula") return;
      conversion.years.forEach((y) => years.add(y));
      if (conversion.unnamedYear) unnamed++;
      put(r, c, conversion.formula, formula, header);
    }),
  );

  // The rates sheets the formulas read: added when missing; one that exists must hold exactly the memo's table.
  const ratesSheetsAdded: string[] = [];
  const ratesSteps: PlanStep[] = [];
  for (const table of tables.filter((t) => years.has(t))) {
    const layout = ratesSheet(table);
    const existing = Object.entries(read.ratesSheets).find(([name]) => name.toLowerCase() === layout.name.toLowerCase())?.[1];
    const exists = read.sheetNames.some((n) => n.toLowerCase() === layout.name.toLowerCase());
    if (exists) {
      const wrong = layout.cells.flatMap((row, i) => row.map((cell, j) => ({ i, j, cell }))).find(({ i, j, cell }) => !sameCell(existing?.[i]?.[j], cell));
      if (wrong) {
        const at = cellAddress({ row: wrong.i, column: wrong.j });
        throw new PortableError(
          `The sheet "${layout.name}" does not hold the memo's FY ${table.fiscalYear} rates (cell ${at} holds ${JSON.stringify(existing?.[wrong.i]?.[wrong.j] ?? "")}, the memo's table has ${JSON.stringify(wrong.cell)}), ` +
            `and the portable formulas would read it. Rename or delete that sheet (the add-in adds it again), then check again.`,
        );
      }
      continue;
    }
    ratesSheetsAdded.push(layout.name);
    ratesSteps.push(
      { kind: "addSheet", sheet: layout.name },
      { kind: "setNumberFormat", sheet: layout.name, address: layout.currency, format: "$#,##0" },
      ...layout.boldRows.map((row) => ({ kind: "setBold", sheet: layout.name, address: `A${row + 1}:D${row + 1}` }) as const),
      { kind: "setCells", sheet: layout.name, address: layout.area, cells: layout.cells },
      { kind: "autofitColumns", sheet: layout.name, address: `A6:D${layout.cells.length}` },
    );
  }

  const blocks = blocksOf(read.sheet, [...cells.values()], blockBytes);
  if (ratesSteps.length > 0) blocks[0] = { steps: [...ratesSteps, ...(blocks[0]?.steps ?? [])] };
  const byColumn = new Map<number, { header: string; cells: number }>();
  for (const cell of cells.values()) {
    const entry = byColumn.get(cell.column) ?? { header: headerOf(1, cell.column - used.start.column), cells: 0 };
    entry.cells++;
    byColumn.set(cell.column, entry);
  }
  const columns = [...byColumn.entries()].sort(([a], [b]) => a - b).map(([column, e]) => ({ header: e.header, column: columnLetters(column), cells: e.cells }));
  const unnamedYear = { formulas: unnamed, year: newest.fiscalYear };
  const token = JSON.stringify([read.sheet, mode, changes, ratesSheetsAdded]);
  return { sheet: read.sheet, mode, changes, columns, left, ratesSheetsAdded, unnamedYear, blocks, token };
}

/**
 * The writes: rectangles of changed cells only (a row's run of adjacent changed cells, merged with the rows below that
 * have the same run), so no cell outside the list is written; one setCells each, in requests of at most `blockBytes`.
 */
function blocksOf(sheet: string, cells: readonly { row: number; column: number; input: CellInput }[], blockBytes: number): WorkbookPlan[] {
  const byRow = new Map<number, Map<number, CellInput>>();
  for (const c of cells) (byRow.get(c.row) ?? byRow.set(c.row, new Map()).get(c.row)!).set(c.column, c.input);
  const runs: { row: number; column: number; inputs: CellInput[] }[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const columns = [...byRow.get(row)!.keys()].sort((a, b) => a - b);
    for (let i = 0; i < columns.length; ) {
      let j = i;
      while (j + 1 < columns.length && columns[j + 1] === columns[j] + 1) j++;
      runs.push({ row, column: columns[i], inputs: columns.slice(i, j + 1).map((c) => byRow.get(row)!.get(c)!) });
      i = j + 1;
    }
  }
  // Rectangles: a run continues the rectangle above it when it spans the same columns on the next row.
  const open = new Map<string, { row: number; column: number; grid: CellInput[][]; bytes: number }>();
  const rectangles: { row: number; column: number; grid: CellInput[][]; bytes: number }[] = [];
  for (const run of runs) {
    const key = `${run.column}:${run.inputs.length}`;
    const bytes = utf8Bytes(JSON.stringify(run.inputs)) + 1;
    const above = open.get(key);
    if (above && above.row + above.grid.length === run.row && above.bytes + bytes <= blockBytes) {
      above.grid.push(run.inputs);
      above.bytes += bytes;
    } else {
      const rectangle = { row: run.row, column: run.column, grid: [run.inputs], bytes };
      open.set(key, rectangle);
      rectangles.push(rectangle);
    }
  }
  const blocks: { steps: PlanStep[]; bytes: number }[] = [];
  for (const r of rectangles) {
    const step: PlanStep = { kind: "setCells", sheet, address: rangeAddress({ start: { row: r.row, column: r.column }, rows: r.grid.length, columns: r.grid[0].length }), cells: r.grid };
    const last = blocks[blocks.length - 1];
    if (last && last.bytes + r.bytes <= blockBytes) {
      last.steps.push(step);
      last.bytes += r.bytes;
    } else blocks.push({ steps: [step], bytes: r.bytes });
  }
  return blocks.map((b) => ({ steps: b.steps }));
}

/** "D2, D3, H2 and 9 more": the first few addresses of a list. */
export function firstAddresses(addresses: readonly string[], shown = 5): string {
  if (addresses.length <= shown) return addresses.join(", ");
  return `${addresses.slice(0, shown).join(", ")} and ${(addresses.length - shown).toLocaleString("en-US")} more`;
}

/** The confirmation, as sentences: exactly what changes. */
export function confirmationLines(plan: PortablePlan): string[] {
  const n = plan.changes.length;
  const cellsWord = (k: number) => `${k.toLocaleString("en-US")} ${k === 1 ? "cell" : "cells"}`;
  const lines: string[] = [];
  if (n === 0) lines.push(`Nothing to change on "${plan.sheet}": no LAUSD formula there can be converted.`);
  else {
    const what = plan.mode === "portable" ? "portable formulas over the rates sheet" : "their values as shown now";
    const columns = plan.columns.map((c) => (c.header ? `"${c.header}" (${c.column}, ${cellsWord(c.cells)})` : `column ${c.column} (${cellsWord(c.cells)})`)).join(", ");
    lines.push(`${cellsWord(n)} on "${plan.sheet}" become ${what}: ${columns}.`);
    lines.push(`First: ${firstAddresses(plan.changes.map((c) => c.address))}.`);
  }
  for (const sheet of plan.ratesSheetsAdded) lines.push(`Adds the sheet "${sheet}" (the memo's rates, which the portable formulas read).`);
  const { formulas, year } = plan.unnamedYear;
  if (formulas > 0) {
    lines.push(
      `${formulas.toLocaleString("en-US")} of these ${formulas === 1 ? "formula names" : "formulas name"} no fiscal year: ${formulas === 1 ? "it is" : "they are"} fixed to FY ${year}, the newest bundled year.`,
    );
  }
  if (plan.left.length > 0) {
    lines.push(`Not converted (${plan.left.length.toLocaleString("en-US")}), left as they are and still needing the add-in:`);
    for (const cell of plan.left.slice(0, 10)) lines.push(`${cell.address} ${cell.formula}: ${cell.reason}.`);
    if (plan.left.length > 10) lines.push(`... and ${(plan.left.length - 10).toLocaleString("en-US")} more.`);
  }
  return lines;
}
