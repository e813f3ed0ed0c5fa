/**
 * The one way the add-in runs an Excel batch: it checks the requirement sets first, so an older Excel
 * gets a clear message before anything is written, and it waits while the user is editing a cell.
 */
import { EXCEL_TOO_OLD } from "./errors";

/**
 * The newest API the add-in calls, also declared in manifest.xml. Table.resize is ExcelApi 1.13: Windows
 * Version 2102, Mac 16.50, Excel on the web (docs: requirement-sets/excel/excel-api-requirement-sets.md).
 */
export const REQUIRED_EXCEL_API = "1.13";

export class ExcelTooOldError extends Error {
  readonly code = EXCEL_TOO_OLD;
  constructor() {
    super(
      `This Excel is too old for the add-in: it needs ExcelApi ${REQUIRED_EXCEL_API} (Excel for Windows Version 2102 or later, Excel for Mac 16.50 or later, or Excel on the web). Update Excel (File > Account > Update Options), or use Excel on the web.`,
    );
    this.name = "ExcelTooOldError";
  }
}

/**
 * Excel.run with `delayForCellEdit: true`: a batch started while the user types in a cell waits until they
 * press Enter or Esc instead of failing (docs: excel/excel-add-ins-delay-in-cell-edit.md, Excel.RunOptions).
 * Throws ExcelTooOldError, without running the batch, on a host without ExcelApi 1.13. The manifest declares
 * the set too; checking here means a host that loads the add-in anyway gets this message, not a half-done change.
 */
export async function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  if (!Office.context.requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API)) throw new ExcelTooOldError();
  return Excel.run({ delayForCellEdit: true }, batch);
}

/** Whether this page runs inside Excel (office.js loaded in an Excel host), so the pane can say so before it tries. */
export const excelAvailable = (): boolean => typeof Excel !== "undefined";
