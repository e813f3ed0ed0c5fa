/**
 * The in-memory workbook behind the emulated Excel API: sheets of sparse cells (an input that is a
 * value or a formula, a number format, bold), tables, charts, freeze panes, the selection. No Office
 * types here; ./api.ts adapts this model to the Excel JavaScript API, the preview grid draws it, and
 * tests build and inspect it. Formula values come from a pluggable evaluator (./evaluator.ts).
 */
import { type RangeRef, columnLetters, parseRange, rangeAddress } from "../../workbook/address";
import { readEntry } from "./coercion";
import { FormulaSyntaxError, parseFormula, sheetPrefix } from "./formula-syntax";
import { Host, type HostOptions } from "./host";

/** What a cell shows: a number, text, a boolean, or "" when empty. Errors are their text, e.g. "#VALUE!". */
export type CellValue = string | number | boolean;

export interface Cell {
  /** The value or the formula (text starting with "=") as stored; absent when the cell is empty. */
  input?: CellValue;
  /**
   * The input is text although it starts with "=" (it was written with a leading apostrophe, or into a
   * Text "@" cell). Use isFormulaCell rather than testing input for "=".
   */
  text?: true;
  numberFormat?: string;
  bold?: boolean;
}

export interface TableModel {
  name: string;
  readonly id: string;
  readonly sheet: SheetModel;
  /** Header row, body and (when shown) totals row. */
  range: RangeRef;
  showTotals: boolean;
  style?: string;
}

export interface ChartModel {
  name: string;
  readonly id: string;
  type: string;
  /** Source data address on the chart's sheet, e.g. "J1:M6". */
  source: string;
  seriesBy: string;
  title: string;
  /** Cells the chart covers, e.g. "J8:P22" ("" until placed). */
  position: string;
}

/** Computes the value of formula cells; called again after every change of the workbook. */
export type FormulaEvaluator = (book: WorkbookModel) => (sheet: SheetModel, row: number, column: number) => CellValue;

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export class EmulationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "EmulationError";
  }
}

const key = (row: number, column: number) => row * MAX_COLUMNS + column;
/** True when the cell holds a formula (not text that starts with "="). */
export const isFormulaCell = (cell: Cell | undefined): cell is Cell & { input: string } =>
  cell !== undefined && !cell.text && typeof cell.input === "string" && cell.input.startsWith("=") && cell.input.length > 1;

export class SheetModel {
  readonly cells = new Map<number, Cell>();
  frozenRows = 0;
  frozenColumns = 0;
  readonly charts: ChartModel[] = [];
  /** Addresses whose columns were fitted to their contents (the preview widens them). */
  readonly autofitted: string[] = [];
  /**
   * Worksheet-level custom properties (Excel.WorksheetCustomPropertyCollection, ExcelApi 1.12), by lower-case key:
   * they belong to the sheet, so they keep through a rename; a user's copy of the sheet does not get them
   * (office-js #5486, "by design").
   */
  readonly customProperties = new Map<string, { key: string; value: string }>();
  /** Set by Worksheet.delete: objects that still point at the sheet fail (see requireLive). */
  deleted = false;
  /** How many cells hold a formula, kept by store() (so the book knows at once whether anything can spill). */
  formulaCount = 0;

  constructor(
    readonly book: WorkbookModel,
    public name: string,
    readonly id: string,
  ) {}

  cell(row: number, column: number): Cell | undefined {
    return this.cells.get(key(row, column));
  }

  /**
   * Refuses to use a deleted sheet through an object got before the delete (ItemNotFound; the docs are silent, so the
   * pessimistic reading: office.js objects stand for paths that no longer resolve).
   */
  requireLive(): void {
    if (this.deleted) throw new EmulationError("ItemNotFound", `The sheet "${this.name}" was deleted; get the sheet again by name before using it.`);
  }

  private edit(row: number, column: number): Cell {
    this.requireLive();
    let cell = this.cells.get(key(row, column));
    if (!cell) this.cells.set(key(row, column), (cell = {}));
    this.book.touch();
    return cell;
  }

  private prune(row: number, column: number, cell: Cell): void {
    if (cell.input === undefined && cell.numberFormat === undefined && !cell.bold) this.cells.delete(key(row, column));
  }

  /**
   * Enters a value as a write through Range.values or Range.formulas does (see ./coercion.ts): "=", "+"
   * and "-" start formulas, numeric and date text become numbers (with a number format), "'" and a Text
   * format keep text. A formula Excel refuses throws InvalidArgument. "" or null clears the content, not
   * the format.
   */
  setInput(row: number, column: number, input: CellValue | null): void {
    if (input === null || input === "" || typeof input !== "string") return this.store(row, column, input);
    const entry = readEntry(input, this.cell(row, column)?.numberFormat, this.book.host.thisYear());
    switch (entry.kind) {
      case "formula":
        return this.store(row, column, this.book.checkFormula(entry.formula, this, row, column));
      case "text":
        return this.store(row, column, entry.text, true);
      case "number":
        if (entry.format && this.numberFormat(row, column) === "General") this.setNumberFormat(row, column, entry.format);
        return this.store(row, column, entry.value);
      case "boolean":
        return this.store(row, column, entry.value);
    }
  }

  /**
   * Content of a workbook (or CSV) being opened rather than written by an add-in: read as typing, except that
   * text Excel would refuse as a formula ("= ", "=1+") can only be in a workbook as text, so it is kept as text.
   */
  setOpenedInput(row: number, column: number, input: CellValue | null): void {
    try {
      this.setInput(row, column, input);
    } catch (e) {
      if (!(e instanceof EmulationError) || e.code !== "InvalidArgument" || typeof input !== "string") throw e;
      this.store(row, column, input, true);
    }
  }

  /** Stores content as it is: a formula when it starts with "=" unless `asText`. */
  store(row: number, column: number, input: CellValue | null, asText = false): void {
    const cell = this.edit(row, column);
    const wasFormula = isFormulaCell(cell);
    if (input === null || input === "") delete cell.input;
    else cell.input = input;
    if (asText && typeof input === "string" && input.startsWith("=")) cell.text = true;
    else delete cell.text;
    this.formulaCount += Number(isFormulaCell(cell)) - Number(wasFormula);
    this.prune(row, column, cell);
    // A table's header names what its structured references mean.
    const header = this.book.tables.some((t) => t.sheet === this && t.range.start.row === row && column >= t.range.start.column && column < t.range.start.column + t.range.columns);
    if (header) this.book.structureChanged();
    else this.book.recordEdit(this, row, column);
  }

  /**
   * A user types `input` in a cell and presses Enter, as opposed to an add-in writing it: read as a write
   * is (see setInput), and a table grows over it by AutoExpansion when the cell is just below the table's
   * last row (when no totals row is shown) or just right of its last column (Microsoft Support, "Resize a
   * table by adding or removing rows and columns"). Formulas are not adjusted: A1 references such as
   * SUBTOTAL(109,H2:H5) keep their rows, structured references follow the table.
   */
  userTypes(row: number, column: number, input: CellValue): void {
    this.setInput(row, column, input);
    if (input === "") return;
    for (const table of this.tables()) {
      const { start, rows, columns } = table.range;
      const inColumns = column >= start.column && column < start.column + columns;
      const inRows = row >= start.row && row < start.row + rows;
      if (!table.showTotals && row === start.row + rows && inColumns) {
        table.range = { ...table.range, rows: rows + 1 };
      } else if (column === start.column + columns && inRows) {
        table.range = { ...table.range, columns: columns + 1 };
        if (this.formula(start.row, column) === "") this.store(start.row, column, `Column${columns + 1}`, true);
      } else {
        continue;
      }
      this.book.structureChanged();
      return;
    }
  }

  setNumberFormat(row: number, column: number, format: string): void {
    const cell = this.edit(row, column);
    if (format === "General") delete cell.numberFormat;
    else cell.numberFormat = format;
    this.prune(row, column, cell);
  }

  setBold(row: number, column: number, bold: boolean): void {
    const cell = this.edit(row, column);
    if (bold) cell.bold = true;
    else delete cell.bold;
    this.prune(row, column, cell);
  }

  /** The value Excel shows: the computed value for a formula, "" for an empty cell. */
  value(row: number, column: number): CellValue {
    const cell = this.cell(row, column);
    // An empty cell may show part of a spilled array formula.
    if (cell?.input === undefined) return this.book.evaluator && this.book.hasFormulas() ? this.book.formulaValue(this, row, column) : "";
    return isFormulaCell(cell) ? this.book.formulaValue(this, row, column) : cell.input;
  }

  /** What `Range.formulas` gives: the formula, or the value itself for a constant. */
  formula(row: number, column: number): CellValue {
    return this.cell(row, column)?.input ?? "";
  }

  numberFormat(row: number, column: number): string {
    return this.cell(row, column)?.numberFormat ?? "General";
  }

  /**
   * The smallest range holding every cell with content (and, unless valuesOnly, every formatted
   * cell), or null for an empty sheet. Excel's getUsedRange.
   */
  usedRange(valuesOnly = false): RangeRef | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [k, cell] of this.cells) {
      if (valuesOnly && cell.input === undefined) continue;
      const row = Math.floor(k / MAX_COLUMNS), column = k % MAX_COLUMNS;
      top = Math.min(top, row); bottom = Math.max(bottom, row);
      left = Math.min(left, column); right = Math.max(right, column);
    }
    if (bottom < 0) return null;
    return { start: { row: top, column: left }, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Moves every cell of columns [first, last] at or below `fromRow` down by `count` rows (Excel's "insert, shift down"). */
  shiftDown(fromRow: number, first: number, last: number, count: number): void {
    const moving = [...this.cells].filter(([k]) => {
      const row = Math.floor(k / MAX_COLUMNS), column = k % MAX_COLUMNS;
      return row >= fromRow && column >= first && column <= last;
    });
    // Refused before anything moves, so no cell (and no formula count) is lost halfway.
    if (moving.some(([k]) => Math.floor(k / MAX_COLUMNS) + count >= MAX_ROWS)) {
      throw new EmulationError("InvalidOperation", `Inserting ${count} rows on "${this.name}" would push cells past the last row.`);
    }
    for (const [k] of moving) this.cells.delete(k);
    for (const [k, cell] of moving) this.cells.set(key(Math.floor(k / MAX_COLUMNS) + count, k % MAX_COLUMNS), cell);
    this.book.structureChanged();
  }

  /** 2-D grid of a range, e.g. `sheet.grid("A1:C3", (r, c) => sheet.value(r, c))`. */
  grid<T>(address: string | RangeRef, read: (row: number, column: number) => T): T[][] {
    const ref = typeof address === "string" ? parseRange(address) : address;
    return Array.from({ length: ref.rows }, (_, i) => Array.from({ length: ref.columns }, (_, j) => read(ref.start.row + i, ref.start.column + j)));
  }

  values(address: string): CellValue[][] {
    return this.grid(address, (r, c) => this.value(r, c));
  }

  formulas(address: string): CellValue[][] {
    return this.grid(address, (r, c) => this.formula(r, c));
  }

  numberFormats(address: string): string[][] {
    return this.grid(address, (r, c) => this.numberFormat(r, c));
  }

  tables(): TableModel[] {
    return this.book.tables.filter((t) => t.sheet === this);
  }
}

export interface Selection {
  sheet: SheetModel;
  /** The first (or only) selected area. */
  range: RangeRef;
  /** Every selected area when the user selected several (Ctrl+click); absent for one. */
  areas?: readonly RangeRef[];
}

/** A plain description of a workbook: sheets (in order) as rows of inputs; see createWorkbookModel. */
export interface WorkbookSpec {
  sheets?: Record<string, readonly (readonly (CellValue | null | undefined)[])[]>;
  /** Name of the active sheet; the first sheet by default. */
  activeSheet?: string;
  /** Selected range on the active sheet, e.g. "A1:B20" (A1 by default). */
  selection?: string;
  tables?: readonly { name: string; sheet: string; address: string; showTotals?: boolean }[];
  numberFormats?: readonly { sheet: string; address: string; format: string }[];
  /** Worksheet custom properties saved in the workbook, e.g. an add-in's marks. */
  customProperties?: readonly { sheet: string; key: string; value: string }[];
  evaluator?: FormulaEvaluator;
  /** The emulated host: requirement sets, blanks as 0, today's date (see ./host.ts). */
  host?: HostOptions;
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  /** The sheet the user sees. */
  active!: SheetModel;
  /**
   * The sheet the API reports active when that differs from what the user sees: freezing panes on a sheet
   * that is not active fires WorksheetActivated for it while the user still sees the old one (office-js #3148).
   */
  apiActive?: SheetModel;
  selection!: Selection;
  /** Bumped on every change; evaluations are cached per version. */
  version = 0;
  private nextId = 1;
  private cache?: { version: number; valueAt: ReturnType<FormulaEvaluator> };
  private readonly listeners = new Set<() => void>();

  readonly host: Host;

  /** The active sheet as the API reports it (getActiveWorksheet, tables.add without a sheet name). */
  get reportedActive(): SheetModel {
    return this.apiActive ?? this.active;
  }

  constructor(
    readonly evaluator?: FormulaEvaluator,
    host: HostOptions = {},
  ) {
    this.host = new Host(host);
    this.host.onBlanksChange = () => this.structureChanged();
  }

  /**
   * Refuses (InvalidArgument) a formula Excel would not enter: bad syntax, a sheet name that needs quotes
   * used without them, or a sheet that does not exist (the docs are silent on the last; refusing is the
   * pessimistic reading). Gives the formula as Excel reads it back.
   */
  checkFormula(formula: string, sheet: SheetModel, row: number, column: number): string {
    const where = `${sheetPrefix(sheet.name)}!${columnLetters(column)}${row + 1}`;
    try {
      const facts = parseFormula(formula, (name) => this.table(name) !== undefined);
      const missing = facts.sheets.find((name) => !this.sheet(name));
      if (missing !== undefined) throw new FormulaSyntaxError(`there is no sheet named "${missing}"`);
      return facts.normalized;
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
      throw new EmulationError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. Excel refuses the formula ${JSON.stringify(formula)} for ${where}: ${e.message}.`);
    }
  }

  touch(): void {
    this.version++;
  }

  /**
   * Sheets, tables or cell positions changed (not just cell contents): an evaluator must rebuild
   * rather than apply the recorded edits.
   */
  structureVersion = 0;
  private edits: { sheet: SheetModel; row: number; column: number }[] = [];

  structureChanged(): void {
    this.structureVersion++;
    this.edits = [];
    this.touch();
  }

  recordEdit(sheet: SheetModel, row: number, column: number): void {
    if (this.evaluator) this.edits.push({ sheet, row, column });
  }

  /** Cells whose input changed since the last call (for incremental evaluators). */
  drainEdits(): { sheet: SheetModel; row: number; column: number }[] {
    const edits = this.edits;
    this.edits = [];
    return edits;
  }

  /** Called after each applied batch (the preview grid redraws). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  formulaValue(sheet: SheetModel, row: number, column: number): CellValue {
    if (!this.evaluator) {
      throw new EmulationError(
        "EmulationNoEvaluator",
        `Excel emulation: ${sheetPrefix(sheet.name)}!${columnLetters(column)}${row + 1} holds a formula but this workbook has no formula evaluator; create it with createWorkbook() (HyperFormula) or pass one.`,
      );
    }
    if (this.cache?.version !== this.version) this.cache = { version: this.version, valueAt: this.evaluator(this) };
    return this.cache.valueAt(sheet, row, column);
  }

  hasFormulas(): boolean {
    return this.sheets.some((s) => s.formulaCount > 0);
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The sheet named `name`, or a loud error listing the sheets there are. */
  requireSheet(name: string): SheetModel {
    const sheet = this.sheet(name);
    if (!sheet) throw new EmulationError("ItemNotFound", `No sheet named "${name}" (sheets: ${this.sheets.map((s) => `"${s.name}"`).join(", ")}).`);
    return sheet;
  }

  addSheet(name?: string): SheetModel {
    let chosen = name;
    for (let n = this.sheets.length + 1; chosen === undefined; n++) if (!this.sheet(`Sheet${n}`)) chosen = `Sheet${n}`;
    if (this.sheet(chosen)) throw new EmulationError("ItemAlreadyExists", `A sheet named "${chosen}" already exists.`);
    if (!chosen.trim() || chosen.length > 31 || /[:\\/?*[\]]/.test(chosen) || /^'|'$/.test(chosen)) {
      throw new EmulationError("InvalidArgument", `"${chosen}" is not a valid sheet name (1-31 characters, none of : \\ / ? * [ ], no leading or trailing ').`);
    }
    const sheet = new SheetModel(this, chosen, this.newId("sheet"));
    this.sheets.push(sheet);
    this.structureChanged();
    return sheet;
  }

  /**
   * A user's Move or Copy > Create a copy: a new sheet right after `source` with its cells, freeze panes, charts (new
   * ids) and tables (new ids; each renamed, since table names are unique in a workbook: the docs do not say to what,
   * so `${name}2`, `${name}3`, ...). Not its custom properties: Excel does not copy them (office-js #5486, "by design").
   */
  copySheet(source: SheetModel, name: string): SheetModel {
    const copy = this.addSheet(name);
    this.sheets.splice(this.sheets.indexOf(copy), 1);
    this.sheets.splice(this.sheets.indexOf(source) + 1, 0, copy);
    for (const [k, cell] of source.cells) copy.cells.set(k, { ...cell });
    copy.formulaCount = source.formulaCount;
    copy.frozenRows = source.frozenRows;
    copy.frozenColumns = source.frozenColumns;
    copy.charts.push(...source.charts.map((c) => ({ ...c, id: this.newId("chart") })));
    for (const t of source.tables()) {
      let n = 2;
      while (this.table(`${t.name}${n}`)) n++;
      this.tables.push({ name: `${t.name}${n}`, id: this.newId("table"), sheet: copy, range: t.range, showTotals: t.showTotals, ...(t.style ? { style: t.style } : {}) });
    }
    this.structureChanged();
    return copy;
  }

  /**
   * Worksheet.delete (ExcelApi 1.1): the sheet goes with its cells, tables, charts, freeze panes and custom properties.
   * Excel refuses to delete the last visible sheet (every emulated sheet is visible); the docs name no error code, so
   * InvalidOperation, the code the reference gives for a VeryHidden sheet. When the deleted sheet was active, the next
   * sheet to its right becomes active, or the one to its left when it was the last (the docs are silent; this is
   * Excel's own tab behaviour), with A1 selected. Formulas on other sheets that referred to it show #REF!.
   */
  deleteSheet(sheet: SheetModel): void {
    sheet.requireLive();
    if (this.sheets.length === 1) {
      throw new EmulationError("InvalidOperation", `"${sheet.name}" is the only visible sheet; a workbook must keep at least one visible sheet, so add another before deleting it.`);
    }
    const at = this.sheets.indexOf(sheet);
    this.sheets.splice(at, 1);
    sheet.deleted = true;
    this.tables.splice(0, this.tables.length, ...this.tables.filter((t) => t.sheet !== sheet));
    if (this.apiActive === sheet) this.apiActive = undefined;
    if (this.active === sheet) this.active = this.sheets[Math.min(at, this.sheets.length - 1)];
    if (this.selection.sheet === sheet) this.selection = { sheet: this.active, range: { start: { row: 0, column: 0 }, rows: 1, columns: 1 } };
    this.structureChanged();
  }

  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** Excel's rules for table names: unique in the workbook (with sheet-less names), a letter or _ first, no spaces. */
  checkTableName(name: string, except?: TableModel): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rRcC]$/.test(name)) {
      throw new EmulationError("InvalidArgument", `"${name}" is not a valid table name (start with a letter or _, no spaces, not a cell address).`);
    }
    const other = this.table(name);
    if (other && other !== except) throw new EmulationError("InvalidArgument", `A table named "${other.name}" already exists.`);
  }

  addTable(sheet: SheetModel, range: RangeRef): TableModel {
    if (range.rows < 1) throw new EmulationError("InvalidArgument", "A table needs at least a header row.");
    for (const t of this.tables) {
      if (t.sheet === sheet && overlaps(t.range, range)) {
        throw new EmulationError("InvalidArgument", `A table can't overlap another table: ${rangeAddress(range)} overlaps ${t.name} (${rangeAddress(t.range)}).`);
      }
    }
    let n = this.tables.length + 1;
    while (this.table(`Table${n}`)) n++;
    // Excel gives every header cell a unique text; blank headers become Column1, Column2, ...
    const seen = new Set<string>();
    for (let j = 0; j < range.columns; j++) {
      const column = range.start.column + j;
      let header = String(sheet.value(range.start.row, column)).trim() || `Column${j + 1}`;
      for (let k = 2; seen.has(header.toLowerCase()); k++) header = `${String(sheet.value(range.start.row, column)).trim() || "Column"}${k}`;
      seen.add(header.toLowerCase());
      // Headers are always text: a header "2025" stays text.
      if (sheet.formula(range.start.row, column) !== header) sheet.store(range.start.row, column, header, true);
    }
    // A body row is always present: Excel adds an empty one under a lone header row.
    const table: TableModel = { name: `Table${n}`, id: this.newId("table"), sheet, range: range.rows === 1 ? { ...range, rows: 2 } : range, showTotals: false };
    this.tables.push(table);
    this.structureChanged();
    return table;
  }

  /** Shows or hides the totals row. Showing it needs the row under the table to be empty (the emulation never overwrites). */
  setShowTotals(table: TableModel, show: boolean): void {
    if (table.showTotals === show) return;
    const { sheet, range } = table;
    const first = range.start.column;
    if (show) {
      const row = range.start.row + range.rows;
      for (let c = first; c < first + range.columns; c++) {
        if (sheet.cell(row, c)?.input !== undefined) {
          throw new EmulationError(
            "InvalidOperation",
            `Excel emulation: the totals row of ${table.name} would overwrite ${sheetPrefix(sheet.name)}!${columnLetters(c)}${row + 1}; keep the row under a table empty before showing totals.`,
          );
        }
      }
      table.range = { ...range, rows: range.rows + 1 };
      table.showTotals = true;
      // Excel's defaults: "Total" in the first column, a SUBTOTAL of the last column.
      sheet.setInput(row, first, "Total");
      if (range.columns > 1) sheet.setInput(row, first + range.columns - 1, `=SUBTOTAL(109,[${tableHeaders(table)[range.columns - 1]}])`);
    } else {
      const row = range.start.row + range.rows - 1;
      for (let c = first; c < first + range.columns; c++) sheet.setInput(row, c, null);
      table.range = { ...range, rows: range.rows - 1 };
      table.showTotals = false;
    }
    this.structureChanged();
  }

  /**
   * Everything a user could see changed, as plain data: sheets with every non-empty cell, tables,
   * charts, freeze panes, the active sheet and the selection. Compare two snapshots to prove that
   * nothing else changed.
   */
  snapshot(): WorkbookSnapshot {
    return {
      activeSheet: this.active?.name ?? "",
      selection: this.selection ? `${sheetPrefix(this.selection.sheet.name)}!${rangeAddress(this.selection.range)}` : "",
      sheets: this.sheets.map((sheet) => ({
        name: sheet.name,
        frozenRows: sheet.frozenRows,
        frozenColumns: sheet.frozenColumns,
        cells: Object.fromEntries(
          [...sheet.cells]
            .sort(([a], [b]) => a - b)
            .map(([k, cell]) => [`${columnLetters(k % MAX_COLUMNS)}${Math.floor(k / MAX_COLUMNS) + 1}`, { ...cell }]),
        ),
        charts: sheet.charts.map((c) => ({ ...c })),
        customProperties: Object.fromEntries([...sheet.customProperties.values()].map((p) => [p.key, p.value])),
      })),
      tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: rangeAddress(t.range), showTotals: t.showTotals })),
    };
  }
}

export interface WorkbookSnapshot {
  activeSheet: string;
  selection: string;
  sheets: { name: string; frozenRows: number; frozenColumns: number; cells: Record<string, Cell>; charts: ChartModel[]; customProperties: Record<string, string> }[];
  tables: { name: string; sheet: string; address: string; showTotals: boolean }[];
}

export function overlaps(a: RangeRef, b: RangeRef): boolean {
  return (
    a.start.row < b.start.row + b.rows &&
    b.start.row < a.start.row + a.rows &&
    a.start.column < b.start.column + b.columns &&
    b.start.column < a.start.column + a.columns
  );
}

/** The header texts of a table, left to right. */
export function tableHeaders(table: TableModel): string[] {
  const { start, columns } = table.range;
  return Array.from({ length: columns }, (_, j) => String(table.sheet.value(start.row, start.column + j)));
}

export function bodyRange(table: TableModel): RangeRef {
  const { start, rows, columns } = table.range;
  return { start: { row: start.row + 1, column: start.column }, rows: rows - 1 - (table.showTotals ? 1 : 0), columns };
}

/** Builds a workbook from plain data; see WorkbookSpec. A workbook always has at least one sheet. */
export function createWorkbookModel(spec: WorkbookSpec = {}): WorkbookModel {
  const book = new WorkbookModel(spec.evaluator, spec.host);
  const sheets = Object.entries(spec.sheets ?? { Sheet1: [] });
  // Every sheet first: a formula may refer to a later sheet.
  for (const [name] of sheets) book.addSheet(name);
  for (const [name, rows] of sheets) {
    const sheet = book.requireSheet(name);
    rows.forEach((row, i) => row.forEach((input, j) => input !== null && input !== undefined && input !== "" && sheet.setOpenedInput(i, j, input)));
  }
  if (book.sheets.length === 0) book.addSheet("Sheet1");
  book.active = spec.activeSheet ? book.requireSheet(spec.activeSheet) : book.sheets[0];
  book.selection = { sheet: book.active, range: parseRange(spec.selection ?? "A1") };
  for (const f of spec.numberFormats ?? []) {
    const sheet = book.requireSheet(f.sheet);
    sheet.grid(f.address, (r, c) => sheet.setNumberFormat(r, c, f.format));
  }
  for (const p of spec.customProperties ?? []) book.requireSheet(p.sheet).customProperties.set(p.key.toLowerCase(), { key: p.key, value: p.value });
  for (const t of spec.tables ?? []) {
    const table = book.addTable(book.requireSheet(t.sheet), parseRange(t.address));
    book.checkTableName(t.name, table);
    table.name = t.name;
    // A spec's totals row is already inside its address.
    if (t.showTotals) table.showTotals = true;
  }
  return book;
}
