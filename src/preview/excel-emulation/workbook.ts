/**
 * An emulated workbook for tests and the preview: the model, the Excel namespace that runs against
 * it, instrumentation, and inspection helpers.
 */
import { columnLetters, parseRange, rangeAddress } from "../../workbook/address";
import { Instrumentation } from "./client";
import { type EmulatedExcelNamespace, createExcelNamespace } from "./excel";
import { hyperFormulaEvaluator } from "./evaluator";
import type { Host } from "./host";
import { type CellValue, type WorkbookModel, type WorkbookSnapshot, type WorkbookSpec, bodyRange, createWorkbookModel, tableHeaders } from "./model";

export class EmulatedWorkbook {
  readonly instrumentation = new Instrumentation();
  /** Hand this to code under test as the global `Excel` (see installEmulatedOffice for pages). */
  readonly Excel: EmulatedExcelNamespace;

  constructor(readonly model: WorkbookModel) {
    this.Excel = createExcelNamespace(model, this.instrumentation);
  }

  /** Computed values (formulas evaluated), e.g. `book.values("Schools", "A1:C3")`. */
  values(sheet: string, address: string): CellValue[][] {
    return this.model.requireSheet(sheet).values(address);
  }

  /** One cell's computed value. */
  value(sheet: string, address: string): CellValue {
    return this.values(sheet, address)[0][0];
  }

  /** Formulas, or the values of constant cells ("" when empty), as Range.formulas gives them. */
  formulas(sheet: string, address: string): CellValue[][] {
    return this.model.requireSheet(sheet).formulas(address);
  }

  numberFormats(sheet: string, address: string): string[][] {
    return this.model.requireSheet(sheet).numberFormats(address);
  }

  bold(sheet: string, address: string): boolean[][] {
    const s = this.model.requireSheet(sheet);
    return s.grid(address, (r, c) => s.cell(r, c)?.bold === true);
  }

  /** The used range's address without the sheet ("" for an empty sheet). */
  usedRange(sheet: string, valuesOnly = true): string {
    const used = this.model.requireSheet(sheet).usedRange(valuesOnly);
    return used ? rangeAddress(used) : "";
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }

  activeSheet(): string {
    return this.model.active.name;
  }

  frozenRows(sheet: string): number {
    return this.model.requireSheet(sheet).frozenRows;
  }

  table(name: string): { name: string; sheet: string; address: string; headers: string[]; body: string; showTotals: boolean } | undefined {
    const t = this.model.table(name);
    return t && { name: t.name, sheet: t.sheet.name, address: rangeAddress(t.range), headers: tableHeaders(t), body: rangeAddress(bodyRange(t)), showTotals: t.showTotals };
  }

  charts(sheet: string) {
    return this.model.requireSheet(sheet).charts.map((c) => ({ ...c }));
  }

  /**
   * Selects a range (the user's selection before an action), e.g. `book.select("Schools", "A1:B20")`,
   * or several areas as with Ctrl+click: `book.select("Schools", "A1:B5, D1:D5")`.
   */
  select(sheet: string, address: string): void {
    const s = this.model.requireSheet(sheet);
    const areas = address.split(",").map((a) => parseRange(a.trim()));
    this.model.active = s;
    this.model.apiActive = undefined;
    this.model.selection = { sheet: s, range: areas[0], ...(areas.length > 1 ? { areas } : {}) };
    this.model.touch();
    this.model.notify();
  }

  /**
   * A user types a value in one cell and presses Enter (not an add-in write): Excel's reading of the text,
   * and a table next to the cell grows over it (AutoExpansion), e.g. `book.userTypes("ITS Budget", "A7", "New site")`.
   */
  userTypes(sheet: string, address: string, value: CellValue): void {
    const ref = parseRange(address);
    if (ref.rows !== 1 || ref.columns !== 1) throw new Error(`userTypes types in one cell, not ${address}.`);
    this.model.requireSheet(sheet).userTypes(ref.start.row, ref.start.column, value);
    this.model.notify();
  }

  /**
   * A user copies a sheet (right-click the tab > Move or Copy > Create a copy), e.g.
   * `book.userCopiesSheet("ITS Budget", "ITS Budget (2)")`: cells, tables (renamed), charts, panes; not its custom
   * properties (office-js #5486).
   */
  userCopiesSheet(sheet: string, name: string): void {
    this.model.copySheet(this.model.requireSheet(sheet), name);
    this.model.notify();
  }

  /** Letters of the columns autofitted on a sheet (autofitColumns fits whole columns), e.g. ["A", "B"]. */
  autofittedColumns(sheet: string): string[] {
    const columns = new Set(this.model.requireSheet(sheet).autofitted.flatMap((a) => {
      const ref = parseRange(a);
      return Array.from({ length: ref.columns }, (_, i) => ref.start.column + i);
    }));
    return [...columns].sort((a, b) => a - b).map(columnLetters);
  }

  /**
   * The emulated host: `host.requirementSets`, `host.blanksAsZero`, `host.enterCellEditMode()`,
   * `host.exitCellEditMode()`, `host.today` (see ./host.ts).
   */
  get host(): Host {
    return this.model.host;
  }

  snapshot(): WorkbookSnapshot {
    return this.model.snapshot();
  }
}

/**
 * A workbook from plain data, e.g.
 * `createWorkbook({ sheets: { Schools: [["Site", "Enrollment"], ["A", 523]] } })`.
 * Formulas are evaluated by HyperFormula with the LAUSD functions unless `evaluator` is given.
 */
export function createWorkbook(spec: WorkbookSpec = {}): EmulatedWorkbook {
  return new EmulatedWorkbook(createWorkbookModel({ evaluator: hyperFormulaEvaluator(), ...spec }));
}
