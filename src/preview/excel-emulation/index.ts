/** The emulated Excel JavaScript API for tests and the preview (see README.md). */
export { EmulatedWorkbook, createWorkbook } from "./workbook";
export { installEmulatedOffice, type InstallOptions } from "./office";
export { evaluationFailure, hyperFormulaEvaluator } from "./evaluator";
export { Instrumentation, type RequestRecord } from "./client";
export { EmulatedOfficeError, NotEmulatedError } from "./errors";
export { type Cell, type CellValue, type FormulaEvaluator, type WorkbookSnapshot, type WorkbookSpec, createWorkbookModel, isFormulaCell, MAX_COLUMNS, MAX_ROWS, WorkbookModel, SheetModel } from "./model";
export { sheetNeedsQuotes, sheetPrefix } from "./formula-syntax";
export { Host, type HostOptions, CURRENT_HOST_SETS } from "./host";
