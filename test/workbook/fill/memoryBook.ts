/**
 * Test support for the fill planner: a workbook as plain grids that applies a plan's steps the way
 * the Excel adapter queues them, reads a FillSource back as the Excel side would, and evaluates every
 * formula with HyperFormula (an independent engine; GPL-3, used here for tests only).
 */
import { CellError, DetailedCellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { ProcedureAst } from "hyperformula/typings/parser";
import { CURRENT_RATES } from "../../../src/core";
import { itsCost, itsDays } from "../../../src/functions/functions";
import { type RangeRef, parseRange } from "../../../src/workbook/address";
import { EXTRA_COLUMNS, type ExistingSheet, type FillSource, OWN_SHEET_AREA, OWN_SHEET_CANDIDATES, SUMMARY_SHEET, candidateName, ratesSheetName } from "../../../src/workbook/fill";
import type { CellValue } from "../../../src/workbook/fill";
import type { CellInput, PlanStep, WorkbookPlan } from "../../../src/workbook/plan";
import { installCustomFunctionsHost } from "../../support/customFunctionsHost";

export type Grid = CellInput[][];

export class MemoryBook {
  readonly sheets = new Map<string, Grid>();
  readonly charts = new Map<string, { name: string; title: string; source: string; position: string }[]>();
  readonly tables = new Map<string, { sheet: string; address: string; totalsRow: boolean }>();
  readonly formats = new Map<string, string>();
  /** Ownership marks by sheet (custom property values). */
  readonly marks = new Map<string, string>();
  readonly steps: PlanStep[] = [];

  constructor(sheets: Record<string, Grid>) {
    for (const [name, grid] of Object.entries(sheets)) this.sheets.set(name, grid.map((r) => [...r]));
  }

  cell(sheet: string, row: number, column: number): CellInput {
    return this.sheets.get(sheet)?.[row]?.[column] ?? "";
  }

  private grid(sheet: string): Grid {
    const grid = this.sheets.get(sheet);
    if (!grid) throw new Error(`No sheet "${sheet}"`);
    return grid;
  }

  apply(plan: WorkbookPlan): void {
    for (const step of plan.steps) {
      this.steps.push(step);
      switch (step.kind) {
        case "addSheet":
          if (this.sheets.has(step.sheet)) throw new Error(`Sheet "${step.sheet}" exists`);
          this.sheets.set(step.sheet, []);
          break;
        case "setCells": {
          const { start, rows, columns } = parseRange(step.address);
          if (step.cells.length !== rows || step.cells.some((r) => r.length !== columns)) throw new Error(`Size mismatch at ${step.address}`);
          const grid = this.grid(step.sheet);
          step.cells.forEach((row, r) =>
            row.forEach((cell, c) => {
              const line = (grid[start.row + r] ??= []);
              line[start.column + c] = cell;
            }),
          );
          break;
        }
        case "setNumberFormat": {
          const { start, rows, columns } = parseRange(step.address);
          for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) this.formats.set(`${step.sheet}!${start.row + r},${start.column + c}`, step.format);
          break;
        }
        case "addChart":
          this.grid(step.sheet);
          this.charts.set(step.sheet, [...(this.charts.get(step.sheet) ?? []), { name: step.name, title: step.title, source: step.source, position: step.position }]);
          break;
        case "updateChart": {
          const chart = this.charts.get(step.sheet)?.find((c) => c.name === step.chart);
          if (!chart) throw new Error(`No chart "${step.chart}" on "${step.sheet}"`);
          Object.assign(chart, { name: step.name, title: step.title, source: step.source, position: step.position });
          break;
        }
        case "markSheet":
          this.grid(step.sheet);
          this.marks.set(step.sheet, step.value);
          break;
        case "resizeTable": {
          const table = this.tables.get(step.table);
          if (!table) throw new Error(`No table ${step.table}`);
          table.address = step.address;
          break;
        }
        default:
          this.grid("sheet" in step ? step.sheet : "");
      }
    }
  }

  /** What the Excel side reads for a fill of `region` on `sheet` (formulas and values alike: no engine here). */
  read(sheet: string, region: RangeRef, table: FillSource["table"] = null): FillSource {
    const cells = (r0: number, c0: number, rows: number, columns: number): CellValue[][] =>
      Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => this.cell(sheet, r0 + r, c0 + c)));
    const grid = cells(region.start.row, region.start.column, region.rows, region.columns + EXTRA_COLUMNS);
    const { rows, columns } = parseRange(OWN_SHEET_AREA);
    const existing = (base: string): ExistingSheet[] =>
      Array.from({ length: OWN_SHEET_CANDIDATES }, (_, i) => candidateName(base, i + 1))
        .filter((name) => this.sheets.has(name))
        .map((name) => ({
          name,
          mark: this.marks.get(name) ?? null,
          cells: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => this.cell(name, r, c))),
          charts: (this.charts.get(name) ?? []).map((c) => ({ name: c.name, title: c.title })),
        }));
    return {
      sheet,
      region,
      table,
      formulas: grid,
      values: grid,
      used: this.used(sheet),
      usedBelow: null,
      mark: this.marks.get(sheet) ?? null,
      ratesSheets: existing(ratesSheetName(CURRENT_RATES)),
      summarySheets: existing(SUMMARY_SHEET),
    };
  }

  /** The sheet's used range: every row and column with a non-empty cell (the planner places new columns right of it). */
  private used(sheet: string): RangeRef | null {
    const grid = this.sheets.get(sheet) ?? [];
    let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
    grid.forEach((row, r) =>
      (row ?? []).forEach((cell, c) => {
        if (cell === "" || cell === undefined || cell === null) return;
        [top, left, bottom, right] = [Math.min(top, r), Math.min(left, c), Math.max(bottom, r), Math.max(right, c)];
      }),
    );
    return bottom < 0 ? null : { start: { row: top, column: left }, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

/** Cell values as Excel's custom-function runtime passes them: blanks as null. */
const toArg = (v: unknown): unknown => (v === EmptyValue ? null : v);

function fromResult(result: unknown): number | string | CellError {
  if (result instanceof Error && "code" in result) {
    const code = String((result as { code: string }).code);
    return new CellError(code === "#NUM!" ? ErrorType.NUM : ErrorType.VALUE, result.message);
  }
  return result as number | string;
}

/** LAUSD.ITSDAYS and LAUSD.ITSCOST in HyperFormula, calling the add-in's own functions module. */
class LausdPlugin extends FunctionPlugin {
  itsdays(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata("LAUSD.ITSDAYS"), (e: unknown, year: unknown) =>
      fromResult(itsDays([[toArg(e)]], year === undefined ? undefined : (toArg(year) as never))[0][0]),
    );
  }
  itscost(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(ast.args, state, this.metadata("LAUSD.ITSCOST"), (d: unknown, o: unknown, year: unknown) =>
      fromResult(itsCost([[toArg(d)]], toArg(o) as never, year === undefined ? undefined : (toArg(year) as never))[0][0]),
    );
  }
}
(LausdPlugin as unknown as { implementedFunctions: object }).implementedFunctions = {
  "LAUSD.ITSDAYS": { method: "itsdays", parameters: [{ argumentType: FunctionArgumentType.NOERROR }, { argumentType: FunctionArgumentType.NOERROR, optionalArg: true }] },
  "LAUSD.ITSCOST": {
    method: "itscost",
    parameters: [
      { argumentType: FunctionArgumentType.NOERROR },
      { argumentType: FunctionArgumentType.NOERROR, optionalArg: true },
      { argumentType: FunctionArgumentType.NOERROR, optionalArg: true },
    ],
  },
};
let registered = false;

/** The shown value of every cell, as an engine computes it: numbers, text, "" for blank, "#VALUE!"-style errors. */
export type Shown = number | string | boolean;

export function evaluate(book: MemoryBook): Map<string, Shown[][]> {
  installCustomFunctionsHost();
  if (!registered) {
    HyperFormula.registerFunctionPlugin(LausdPlugin, { enGB: { "LAUSD.ITSDAYS": "LAUSD.ITSDAYS", "LAUSD.ITSCOST": "LAUSD.ITSCOST" } });
    registered = true;
  }
  const sheets: Record<string, Grid> = {};
  for (const [name, grid] of book.sheets) sheets[name] = Array.from(grid, (row) => Array.from(row ?? [], (c) => c ?? ""));
  const hf = HyperFormula.buildFromSheets(sheets as never, { licenseKey: "gpl-v3" });
  const shown = new Map<string, Shown[][]>();
  for (const name of book.sheets.keys()) {
    const values = hf.getSheetValues(hf.getSheetId(name)!);
    shown.set(name, values.map((row) => row.map((v) => (v instanceof DetailedCellError ? v.value : (v ?? "")))));
  }
  hf.destroy();
  return shown;
}
