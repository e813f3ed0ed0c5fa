/**
 * The emulated Excel objects: Workbook, worksheets, ranges, tables, charts, freeze panes. Each class
 * implements the listed members of its @types/office-js interface with office.js's semantics (load
 * before read, writes applied at sync, errors at sync); any other member throws (see guard).
 */
import { type RangeRef, parseRange, rangeAddress } from "../../workbook/address";
import { sheetPrefix } from "./formula-syntax";
import { ClientCollection, ClientObject, type PropertyDef, type RequestContext, guard } from "./client";
import { NotEmulatedError } from "./errors";
import {
  type CellValue,
  type ChartModel,
  EmulationError,
  MAX_COLUMNS,
  MAX_ROWS,
  type SheetModel,
  type TableModel,
  type WorkbookModel,
  bodyRange,
  overlaps,
  tableHeaders,
} from "./model";

interface RangeTarget {
  readonly sheet: SheetModel;
  readonly ref: RangeRef;
}

/**
 * ExcelApi version of the emulated members newer than 1.1, from the "[Api set: ExcelApi x]" remarks of the
 * Excel JavaScript API reference. On a host without it the request fails with ApiNotFound when it runs.
 */
const SINCE: Readonly<Record<string, string>> = {
  getResizedRange: "1.2", getRowsBelow: "1.2", getRowsAbove: "1.2", getColumnsAfter: "1.2", getColumnsBefore: "1.2",
  autofitColumns: "1.2", autofitRows: "1.2", getUsedRangeOrNullObject: "1.4", getItemOrNullObject: "1.4",
  getRangeByIndexes: "1.7", getActiveCell: "1.7", freezeRows: "1.7", freezeColumns: "1.7", unfreeze: "1.7",
  getSelectedRanges: "1.9", customProperties: "1.12", resize: "1.13",
};

function needs(model: WorkbookModel, type: string, member: string): void {
  const version = SINCE[member];
  if (version) model.host.requireSet("ExcelApi", version, `${type}.${member}`);
}

const asExcel = <X>(object: unknown): X => object as X;
const str = (s: string) => JSON.stringify(s);

function fail(code: string, message: string): never {
  throw new EmulationError(code, message);
}

/** A 2-D input the size of the range (or one value for every cell), as Excel checks it. */
function cellsOf<V>(input: unknown, ref: RangeRef, what: string): (V | null)[][] {
  if (!Array.isArray(input)) return Array.from({ length: ref.rows }, () => Array<V>(ref.columns).fill(input as V));
  if (input.length !== ref.rows || input.some((row) => !Array.isArray(row) || row.length !== ref.columns)) {
    const got = `${input.length} x ${Array.isArray(input[0]) ? input[0].length : "?"}`;
    fail("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ${what} of a ${ref.rows} x ${ref.columns} range got ${got}.`);
  }
  return input as (V | null)[][];
}

function forEachCell(t: RangeTarget, visit: (row: number, column: number, i: number, j: number) => void): void {
  for (let i = 0; i < t.ref.rows; i++) for (let j = 0; j < t.ref.columns; j++) visit(t.ref.start.row + i, t.ref.start.column + j, i, j);
}

function checkInSheet(ref: RangeRef): RangeRef {
  if (ref.start.row < 0 || ref.start.column < 0 || ref.start.row + ref.rows > MAX_ROWS || ref.start.column + ref.columns > MAX_COLUMNS || ref.rows < 1 || ref.columns < 1) {
    fail("InvalidArgument", `The range (row ${ref.start.row}, column ${ref.start.column}, ${ref.rows} x ${ref.columns}) is outside the sheet.`);
  }
  return ref;
}

function valueType(v: CellValue): string {
  if (v === "") return "Empty";
  if (typeof v === "number") return Number.isInteger(v) ? "Integer" : "Double";
  if (typeof v === "boolean") return "Boolean";
  return /^#(VALUE!|NAME\?|N\/A|REF!|DIV\/0!|NUM!|NULL!|SPILL!|CALC!|BUSY!)$/.test(v) ? "Error" : "String";
}

/** What a Range passed as an argument stands for, resolved when the action runs. */
const rangeTarget = (range: Excel.Range): RangeTarget => (range as unknown as ClientObject<RangeTarget>).argumentTarget();

const fullAddress = (t: RangeTarget) => `${sheetPrefix(t.sheet.name)}!${rangeAddress(t.ref)}`;

function writeInputs(t: RangeTarget, input: unknown, what: string): void {
  const cells = cellsOf<CellValue>(input, t.ref, what);
  forEachCell(t, (r, c, i, j) => {
    const v = cells[i][j];
    // null leaves a cell as it is, as in Excel.
    if (v === null || v === undefined) return;
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") fail("InvalidArgument", `Cells take numbers, text or booleans; ${what}[${i}][${j}] is ${typeof v}.`);
    if (typeof v === "number" && !Number.isFinite(v)) fail("InvalidArgument", `${what}[${i}][${j}] is ${v}; Excel takes finite numbers only.`);
    t.sheet.setInput(r, c, v);
  });
}

// ---------------------------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------------------------

const rangeProps: Record<string, PropertyDef<RangeTarget>> = {
  address: { get: fullAddress },
  addressLocal: { get: fullAddress },
  rowCount: { get: (t) => t.ref.rows },
  columnCount: { get: (t) => t.ref.columns },
  cellCount: { get: (t) => t.ref.rows * t.ref.columns },
  rowIndex: { get: (t) => t.ref.start.row },
  columnIndex: { get: (t) => t.ref.start.column },
  values: { get: (t) => t.sheet.grid(t.ref, (r, c) => t.sheet.value(r, c)), set: (t, v: unknown) => writeInputs(t, v, "values") },
  formulas: { get: (t) => t.sheet.grid(t.ref, (r, c) => t.sheet.formula(r, c)), set: (t, v: unknown) => writeInputs(t, v, "formulas") },
  numberFormat: {
    get: (t) => t.sheet.grid(t.ref, (r, c) => t.sheet.numberFormat(r, c)),
    set: (t, v: unknown) => {
      const formats = cellsOf<string>(v, t.ref, "numberFormat");
      forEachCell(t, (r, c, i, j) => {
        const f = formats[i][j];
        if (f === null || f === undefined) return;
        if (typeof f !== "string") fail("InvalidArgument", `numberFormat[${i}][${j}] must be text, e.g. "$#,##0".`);
        t.sheet.setNumberFormat(r, c, f);
      });
    },
  },
  valueTypes: { get: (t) => t.sheet.grid(t.ref, (r, c) => valueType(t.sheet.value(r, c))) },
};

type RangeMembers =
  | "address" | "addressLocal" | "rowCount" | "columnCount" | "cellCount" | "rowIndex" | "columnIndex" | "values" | "formulas"
  | "numberFormat" | "valueTypes" | "format" | "worksheet" | "getCell" | "getOffsetRange" | "getResizedRange" | "getRow"
  | "getColumn" | "getRowsBelow" | "getRowsAbove" | "getColumnsAfter" | "getColumnsBefore" | "getLastRow" | "getLastColumn" | "getUsedRange" | "getUsedRangeOrNullObject" | "select" | "isNullObject";

export class EmRange extends ClientObject<RangeTarget> implements Pick<Excel.Range, RangeMembers> {
  protected readonly properties = rangeProps;
  private formatObject: EmRangeFormat | undefined = undefined;
  private sheetObject: EmWorksheet | undefined = undefined;

  constructor(context: RequestContext, path: string, resolver: () => RangeTarget | null, options?: { nullable?: boolean }) {
    super(context, "Range", path, resolver, options);
  }

  static of(context: RequestContext, path: string, resolver: () => RangeTarget | null, options?: { nullable?: boolean }): EmRange {
    return guard(new EmRange(context, path, resolver, options));
  }

  get address(): string { return this.read("address"); }
  get addressLocal(): string { return this.read("addressLocal"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnCount(): number { return this.read("columnCount"); }
  get cellCount(): number { return this.read("cellCount"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get values(): any[][] { return this.read("values"); }
  set values(v: any[][]) { this.write("values", v); }
  get formulas(): any[][] { return this.read("formulas"); }
  set formulas(v: any[][]) { this.write("formulas", v); }
  get numberFormat(): any[][] { return this.read("numberFormat"); }
  set numberFormat(v: any[][]) { this.write("numberFormat", v); }
  get valueTypes(): Excel.RangeValueType[] [] { return this.read("valueTypes"); }

  get format(): Excel.RangeFormat {
    this.formatObject ??= guard(new EmRangeFormat(this.context, `${this.path}.format`, () => this.resolveForChild()));
    return asExcel(this.formatObject);
  }

  get worksheet(): Excel.Worksheet {
    this.sheetObject ??= EmWorksheet.of(this.context, `${this.path}.worksheet`, () => this.resolveForChild()?.sheet ?? null);
    return asExcel(this.sheetObject);
  }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return { format: asExcel(this.format), worksheet: asExcel(this.worksheet) };
  }

  /** A range computed from this one when an action first needs it. */
  private derived(name: string, args: unknown[], compute: (t: RangeTarget) => RangeRef | null, nullable = false): Excel.Range {
    const path = `${this.path}.${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`;
    return asExcel(
      EmRange.of(this.context, path, () => {
        needs(this.context.model, "Range", name);
        const t = this.requireForChild();
        const ref = compute(t);
        return ref ? { sheet: t.sheet, ref: checkInSheet(ref) } : null;
      }, { nullable }),
    );
  }

  getCell(row: number, column: number): Excel.Range {
    return this.derived("getCell", [row, column], (t) => ({ start: { row: t.ref.start.row + row, column: t.ref.start.column + column }, rows: 1, columns: 1 }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Excel.Range {
    return this.derived("getOffsetRange", [rowOffset, columnOffset], (t) => ({ ...t.ref, start: { row: t.ref.start.row + rowOffset, column: t.ref.start.column + columnOffset } }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Excel.Range {
    return this.derived("getResizedRange", [deltaRows, deltaColumns], (t) => ({ ...t.ref, rows: t.ref.rows + deltaRows, columns: t.ref.columns + deltaColumns }));
  }

  getRow(row: number): Excel.Range {
    return this.derived("getRow", [row], (t) => ({ start: { row: t.ref.start.row + row, column: t.ref.start.column }, rows: 1, columns: t.ref.columns }));
  }

  getColumn(column: number): Excel.Range {
    return this.derived("getColumn", [column], (t) => ({ start: { row: t.ref.start.row, column: t.ref.start.column + column }, rows: t.ref.rows, columns: 1 }));
  }

  getRowsBelow(count?: number): Excel.Range {
    const n = count ?? 1;
    return this.derived("getRowsBelow", [n], (t) => ({ start: { row: t.ref.start.row + t.ref.rows, column: t.ref.start.column }, rows: n, columns: t.ref.columns }));
  }

  getRowsAbove(count?: number): Excel.Range {
    const n = count ?? 1;
    return this.derived("getRowsAbove", [n], (t) => ({ start: { row: t.ref.start.row - n, column: t.ref.start.column }, rows: n, columns: t.ref.columns }));
  }

  getColumnsAfter(count?: number): Excel.Range {
    const n = count ?? 1;
    return this.derived("getColumnsAfter", [n], (t) => ({ start: { row: t.ref.start.row, column: t.ref.start.column + t.ref.columns }, rows: t.ref.rows, columns: n }));
  }

  getColumnsBefore(count?: number): Excel.Range {
    const n = count ?? 1;
    return this.derived("getColumnsBefore", [n], (t) => ({ start: { row: t.ref.start.row, column: t.ref.start.column - n }, rows: t.ref.rows, columns: n }));
  }

  getLastRow(): Excel.Range {
    return this.derived("getLastRow", [], (t) => ({ start: { row: t.ref.start.row + t.ref.rows - 1, column: t.ref.start.column }, rows: 1, columns: t.ref.columns }));
  }

  getLastColumn(): Excel.Range {
    return this.derived("getLastColumn", [], (t) => ({ start: { row: t.ref.start.row, column: t.ref.start.column + t.ref.columns - 1 }, rows: t.ref.rows, columns: 1 }));
  }

  /** The used part of this range; Excel gives the range's first cell when nothing in it is used. */
  getUsedRange(valuesOnly?: boolean): Excel.Range {
    return this.derived("getUsedRange", [valuesOnly ?? false], (t) => usedWithin(t, valuesOnly) ?? fail("ItemNotFound", `${fullAddress(t)} has no used cells.`));
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Excel.Range {
    return this.derived("getUsedRangeOrNullObject", [valuesOnly ?? false], (t) => usedWithin(t, valuesOnly), true);
  }

  select(): void {
    this.call("select", [], (t) => {
      const book = t.sheet.book;
      book.active = t.sheet;
      book.apiActive = undefined;
      book.selection = { sheet: t.sheet, range: t.ref };
      book.touch();
    });
  }

}

function usedWithin(t: RangeTarget, valuesOnly?: boolean): RangeRef | null {
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  forEachCell(t, (r, c) => {
    const cell = t.sheet.cell(r, c);
    if (!cell || (valuesOnly && cell.input === undefined)) return;
    top = Math.min(top, r); bottom = Math.max(bottom, r); left = Math.min(left, c); right = Math.max(right, c);
  });
  return bottom < 0 ? null : { start: { row: top, column: left }, rows: bottom - top + 1, columns: right - left + 1 };
}

export class EmRangeFormat extends ClientObject<RangeTarget> implements Pick<Excel.RangeFormat, "font" | "autofitColumns" | "autofitRows"> {
  protected readonly properties: Record<string, PropertyDef<RangeTarget>> = {};
  private fontObject: EmRangeFont | undefined = undefined;

  constructor(context: RequestContext, path: string, resolver: () => RangeTarget | null) {
    super(context, "RangeFormat", path, resolver);
  }

  get font(): Excel.RangeFont {
    this.fontObject ??= guard(new EmRangeFont(this.context, `${this.path}.font`, () => this.resolveForChild()));
    return asExcel(this.fontObject);
  }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return { font: asExcel(this.font) };
  }

  /** Fits the WHOLE columns to everything in them, not just this range (office-js #5999, #1017). */
  autofitColumns(): void {
    this.call("autofitColumns", [], (t) => {
      needs(t.sheet.book, "RangeFormat", "autofitColumns");
      t.sheet.autofitted.push(rangeAddress({ start: { row: 0, column: t.ref.start.column }, rows: MAX_ROWS, columns: t.ref.columns }));
      t.sheet.book.touch();
    });
  }

  autofitRows(): void {
    this.call("autofitRows", [], (t) => needs(t.sheet.book, "RangeFormat", "autofitRows"));
  }

}

export class EmRangeFont extends ClientObject<RangeTarget> implements Pick<Excel.RangeFont, "bold"> {
  protected readonly properties: Record<string, PropertyDef<RangeTarget>> = {
    bold: {
      // Excel gives null when the cells differ.
      get: (t) => {
        const seen = new Set<boolean>();
        forEachCell(t, (r, c) => seen.add(t.sheet.cell(r, c)?.bold === true));
        return seen.size === 1 ? [...seen][0] : null;
      },
      set: (t, bold: boolean) => forEachCell(t, (r, c) => t.sheet.setBold(r, c, bold === true)),
    },
  };

  constructor(context: RequestContext, path: string, resolver: () => RangeTarget | null) {
    super(context, "RangeFont", path, resolver);
  }

  get bold(): boolean { return this.read("bold"); }
  set bold(v: boolean) { this.write("bold", v); }

}

// ---------------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------------

type WorksheetMembers =
  | "name" | "id" | "position" | "visibility" | "getRange" | "getRangeByIndexes" | "getCell" | "getUsedRange" | "getUsedRangeOrNullObject"
  | "activate" | "delete" | "tables" | "charts" | "freezePanes" | "customProperties" | "isNullObject";

export class EmWorksheet extends ClientObject<SheetModel> implements Pick<Excel.Worksheet, WorksheetMembers> {
  protected readonly properties: Record<string, PropertyDef<SheetModel>> = {
    name: {
      get: (s) => s.name,
      set: (s, name: string) => {
        if (s.book.sheet(name) && s.book.sheet(name) !== s) fail("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
        s.name = name;
        s.book.structureChanged();
      },
    },
    id: { get: (s) => s.id },
    position: { get: (s) => s.book.sheets.indexOf(s) },
    visibility: { get: () => "Visible" },
  };
  private children:
    | { tables: EmTableCollection; charts: EmChartCollection; freezePanes: EmFreezePanes; customProperties: EmWorksheetCustomPropertyCollection }
    | undefined = undefined;

  static of(context: RequestContext, path: string, resolver: () => SheetModel | null, options?: { nullable?: boolean; target?: SheetModel }): EmWorksheet {
    return guard(new EmWorksheet(context, "Worksheet", path, resolver, options));
  }

  get name(): string { return this.read("name"); }
  set name(v: string) { this.write("name", v); }
  get id(): string { return this.read("id"); }
  get position(): number { return this.read("position"); }
  get visibility(): Excel.SheetVisibility { return this.read("visibility"); }

  private kids() {
    this.children ??= {
      tables: guard(new EmTableCollection(this.context, `${this.path}.tables`, () => {
        const sheet = this.requireForChild();
        return { book: sheet.book, sheet };
      })),
      charts: guard(new EmChartCollection(this.context, `${this.path}.charts`, () => this.requireForChild())),
      freezePanes: guard(new EmFreezePanes(this.context, `${this.path}.freezePanes`, () => this.requireForChild())),
      customProperties: guard(new EmWorksheetCustomPropertyCollection(this.context, `${this.path}.customProperties`, () => {
        needs(this.context.model, "Worksheet", "customProperties");
        return this.requireForChild();
      })),
    };
    return this.children;
  }

  get tables(): Excel.TableCollection { return asExcel(this.kids().tables); }
  get charts(): Excel.ChartCollection { return asExcel(this.kids().charts); }
  get freezePanes(): Excel.WorksheetFreezePanes { return asExcel(this.kids().freezePanes); }
  /** ExcelApi 1.12. */
  get customProperties(): Excel.WorksheetCustomPropertyCollection { return asExcel(this.kids().customProperties); }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return asExcel(this.kids());
  }

  private range(name: string, args: unknown[], compute: (s: SheetModel) => RangeRef | null, nullable = false): Excel.Range {
    const path = `${this.path}.${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`;
    return asExcel(
      EmRange.of(this.context, path, () => {
        needs(this.context.model, "Worksheet", name);
        const sheet = this.requireForChild();
        sheet.requireLive();
        const ref = compute(sheet);
        return ref ? { sheet, ref: checkInSheet(ref) } : null;
      }, { nullable }),
    );
  }

  getRange(address?: string): Excel.Range {
    if (address === undefined) throw new NotEmulatedError("Worksheet", "getRange() without an address (the whole sheet)");
    return this.range("getRange", [address], () => {
      if (/^[A-Za-z]+:[A-Za-z]+$|^\d+:\d+$/.test(address)) throw new NotEmulatedError("Worksheet", `getRange("${address}") (whole rows or columns)`);
      try {
        return parseRange(address);
      } catch {
        return fail("InvalidArgument", `"${address}" is not a range address.`);
      }
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Excel.Range {
    return this.range("getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], () => ({ start: { row: startRow, column: startColumn }, rows: rowCount, columns: columnCount }));
  }

  getCell(row: number, column: number): Excel.Range {
    return this.range("getCell", [row, column], () => ({ start: { row, column }, rows: 1, columns: 1 }));
  }

  /** Excel gives A1 for an empty sheet. */
  getUsedRange(valuesOnly?: boolean): Excel.Range {
    return this.range("getUsedRange", [valuesOnly ?? false], (s) => s.usedRange(valuesOnly) ?? { start: { row: 0, column: 0 }, rows: 1, columns: 1 });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Excel.Range {
    return this.range("getUsedRangeOrNullObject", [valuesOnly ?? false], (s) => s.usedRange(valuesOnly), true);
  }

  activate(): void {
    this.call("activate", [], (s) => {
      s.requireLive();
      // After office-js #3148 the API already reports this sheet active; activating it again is taken to
      // change nothing the user sees (docs silent: the pessimistic reading).
      if (s.book.apiActive === s) return;
      s.book.active = s;
      s.book.apiActive = undefined;
      if (s.book.selection.sheet !== s) s.book.selection = { sheet: s, range: { start: { row: 0, column: 0 }, rows: 1, columns: 1 } };
      s.book.touch();
    });
  }

  /** ExcelApi 1.1; see WorkbookModel.deleteSheet. */
  delete(): void {
    this.call("delete", [], (s) => s.book.deleteSheet(s));
  }

}

export class EmWorksheetCollection
  extends ClientCollection<WorkbookModel, SheetModel, EmWorksheet>
  implements Pick<Excel.WorksheetCollection, "add" | "getItem" | "getItemOrNullObject" | "getActiveWorksheet">
{
  protected readonly properties: Record<string, PropertyDef<WorkbookModel>> = { count: { get: (b) => b.sheets.length } };
  protected readonly itemProperties = ["name", "id", "position", "visibility"];

  constructor(context: RequestContext, resolver: () => WorkbookModel) {
    super(context, "WorksheetCollection", "worksheets", resolver);
  }

  protected list(book: WorkbookModel): SheetModel[] { return book.sheets; }
  protected item(sheet: SheetModel): EmWorksheet {
    return EmWorksheet.of(this.context, `worksheets.getItem(${str(sheet.name)})`, () => sheet, { target: sheet });
  }

  get count(): number { return this.read("count"); }

  add(name?: string): Excel.Worksheet {
    // The new sheet is made when the request runs; later actions in the batch find it.
    let added: SheetModel | undefined;
    this.call("add", [name], (book) => (added = book.addSheet(name)));
    return asExcel(EmWorksheet.of(this.context, `worksheets.add(${str(name ?? "")})`, () => added ?? fail("InvalidOperation", "worksheets.add has not run.")));
  }

  getItem(key: string): Excel.Worksheet {
    return asExcel(EmWorksheet.of(this.context, `worksheets.getItem(${str(key)})`, () => {
      const book = this.requireForChild();
      return book.sheet(key) ?? book.sheets.find((s) => s.id === key) ?? fail("ItemNotFound", `The requested resource doesn't exist: no sheet named "${key}".`);
    }));
  }

  getItemOrNullObject(key: string): Excel.Worksheet {
    return asExcel(EmWorksheet.of(this.context, `worksheets.getItemOrNullObject(${str(key)})`, () => {
      const book = this.requireForChild();
      needs(book, "WorksheetCollection", "getItemOrNullObject");
      return book.sheet(key) ?? book.sheets.find((s) => s.id === key) ?? null;
    }, { nullable: true }));
  }

  getActiveWorksheet(): Excel.Worksheet {
    return asExcel(EmWorksheet.of(this.context, "worksheets.getActiveWorksheet()", () => this.requireForChild().reportedActive));
  }

}

export class EmFreezePanes extends ClientObject<SheetModel> implements Pick<Excel.WorksheetFreezePanes, "freezeRows" | "freezeColumns" | "unfreeze"> {
  protected readonly properties: Record<string, PropertyDef<SheetModel>> = {};

  constructor(context: RequestContext, path: string, resolver: () => SheetModel | null) {
    super(context, "WorksheetFreezePanes", path, resolver);
  }

  /** office-js #3148 (Windows and Mac): freezing panes on a sheet that is not active makes the API report it active. */
  private activatedByFreeze(s: SheetModel): void {
    if (s !== s.book.reportedActive) s.book.apiActive = s;
  }

  freezeRows(count?: number): void {
    this.call("freezeRows", [count], (s) => { needs(s.book, "WorksheetFreezePanes", "freezeRows"); this.activatedByFreeze(s); s.frozenRows = count ?? 1; s.frozenColumns = 0; s.book.touch(); });
  }

  freezeColumns(count?: number): void {
    this.call("freezeColumns", [count], (s) => { needs(s.book, "WorksheetFreezePanes", "freezeColumns"); this.activatedByFreeze(s); s.frozenColumns = count ?? 1; s.frozenRows = 0; s.book.touch(); });
  }

  unfreeze(): void {
    this.call("unfreeze", [], (s) => { needs(s.book, "WorksheetFreezePanes", "unfreeze"); this.activatedByFreeze(s); s.frozenRows = 0; s.frozenColumns = 0; s.book.touch(); });
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheet custom properties (ExcelApi 1.12)
// ---------------------------------------------------------------------------------------------

interface CustomPropertyTarget {
  readonly sheet: SheetModel;
  readonly key: string;
}

/**
 * Excel.WorksheetCustomProperty: "Custom property keys are case-insensitive. The key is limited to 255 characters
 * (larger values will cause an InvalidArgument error to be thrown.)"; the value is a string.
 */
export class EmWorksheetCustomProperty extends ClientObject<CustomPropertyTarget> implements Pick<Excel.WorksheetCustomProperty, "key" | "value" | "delete" | "isNullObject"> {
  protected readonly properties: Record<string, PropertyDef<CustomPropertyTarget>> = {
    key: { get: (p) => entryOf(p).key },
    value: {
      get: (p) => entryOf(p).value,
      set: (p, value: unknown) => {
        entryOf(p).value = checkedPropertyValue(value);
        p.sheet.book.touch();
      },
    },
  };

  get key(): string { return this.read("key"); }
  get value(): string { return this.read("value"); }
  set value(v: string) { this.write("value", v); }

  delete(): void {
    this.call("delete", [], (p) => {
      p.sheet.customProperties.delete(p.key.toLowerCase());
      p.sheet.book.touch();
    });
  }
}

function entryOf(p: CustomPropertyTarget): { key: string; value: string } {
  return p.sheet.customProperties.get(p.key.toLowerCase()) ?? fail("ItemNotFound", `The requested resource doesn't exist: no custom property "${p.key}" on "${p.sheet.name}".`);
}

/** The reference types the value as a string; anything else is refused (docs silent: the pessimistic reading). */
function checkedPropertyValue(value: unknown): string {
  return typeof value === "string" ? value : fail("InvalidArgument", `A worksheet custom property's value is a string, not ${typeof value}.`);
}

export class EmWorksheetCustomPropertyCollection
  extends ClientCollection<SheetModel, CustomPropertyTarget, EmWorksheetCustomProperty>
  implements Pick<Excel.WorksheetCustomPropertyCollection, "add" | "getItem" | "getItemOrNullObject">
{
  protected readonly properties: Record<string, PropertyDef<SheetModel>> = {};
  protected readonly itemProperties = ["key", "value"];

  constructor(context: RequestContext, path: string, resolver: () => SheetModel | null) {
    super(context, "WorksheetCustomPropertyCollection", path, resolver);
  }

  protected list(sheet: SheetModel): CustomPropertyTarget[] { return [...sheet.customProperties.values()].map((p) => ({ sheet, key: p.key })); }
  protected item(p: CustomPropertyTarget): EmWorksheetCustomProperty {
    return guard(new EmWorksheetCustomProperty(this.context, "WorksheetCustomProperty", `${this.path}.getItem(${str(p.key)})`, () => p, { target: p }));
  }

  /** "Adds a new custom property that maps to the provided key. This overwrites existing custom properties with that key." */
  add(key: string, value: string): Excel.WorksheetCustomProperty {
    this.call("add", [key, value], (sheet) => {
      if (typeof key !== "string" || key.length === 0 || key.length > 255) fail("InvalidArgument", `A custom property key has 1 to 255 characters; got ${typeof key === "string" ? key.length : typeof key}.`);
      sheet.customProperties.set(key.toLowerCase(), { key, value: checkedPropertyValue(value) });
      sheet.book.touch();
    });
    return this.property(`add(${str(key)})`, key, false);
  }

  getItem(key: string): Excel.WorksheetCustomProperty {
    return this.property(`getItem(${str(key)})`, key, false);
  }

  getItemOrNullObject(key: string): Excel.WorksheetCustomProperty {
    return this.property(`getItemOrNullObject(${str(key)})`, key, true);
  }

  private property(path: string, key: string, nullable: boolean): Excel.WorksheetCustomProperty {
    return asExcel(guard(new EmWorksheetCustomProperty(this.context, "WorksheetCustomProperty", `${this.path}.${path}`, () => {
      const sheet = this.requireForChild();
      if (sheet.customProperties.has(String(key).toLowerCase())) return { sheet, key };
      return nullable ? null : fail("ItemNotFound", `The requested resource doesn't exist: no custom property "${key}" on "${sheet.name}".`);
    }, { nullable })));
  }
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

interface TablesTarget {
  readonly book: WorkbookModel;
  /** Set for worksheet.tables. */
  readonly sheet?: SheetModel;
}

function tableRange(context: RequestContext, path: string, resolve: () => RangeTarget): Excel.Range {
  return asExcel(EmRange.of(context, path, resolve));
}

export class EmTable
  extends ClientObject<TableModel>
  implements Pick<Excel.Table, "name" | "id" | "showTotals" | "showHeaders" | "style" | "getRange" | "getHeaderRowRange" | "getDataBodyRange" | "getTotalRowRange" | "resize" | "rows" | "columns" | "worksheet" | "isNullObject">
{
  protected readonly properties: Record<string, PropertyDef<TableModel>> = {
    name: {
      get: (t) => t.name,
      set: (t, name: string) => {
        t.sheet.book.checkTableName(name, t);
        t.name = name;
        t.sheet.book.structureChanged();
      },
    },
    id: { get: (t) => t.id },
    showTotals: { get: (t) => t.showTotals, set: (t, show: boolean) => t.sheet.book.setShowTotals(t, show === true) },
    showHeaders: { get: () => true },
    style: { get: (t) => t.style ?? "TableStyleMedium2", set: (t, style: string) => { t.style = style; t.sheet.book.touch(); } },
  };
  private children: { rows: EmTableRowCollection; columns: EmTableColumnCollection; worksheet: EmWorksheet } | undefined = undefined;

  static of(context: RequestContext, path: string, resolver: () => TableModel | null, options?: { nullable?: boolean; target?: TableModel }): EmTable {
    return guard(new EmTable(context, "Table", path, resolver, options));
  }

  get name(): string { return this.read("name"); }
  set name(v: string) { this.write("name", v); }
  get id(): string { return this.read("id"); }
  get showTotals(): boolean { return this.read("showTotals"); }
  set showTotals(v: boolean) { this.write("showTotals", v); }
  get showHeaders(): boolean { return this.read("showHeaders"); }
  get style(): string { return this.read("style"); }
  set style(v: string) { this.write("style", v); }

  private kids() {
    this.children ??= {
      rows: guard(new EmTableRowCollection(this.context, `${this.path}.rows`, () => this.requireForChild())),
      columns: guard(new EmTableColumnCollection(this.context, `${this.path}.columns`, () => this.requireForChild())),
      worksheet: EmWorksheet.of(this.context, `${this.path}.worksheet`, () => this.requireForChild().sheet),
    };
    return this.children;
  }

  get rows(): Excel.TableRowCollection { return asExcel(this.kids().rows); }
  get columns(): Excel.TableColumnCollection { return asExcel(this.kids().columns); }
  get worksheet(): Excel.Worksheet { return asExcel(this.kids().worksheet); }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return asExcel(this.kids());
  }

  getRange(): Excel.Range {
    return tableRange(this.context, `${this.path}.getRange()`, () => { const t = this.requireForChild(); return { sheet: t.sheet, ref: t.range }; });
  }

  getHeaderRowRange(): Excel.Range {
    return tableRange(this.context, `${this.path}.getHeaderRowRange()`, () => { const t = this.requireForChild(); return { sheet: t.sheet, ref: { ...t.range, rows: 1 } }; });
  }

  getDataBodyRange(): Excel.Range {
    return tableRange(this.context, `${this.path}.getDataBodyRange()`, () => { const t = this.requireForChild(); return { sheet: t.sheet, ref: bodyRange(t) }; });
  }

  getTotalRowRange(): Excel.Range {
    return tableRange(this.context, `${this.path}.getTotalRowRange()`, () => {
      const t = this.requireForChild();
      if (!t.showTotals) fail("InvalidOperation", `Table ${t.name} has no totals row (showTotals is false).`);
      return { sheet: t.sheet, ref: { start: { row: t.range.start.row + t.range.rows - 1, column: t.range.start.column }, rows: 1, columns: t.range.columns } };
    });
  }

  /** Same top-left cell; the header row stays; cells outside the table are not touched. */
  resize(newRange: Excel.Range | string): void {
    const address = typeof newRange === "string" ? newRange : undefined;
    this.call("resize", [address ?? "(Range)"], (t) => {
      needs(t.sheet.book, "Table", "resize");
      const ref = typeof newRange === "string" ? parseRange(newRange) : rangeTarget(newRange).ref;
      if (ref.start.row !== t.range.start.row || ref.start.column !== t.range.start.column) {
        fail("InvalidArgument", `A table can only be resized with its top-left cell kept: ${t.name} starts at ${rangeAddress({ ...t.range, rows: 1, columns: 1 })}, not ${rangeAddress({ ...ref, rows: 1, columns: 1 })}.`);
      }
      const minRows = t.showTotals ? 3 : 2;
      if (ref.rows < minRows) fail("InvalidArgument", `${t.name} needs a header row and at least one body row.`);
      for (const other of t.sheet.tables()) if (other !== t && overlaps(other.range, ref)) fail("InvalidArgument", `${t.name} can't grow over table ${other.name}.`);
      const headers = tableHeaders(t);
      t.range = ref;
      for (let j = headers.length; j < ref.columns; j++) {
        const c = ref.start.column + j;
        if (t.sheet.formula(ref.start.row, c) === "") t.sheet.setInput(ref.start.row, c, `Column${j + 1}`);
      }
      t.sheet.book.structureChanged();
    });
  }

}

export class EmTableCollection
  extends ClientCollection<TablesTarget, TableModel, EmTable>
  implements Pick<Excel.TableCollection, "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "count">
{
  protected readonly properties: Record<string, PropertyDef<TablesTarget>> = { count: { get: (t) => this.list(t).length } };
  protected readonly itemProperties = ["name", "id", "showTotals", "showHeaders", "style"];

  constructor(context: RequestContext, path: string, resolver: () => TablesTarget) {
    super(context, "TableCollection", path, resolver);
  }

  protected list(t: TablesTarget): TableModel[] { return t.sheet ? t.sheet.tables() : t.book.tables; }
  protected item(table: TableModel): EmTable {
    return EmTable.of(this.context, `tables.getItem(${str(table.name)})`, () => table, { target: table });
  }

  get count(): number { return this.read("count"); }

  /** The range or address decides the sheet, whichever collection is used; headers in the first row (hasHeaders false is not emulated). */
  add(address: Excel.Range | string, hasHeaders: boolean): Excel.Table {
    if (!hasHeaders) throw new NotEmulatedError("TableCollection", "add(address, hasHeaders: false)");
    let added: TableModel | undefined;
    this.call("add", [typeof address === "string" ? address : "(Range)", hasHeaders], (t) => {
      let target: RangeTarget;
      if (typeof address !== "string") target = rangeTarget(address);
      else {
        const bang = address.lastIndexOf("!");
        const sheetName = bang > 0 ? address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'") : undefined;
        // TableCollection.add: "If the address does not contain a sheet name, the currently-active sheet is
        // used", also for worksheet.tables (the same TableCollection type): the range decides the sheet.
        const sheet = sheetName ? t.book.requireSheet(sheetName) : t.book.reportedActive;
        target = { sheet, ref: parseRange(address) };
      }
      added = t.book.addTable(target.sheet, target.ref);
    });
    return asExcel(EmTable.of(this.context, `tables.add(${str(String(typeof address === "string" ? address : "(Range)"))})`, () => added ?? fail("InvalidOperation", "tables.add has not run.")));
  }

  getItem(key: string): Excel.Table {
    return asExcel(EmTable.of(this.context, `tables.getItem(${str(key)})`, () => this.find(key) ?? fail("ItemNotFound", `The requested resource doesn't exist: no table named "${key}".`)));
  }

  getItemOrNullObject(key: string): Excel.Table {
    return asExcel(EmTable.of(this.context, `tables.getItemOrNullObject(${str(key)})`, () => {
      needs(this.context.model, "TableCollection", "getItemOrNullObject");
      return this.find(key);
    }, { nullable: true }));
  }

  getItemAt(index: number): Excel.Table {
    return asExcel(EmTable.of(this.context, `tables.getItemAt(${index})`, () => this.list(this.requireForChild())[index] ?? fail("ItemNotFound", `No table at index ${index}.`)));
  }

  private find(key: string): TableModel | null {
    const list = this.list(this.requireForChild());
    return list.find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key) ?? null;
  }

}

interface RowTarget {
  readonly table: TableModel;
  readonly index: number;
}

const rowRef = (r: RowTarget): RangeRef => {
  const body = bodyRange(r.table);
  return { start: { row: body.start.row + r.index, column: body.start.column }, rows: 1, columns: body.columns };
};

export class EmTableRow extends ClientObject<RowTarget> implements Pick<Excel.TableRow, "index" | "values" | "getRange"> {
  protected readonly properties: Record<string, PropertyDef<RowTarget>> = {
    index: { get: (r) => r.index },
    values: { get: (r) => r.table.sheet.grid(rowRef(r), (row, c) => r.table.sheet.value(row, c)), set: (r, v: unknown) => writeInputs({ sheet: r.table.sheet, ref: rowRef(r) }, v, "values") },
  };

  get index(): number { return this.read("index"); }
  get values(): any[][] { return this.read("values"); }
  set values(v: any[][]) { this.write("values", v); }

  getRange(): Excel.Range {
    return tableRange(this.context, `${this.path}.getRange()`, () => { const r = this.requireForChild(); return { sheet: r.table.sheet, ref: rowRef(r) }; });
  }
}

export class EmTableRowCollection
  extends ClientCollection<TableModel, RowTarget, EmTableRow>
  implements Pick<Excel.TableRowCollection, "add" | "count" | "getItemAt">
{
  protected readonly properties: Record<string, PropertyDef<TableModel>> = { count: { get: (t) => bodyRange(t).rows } };
  protected readonly itemProperties = ["index", "values"];

  constructor(context: RequestContext, path: string, resolver: () => TableModel | null) {
    super(context, "TableRowCollection", path, resolver);
  }

  protected list(t: TableModel): RowTarget[] { return Array.from({ length: bodyRange(t).rows }, (_, index) => ({ table: t, index })); }
  protected item(r: RowTarget): EmTableRow {
    return guard(new EmTableRow(this.context, "TableRow", `${this.path}.getItemAt(${r.index})`, () => r, { target: r }));
  }

  get count(): number { return this.read("count"); }

  getItemAt(index: number): Excel.TableRow {
    return asExcel(guard(new EmTableRow(this.context, "TableRow", `${this.path}.getItemAt(${index})`, () => {
      const t = this.requireForChild();
      if (index < 0 || index >= bodyRange(t).rows) fail("ItemNotFound", `Table ${t.name} has no body row ${index}.`);
      return { table: t, index };
    })));
  }

  /**
   * Inserts body rows at `index` (the end by default) and writes `values`: cells below, in the
   * table's columns, move down (Excel's "insert, shift down"). Formulas elsewhere are not adjusted.
   */
  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number): Excel.TableRow {
    const rows = Array.isArray(values) ? values.length : 1;
    let at = 0;
    this.call("add", [index ?? null, values ?? null], (t) => {
      const body = bodyRange(t);
      const blankOnly = body.rows === 1 && t.sheet.grid(body, (r, c) => t.sheet.formula(r, c)).every((row) => row.every((v) => v === ""));
      at = index ?? body.rows;
      if (at < 0 || at > body.rows) fail("InvalidArgument", `Row index ${at} is outside table ${t.name} (${body.rows} body rows).`);
      // Excel fills a new table's single empty body row before adding more.
      const insertAt = blankOnly && at >= 0 ? 0 : at;
      const insertRows = blankOnly ? rows - 1 : rows;
      if (insertRows > 0) {
        t.sheet.shiftDown(body.start.row + insertAt, body.start.column, body.start.column + body.columns - 1, insertRows);
        t.range = { ...t.range, rows: t.range.rows + insertRows };
      }
      at = insertAt;
      if (values !== undefined) writeInputs({ sheet: t.sheet, ref: { start: { row: body.start.row + at, column: body.start.column }, rows, columns: body.columns } }, values, "rows.add values");
      t.sheet.book.structureChanged();
    });
    return asExcel(guard(new EmTableRow(this.context, "TableRow", `${this.path}.add()`, () => ({ table: this.requireForChild(), index: at }))));
  }

}

interface ColumnTarget {
  readonly table: TableModel;
  readonly index: number;
}

const columnRef = (c: ColumnTarget): RangeRef => ({ start: { row: c.table.range.start.row, column: c.table.range.start.column + c.index }, rows: c.table.range.rows, columns: 1 });

export class EmTableColumn
  extends ClientObject<ColumnTarget>
  implements Pick<Excel.TableColumn, "name" | "index" | "id" | "getRange" | "getDataBodyRange" | "getHeaderRowRange" | "getTotalRowRange" | "isNullObject">
{
  protected readonly properties: Record<string, PropertyDef<ColumnTarget>> = {
    name: {
      get: (c) => tableHeaders(c.table)[c.index],
      set: (c, name: string) => {
        const headers = tableHeaders(c.table);
        if (headers.some((h, i) => i !== c.index && h.toLowerCase() === String(name).toLowerCase())) fail("InvalidArgument", `Table ${c.table.name} already has a column "${name}".`);
        c.table.sheet.setInput(c.table.range.start.row, c.table.range.start.column + c.index, String(name));
      },
    },
    index: { get: (c) => c.index },
    id: { get: (c) => c.index + 1 },
  };

  get name(): string { return this.read("name"); }
  set name(v: string) { this.write("name", v); }
  get index(): number { return this.read("index"); }
  get id(): number { return this.read("id"); }

  private part(name: string, pick: (c: ColumnTarget) => RangeRef): Excel.Range {
    return tableRange(this.context, `${this.path}.${name}()`, () => { const c = this.requireForChild(); return { sheet: c.table.sheet, ref: pick(c) }; });
  }

  getRange(): Excel.Range { return this.part("getRange", columnRef); }
  getHeaderRowRange(): Excel.Range { return this.part("getHeaderRowRange", (c) => ({ ...columnRef(c), rows: 1 })); }
  getDataBodyRange(): Excel.Range { return this.part("getDataBodyRange", (c) => ({ ...bodyRange(c.table), start: { ...bodyRange(c.table).start, column: columnRef(c).start.column }, columns: 1 })); }
  getTotalRowRange(): Excel.Range {
    return this.part("getTotalRowRange", (c) => {
      if (!c.table.showTotals) fail("InvalidOperation", `Table ${c.table.name} has no totals row (showTotals is false).`);
      return { start: { row: c.table.range.start.row + c.table.range.rows - 1, column: columnRef(c).start.column }, rows: 1, columns: 1 };
    });
  }

}

export class EmTableColumnCollection
  extends ClientCollection<TableModel, ColumnTarget, EmTableColumn>
  implements Pick<Excel.TableColumnCollection, "add" | "count" | "getItem" | "getItemOrNullObject" | "getItemAt">
{
  protected readonly properties: Record<string, PropertyDef<TableModel>> = { count: { get: (t) => t.range.columns } };
  protected readonly itemProperties = ["name", "index", "id"];

  constructor(context: RequestContext, path: string, resolver: () => TableModel | null) {
    super(context, "TableColumnCollection", path, resolver);
  }

  protected list(t: TableModel): ColumnTarget[] { return Array.from({ length: t.range.columns }, (_, index) => ({ table: t, index })); }
  protected item(c: ColumnTarget): EmTableColumn {
    return guard(new EmTableColumn(this.context, "TableColumn", `${this.path}.getItemAt(${c.index})`, () => c, { target: c }));
  }

  get count(): number { return this.read("count"); }

  private column(path: string, find: (t: TableModel) => number, nullable = false): Excel.TableColumn {
    return asExcel(guard(new EmTableColumn(this.context, "TableColumn", `${this.path}.${path}`, () => {
      const t = this.requireForChild();
      const index = find(t);
      return index >= 0 ? { table: t, index } : nullable ? null : fail("ItemNotFound", `Table ${t.name} has no column ${path}.`);
    }, { nullable })));
  }

  getItem(key: number | string): Excel.TableColumn {
    return this.column(`getItem(${JSON.stringify(key)})`, (t) => findColumn(t, key));
  }

  getItemOrNullObject(key: number | string): Excel.TableColumn {
    return this.column(`getItemOrNullObject(${JSON.stringify(key)})`, (t) => {
      needs(t.sheet.book, "TableColumnCollection", "getItemOrNullObject");
      return findColumn(t, key);
    }, true);
  }

  getItemAt(index: number): Excel.TableColumn {
    return this.column(`getItemAt(${index})`, (t) => (index >= 0 && index < t.range.columns ? index : -1));
  }

  /** Adds a column at the right edge only; the cells it takes over must be empty. */
  add(index?: number, values?: Array<Array<boolean | string | number>> | boolean | string | number, name?: string): Excel.TableColumn {
    let at = -1;
    this.call("add", [index ?? null, values ?? null, name ?? null], (t) => {
      if (index !== undefined && index !== null && index !== t.range.columns) throw new NotEmulatedError("TableColumnCollection", "add(index) inside a table (only at the right edge)");
      const ref: RangeRef = { start: { row: t.range.start.row, column: t.range.start.column + t.range.columns }, rows: t.range.rows, columns: 1 };
      forEachCell({ sheet: t.sheet, ref }, (r, c) => {
        if (t.sheet.formula(r, c) !== "") fail("InvalidOperation", `Excel emulation: adding a column to ${t.name} would take over the non-empty cell ${fullAddress({ sheet: t.sheet, ref: { start: { row: r, column: c }, rows: 1, columns: 1 } })}.`);
      });
      at = t.range.columns;
      t.range = { ...t.range, columns: t.range.columns + 1 };
      t.sheet.book.structureChanged();
      if (values !== undefined && values !== null) writeInputs({ sheet: t.sheet, ref }, values, "columns.add values");
      if (name !== undefined) t.sheet.setInput(ref.start.row, ref.start.column, name);
      else if (t.sheet.formula(ref.start.row, ref.start.column) === "") t.sheet.setInput(ref.start.row, ref.start.column, `Column${at + 1}`);
    });
    return this.column("add()", (t) => (at >= 0 ? at : t.range.columns - 1));
  }

}

function findColumn(t: TableModel, key: number | string): number {
  const headers = tableHeaders(t);
  if (typeof key === "number") return key >= 1 && key <= headers.length ? key - 1 : -1;
  return headers.findIndex((h) => h.toLowerCase() === key.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

export class EmChartTitle extends ClientObject<ChartModel> implements Pick<Excel.ChartTitle, "text"> {
  protected readonly properties: Record<string, PropertyDef<ChartModel>> = {
    text: { get: (c) => c.title, set: (c, text: string) => { c.title = String(text); } },
  };

  get text(): string { return this.read("text"); }
  set text(v: string) { this.write("text", v); }
}

const cellOf = (at: Excel.Range | string): string => (typeof at === "string" ? at : rangeAddress(rangeTarget(at).ref));

export class EmChart extends ClientObject<ChartModel> implements Pick<Excel.Chart, "name" | "id" | "chartType" | "title" | "setPosition" | "setData" | "delete" | "isNullObject"> {
  protected readonly properties: Record<string, PropertyDef<ChartModel>> = {
    name: { get: (c) => c.name, set: (c, name: string) => { c.name = String(name); } },
    id: { get: (c) => c.id },
    chartType: { get: (c) => c.type, set: (c, type: string) => { c.type = type; } },
  };
  private titleObject: EmChartTitle | undefined = undefined;

  constructor(context: RequestContext, path: string, resolver: () => ChartModel | null, private readonly sheetOf: () => SheetModel, options?: { nullable?: boolean; target?: ChartModel }) {
    super(context, "Chart", path, resolver, options);
  }

  get name(): string { return this.read("name"); }
  set name(v: string) { this.write("name", v); }
  get id(): string { return this.read("id"); }
  get chartType(): Excel.ChartType { return this.read("chartType"); }
  set chartType(v: Excel.ChartType) { this.write("chartType", v); }

  get title(): Excel.ChartTitle {
    this.titleObject ??= guard(new EmChartTitle(this.context, "ChartTitle", `${this.path}.title`, () => this.resolveForChild()));
    return asExcel(this.titleObject);
  }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return { title: asExcel(this.title) };
  }

  setPosition(startCell: Excel.Range | string, endCell?: Excel.Range | string): void {
    this.call("setPosition", [typeof startCell === "string" ? startCell : "(Range)", typeof endCell === "string" ? endCell : endCell ? "(Range)" : null], (c) => {
      const start = parseRange(cellOf(startCell)).start;
      const end = endCell ? parseRange(cellOf(endCell)) : undefined;
      const endCellRef = end ? { row: end.start.row + end.rows - 1, column: end.start.column + end.columns - 1 } : start;
      c.position = rangeAddress({ start, rows: endCellRef.row - start.row + 1, columns: endCellRef.column - start.column + 1 });
      this.sheetOf().book.touch();
    });
  }

  setData(sourceData: Excel.Range, seriesBy?: Excel.ChartSeriesBy | "Auto" | "Columns" | "Rows"): void {
    this.call("setData", ["(Range)", seriesBy ?? "Auto"], (c) => {
      c.source = cellOf(sourceData);
      c.seriesBy = seriesBy ?? "Auto";
      this.sheetOf().book.touch();
    });
  }

  delete(): void {
    this.call("delete", [], (c) => {
      const sheet = this.sheetOf();
      sheet.charts.splice(sheet.charts.indexOf(c), 1);
      sheet.book.touch();
    });
  }

}

export class EmChartCollection
  extends ClientCollection<SheetModel, ChartModel, EmChart>
  implements Pick<Excel.ChartCollection, "add" | "count" | "getItem" | "getItemOrNullObject">
{
  protected readonly properties: Record<string, PropertyDef<SheetModel>> = { count: { get: (s) => s.charts.length } };
  protected readonly itemProperties = ["name", "id", "chartType"];

  constructor(context: RequestContext, path: string, resolver: () => SheetModel | null) {
    super(context, "ChartCollection", path, resolver);
  }

  protected list(s: SheetModel): ChartModel[] { return s.charts; }
  protected item(c: ChartModel): EmChart {
    return guard(new EmChart(this.context, `${this.path}.getItem(${str(c.name)})`, () => c, () => this.requireForChild(), { target: c }));
  }

  get count(): number { return this.read("count"); }

  add(type: Excel.ChartType | string, sourceData: Excel.Range, seriesBy?: Excel.ChartSeriesBy | string): Excel.Chart {
    let added: ChartModel | undefined;
    this.call("add", [type, "(Range)", seriesBy ?? "Auto"], (s) => {
      const source = rangeTarget(sourceData);
      if (source.sheet !== s) fail("InvalidArgument", "The emulation charts only data on the chart's own sheet.");
      let n = s.charts.length + 1;
      while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
      added = { name: `Chart ${n}`, id: s.book.newId("chart"), type: String(type), source: rangeAddress(source.ref), seriesBy: String(seriesBy ?? "Auto"), title: "", position: "" };
      s.charts.push(added);
      s.book.touch();
    });
    return asExcel(guard(new EmChart(this.context, `${this.path}.add(${str(String(type))})`, () => added ?? fail("InvalidOperation", "charts.add has not run."), () => this.requireForChild())));
  }

  getItem(name: string): Excel.Chart {
    return asExcel(guard(new EmChart(this.context, `${this.path}.getItem(${str(name)})`, () => this.requireForChild().charts.find((c) => c.name === name) ?? fail("ItemNotFound", `No chart named "${name}".`), () => this.requireForChild())));
  }

  getItemOrNullObject(name: string): Excel.Chart {
    return asExcel(guard(new EmChart(this.context, `${this.path}.getItemOrNullObject(${str(name)})`, () => {
      needs(this.context.model, "ChartCollection", "getItemOrNullObject");
      return this.requireForChild().charts.find((c) => c.name === name) ?? null;
    }, () => this.requireForChild(), { nullable: true })));
  }

}

// ---------------------------------------------------------------------------------------------
// Workbook
// ---------------------------------------------------------------------------------------------

export class EmWorkbook extends ClientObject<WorkbookModel> implements Pick<Excel.Workbook, "worksheets" | "tables" | "getSelectedRange" | "getSelectedRanges" | "getActiveCell"> {
  protected readonly properties: Record<string, PropertyDef<WorkbookModel>> = {};
  private children: { worksheets: EmWorksheetCollection; tables: EmTableCollection } | undefined = undefined;

  constructor(context: RequestContext) {
    super(context, "Workbook", "workbook", () => context.model, { target: context.model });
  }

  private kids() {
    this.children ??= {
      worksheets: guard(new EmWorksheetCollection(this.context, () => this.context.model)),
      tables: guard(new EmTableCollection(this.context, "workbook.tables", () => ({ book: this.context.model }))),
    };
    return this.children;
  }

  get worksheets(): Excel.WorksheetCollection { return asExcel(this.kids().worksheets); }
  get tables(): Excel.TableCollection { return asExcel(this.kids().tables); }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return asExcel(this.kids());
  }

  /** Workbook.getSelectedRange reference: "If there are multiple ranges selected, this method will throw an error." */
  getSelectedRange(): Excel.Range {
    return asExcel(EmRange.of(this.context, "workbook.getSelectedRange()", () => {
      const { sheet, range, areas } = this.context.model.selection;
      if (areas && areas.length > 1) fail("InvalidSelection", `The current selection is invalid for this operation: ${areas.length} areas are selected (${areas.map((a) => rangeAddress(a)).join(", ")}); getSelectedRange takes a single range.`);
      return { sheet, ref: range };
    }));
  }

  /** ExcelApi 1.9: every selected area, also when there is only one. */
  getSelectedRanges(): Excel.RangeAreas {
    return asExcel(guard(new EmRangeAreas(this.context, "workbook.getSelectedRanges()", () => {
      needs(this.context.model, "Workbook", "getSelectedRanges");
      const { sheet, range, areas } = this.context.model.selection;
      return { sheet, areas: areas ?? [range] };
    })));
  }

  /** The active cell: the top-left cell of the first selected area. */
  getActiveCell(): Excel.Range {
    return asExcel(EmRange.of(this.context, "workbook.getActiveCell()", () => {
      needs(this.context.model, "Workbook", "getActiveCell");
      return { sheet: this.context.model.selection.sheet, ref: { ...this.context.model.selection.range, rows: 1, columns: 1 } };
    }));
  }
}


// ---------------------------------------------------------------------------------------------
// Multi-area selections (RangeAreas, ExcelApi 1.9)
// ---------------------------------------------------------------------------------------------

interface AreasTarget {
  readonly sheet: SheetModel;
  readonly areas: readonly RangeRef[];
}

/** Excel's RangeAreas.address: "Sheet1!A1:B4, Sheet1!D1:D4". */
const areasAddress = (t: AreasTarget) => t.areas.map((ref) => fullAddress({ sheet: t.sheet, ref })).join(", ");

export class EmRangeAreas extends ClientObject<AreasTarget> implements Pick<Excel.RangeAreas, "address" | "addressLocal" | "areaCount" | "cellCount" | "areas"> {
  protected readonly properties: Record<string, PropertyDef<AreasTarget>> = {
    address: { get: areasAddress },
    addressLocal: { get: areasAddress },
    areaCount: { get: (t) => t.areas.length },
    cellCount: { get: (t) => t.areas.reduce((n, a) => n + a.rows * a.columns, 0) },
  };
  private areasObject: EmRangeCollection | undefined = undefined;

  constructor(context: RequestContext, path: string, resolver: () => AreasTarget | null) {
    super(context, "RangeAreas", path, resolver);
  }

  get address(): string { return this.read("address"); }
  get addressLocal(): string { return this.read("addressLocal"); }
  get areaCount(): number { return this.read("areaCount"); }
  get cellCount(): number { return this.read("cellCount"); }

  get areas(): Excel.RangeCollection {
    this.areasObject ??= guard(new EmRangeCollection(this.context, `${this.path}.areas`, () => this.resolveForChild()));
    return asExcel(this.areasObject);
  }

  protected override navigation(): Record<string, ClientObject<unknown>> {
    return { areas: asExcel(this.areas) };
  }
}

export class EmRangeCollection extends ClientCollection<AreasTarget, RangeTarget, EmRange> implements Pick<Excel.RangeCollection, "getItemAt"> {
  protected readonly properties: Record<string, PropertyDef<AreasTarget>> = {};
  protected readonly itemProperties = ["address", "rowCount", "columnCount", "rowIndex", "columnIndex"];

  constructor(context: RequestContext, path: string, resolver: () => AreasTarget | null) {
    super(context, "RangeCollection", path, resolver);
  }

  protected list(t: AreasTarget): RangeTarget[] { return t.areas.map((ref) => ({ sheet: t.sheet, ref })); }
  protected item(r: RangeTarget): EmRange {
    return EmRange.of(this.context, `${this.path}.getItemAt(${str(rangeAddress(r.ref))})`, () => r);
  }

  getItemAt(index: number): Excel.Range {
    return asExcel(EmRange.of(this.context, `${this.path}.getItemAt(${index})`, () => {
      const t = this.requireForChild();
      return t.areas[index] ? { sheet: t.sheet, ref: t.areas[index] } : fail("ItemNotFound", `No area at index ${index} (${t.areas.length} areas).`);
    }));
  }
}
