/**
 * Formula values for the emulated workbook, computed by HyperFormula (GPL-3.0: licenseKey "gpl-v3",
 * so this is for the preview and tests only, never the production add-in bundle). The LAUSD.*
 * custom functions are the add-in's own (src/functions/functions.ts), called as Excel calls them:
 * 2-D arrays in, 2-D arrays out, spilling when larger than one cell.
 */
import "./custom-functions-shim";
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import { itsCost, itsDays, itsRates } from "../../functions/functions";
import { errorCodeOf } from "./custom-functions-shim";
import { type CellValue, type FormulaEvaluator, MAX_COLUMNS, MAX_ROWS, type SheetModel, type WorkbookModel, isFormulaCell } from "./model";
import { parseFormula, sheetPrefix } from "./formula-syntax";
import { expandStructuredRefs } from "./structured-refs";

type Ast = Parameters<FunctionPlugin["evaluateAst" & keyof FunctionPlugin]>[0];
// FunctionPlugin's protected helpers take the interpreter's AST and state; their types are internal.
type ProcedureAst = { args: Ast[] };
type State = never;

const ERROR_TYPES: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#NUM!": ErrorType.NUM,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#REF!": ErrorType.REF,
  "#NAME?": ErrorType.NAME,
  "#NULL!": ErrorType.ERROR,
};

/**
 * What a blank cell is to a custom function: null (Excel on the web, current builds), or 0 on a host
 * profile like the desktop builds of office-js #4702 and #5262. Set for each evaluation of a workbook.
 */
let blankArgument: null | 0 = null;

/** A cell value as Excel hands it to a custom function. */
function toCustomArg(value: unknown): unknown {
  return value === EmptyValue ? blankArgument : toExcelArg(value);
}

/** A cell value as a built-in function sees it: blank is null. */
function toExcelArg(value: unknown): unknown {
  if (value === EmptyValue) return null;
  if (typeof value === "object" && value !== null && "val" in value) return (value as { val: number }).val;
  return value;
}

function toGrid(arg: unknown): unknown[][] {
  return arg instanceof SimpleRangeValue ? arg.data.map((row) => row.map(toCustomArg)) : [[toCustomArg(arg)]];
}

function fromExcelResult(value: unknown): unknown {
  const code = errorCodeOf(value);
  if (code) return new CellError(ERROR_TYPES[code] ?? ErrorType.ERROR, (value as Error).message);
  return value;
}

/** Calls a custom function; errors in arguments propagate, as Excel does not call the function then. */
function callCustom(fn: () => unknown[][]): unknown {
  let result: unknown[][];
  try {
    result = fn();
  } catch (e) {
    return fromExcelResult(e) instanceof CellError ? fromExcelResult(e) : new CellError(ErrorType.VALUE, String(e));
  }
  const cells = result.map((row) => row.map(fromExcelResult));
  if (cells.length === 1 && cells[0].length === 1) return cells[0][0];
  return SimpleRangeValue.onlyValues(cells as never);
}

/** An optional scalar argument as Excel hands it to a custom function: omitted is undefined; a range where a scalar is declared is #VALUE!. */
function scalarArg(arg: unknown): unknown {
  if (arg === undefined) return undefined;
  return arg instanceof SimpleRangeValue ? new CellError(ErrorType.VALUE, "A range where the function takes one value") : toCustomArg(arg);
}

const YEAR = { argumentType: FunctionArgumentType.ANY, optionalArg: true };

const firstError = (args: unknown[]) => args.flatMap((a) => (a instanceof SimpleRangeValue ? a.data.flat() : [a])).find((v) => v instanceof CellError);

class LausdFunctions extends FunctionPlugin {
  static implementedFunctions = {
    "LAUSD.ITSDAYS": { method: "itsdays", sizeOfResultArrayMethod: "sameSize", parameters: [{ argumentType: FunctionArgumentType.ANY }, YEAR] },
    "LAUSD.ITSCOST": {
      method: "itscost",
      sizeOfResultArrayMethod: "sameSize",
      parameters: [{ argumentType: FunctionArgumentType.ANY }, { argumentType: FunctionArgumentType.ANY, optionalArg: true }, YEAR],
    },
    "LAUSD.ITSRATES": { method: "itsrates", sizeOfResultArrayMethod: "ratesSize", parameters: [YEAR] },
    LOOKUP: {
      method: "lookup",
      parameters: [{ argumentType: FunctionArgumentType.NOERROR }, { argumentType: FunctionArgumentType.RANGE }, { argumentType: FunctionArgumentType.RANGE, optionalArg: true }],
    },
  };

  itsdays(ast: ProcedureAst, state: State) {
    return this.runFunction(ast.args, state, this.metadata("LAUSD.ITSDAYS"), (arg: unknown, year: unknown) => {
      const fiscalYear = scalarArg(year);
      return (firstError([arg, fiscalYear]) ?? callCustom(() => itsDays(toGrid(arg), fiscalYear as never))) as never;
    });
  }

  itscost(ast: ProcedureAst, state: State) {
    return this.runFunction(ast.args, state, this.metadata("LAUSD.ITSCOST"), (days: unknown, option: unknown, year: unknown) => {
      const fiscalYear = scalarArg(year);
      const optionArg = option === undefined ? null : scalarArg(option);
      return (firstError([days, optionArg, fiscalYear]) ?? callCustom(() => itsCost(toGrid(days), optionArg as never, fiscalYear as never))) as never;
    });
  }

  itsrates(ast: ProcedureAst, state: State) {
    return this.runFunction(ast.args, state, this.metadata("LAUSD.ITSRATES"), (year: unknown) => {
      const fiscalYear = scalarArg(year);
      return (firstError([fiscalYear]) ?? callCustom(() => itsRates(fiscalYear as never))) as never;
    });
  }

  /** The result takes the shape of the first argument (a cell or a range). */
  sameSize(ast: ProcedureAst, state: State) {
    if (ast.args.length === 0) return ArraySize.scalar();
    const size = this.arraySizeForAst(ast.args[0], state);
    return new ArraySize(size.width, size.height);
  }

  /** The newest year's shape: every bundled year has the same table (days 0-5 by three options). */
  ratesSize() {
    const rows = itsRates();
    return new ArraySize(rows[0].length, rows.length);
  }

  /**
   * LOOKUP (vector and array forms), which HyperFormula lacks: the last entry <= the value in an
   * ascending vector, of the same type (numbers with numbers, text with text, case-insensitive).
   */
  lookup(ast: ProcedureAst, state: State) {
    return this.runFunction(ast.args, state, this.metadata("LOOKUP"), (value: unknown, lookupRange: SimpleRangeValue, resultRange?: SimpleRangeValue) => {
      const grid = lookupRange.data;
      const wide = grid[0].length > grid.length;
      let keys: unknown[];
      let results: unknown[];
      if (resultRange) {
        keys = grid.flat();
        results = resultRange.data.flat();
      } else {
        keys = wide ? grid[0] : grid.map((r) => r[0]);
        results = wide ? grid[grid.length - 1] : grid.map((r) => r[r.length - 1]);
      }
      const v = toExcelArg(value);
      let found = -1;
      keys.forEach((k, i) => {
        const key = toExcelArg(k);
        if (typeof key === "number" && typeof v === "number" && key <= v) found = i;
        else if (typeof key === "string" && typeof v === "string" && key.toLowerCase() <= v.toLowerCase()) found = i;
      });
      if (found < 0 || found >= results.length) return new CellError(ErrorType.NA, "LOOKUP found no value less than or equal to the lookup value.");
      return (results[found] === EmptyValue ? 0 : results[found]) as never;
    });
  }
}

let registered = false;
function register(): void {
  if (registered) return;
  const names = Object.fromEntries(Object.keys(LausdFunctions.implementedFunctions).map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(LausdFunctions as never, { enGB: names, enUS: names });
  registered = true;
}

function toCellValue(value: unknown): CellValue {
  if (value instanceof DetailedCellError) return value.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return "#VALUE!";
}

/** Above this many changed cells, building the engine again is faster than editing it. */
const MAX_INCREMENTAL_EDITS = 5000;

/** Why the engine could not hold a workbook, per evaluator; absent while it can. */
const failures = new WeakMap<FormulaEvaluator, string>();

/**
 * Why `evaluator` computes no formulas at the moment (HyperFormula refused the workbook), or null. Its formula
 * cells then show #CALC! ("the calculation engine does not support this"); the workbook itself is unchanged.
 */
export function evaluationFailure(evaluator: FormulaEvaluator | undefined): string | null {
  return (evaluator && failures.get(evaluator)) ?? null;
}

/**
 * One HyperFormula engine per workbook: built from the whole workbook at first and after structural
 * changes (sheets, tables, moved cells), otherwise updated with the cells that changed. When the engine
 * cannot be built (out of memory, say), formula cells show #CALC! and evaluationFailure() says why,
 * rather than every read of a value throwing (which blanked the preview).
 */
export function hyperFormulaEvaluator(): FormulaEvaluator {
  register();
  let engine: HyperFormula | undefined;
  let structure = -1;
  const evaluate: FormulaEvaluator = (book: WorkbookModel) => {
    blankArgument = book.host.blanksAsZero ? 0 : null;
    const edits = book.drainEdits();
    let hf: HyperFormula;
    try {
      hf = engine && structure === book.structureVersion && edits.length <= MAX_INCREMENTAL_EDITS && update(engine, book, edits) ? engine : rebuild(book);
    } catch (e) {
      engine?.destroy();
      engine = undefined;
      failures.set(evaluate, e instanceof Error ? e.message : String(e));
      return (sheet: SheetModel, row: number, column: number) => (isFormulaCell(sheet.cell(row, column)) ? "#CALC!" : "");
    }
    failures.delete(evaluate);
    if (hf !== engine) {
      engine?.destroy();
      engine = hf;
      structure = book.structureVersion;
    }
    return (sheet: SheetModel, row: number, column: number) => {
      const id = hf.getSheetId(sheet.name);
      if (id === undefined) throw new Error(`Excel emulation: no sheet ${sheetPrefix(sheet.name)} in the formula engine.`);
      return toCellValue(hf.getCellValue({ sheet: id, row, col: column }));
    };
  };
  return evaluate;
}

function rebuild(book: WorkbookModel): HyperFormula {
  const sheets: Record<string, (CellValue | null)[][]> = {};
  for (const sheet of book.sheets) sheets[sheet.name] = sheetContents(book, sheet);
  // HyperFormula's default sheet is 40,000 rows by 18,278 columns; an Excel sheet is 1,048,576 by 16,384.
  return HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic: false, smartRounding: true, maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
}

/** Applies cell edits; false when the engine refused one (then it is rebuilt). */
function update(hf: HyperFormula, book: WorkbookModel, edits: ReturnType<WorkbookModel["drainEdits"]>): boolean {
  if (edits.length === 0) return true;
  try {
    hf.batch(() => {
      for (const { sheet, row, column } of edits) {
        const id = hf.getSheetId(sheet.name);
        if (id === undefined) throw new Error("sheet missing");
        hf.setCellContents({ sheet: id, row, col: column }, [[engineInput(book, sheet, row, column)]]);
      }
    });
    return true;
  } catch {
    return false;
  }
}

/** What HyperFormula gets for a cell: formulas with table references made A1, text kept as text. */
function engineInput(book: WorkbookModel, sheet: SheetModel, row: number, column: number): CellValue | null {
  const cell = sheet.cell(row, column);
  if (cell?.input === undefined) return null;
  const input = cell.input;
  if (isFormulaCell(cell)) {
    // A name that is not defined is #NAME? in Excel ("=-Lincoln Annex"); HyperFormula cannot parse some of them (a
    // space is Excel's intersection operator), so the whole cell shows #NAME? (an IFERROR around it is not honoured).
    if (unknownNames(book, cell.input)) return "=#NAME?";
    return expandStructuredRefs(cell.input, { tables: book.tables, sheet, row, column });
  }
  // A leading ' keeps text as text (HyperFormula would read "0123" as a number).
  return typeof input === "string" ? `'${input}` : input;
}

function unknownNames(book: WorkbookModel, formula: string): boolean {
  try {
    return parseFormula(formula, (name) => book.table(name) !== undefined).unknownNames.length > 0;
  } catch {
    // Entered before a sheet it names was renamed, say: HyperFormula gives its own error.
    return false;
  }
}

function sheetContents(book: WorkbookModel, sheet: SheetModel): (CellValue | null)[][] {
  const rows: (CellValue | null)[][] = [];
  for (const k of sheet.cells.keys()) {
    const row = Math.floor(k / MAX_COLUMNS);
    const column = k % MAX_COLUMNS;
    const input = engineInput(book, sheet, row, column);
    if (input !== null) (rows[row] ??= [])[column] = input;
  }
  // HyperFormula wants dense rows.
  for (let i = 0; i < rows.length; i++) {
    rows[i] ??= [];
    for (let j = 0; j < rows[i].length; j++) if (rows[i][j] === undefined) rows[i][j] = null;
  }
  return rows;
}
