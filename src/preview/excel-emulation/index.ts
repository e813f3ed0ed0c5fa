/** The emulated Excel JavaScript API for tests and the preview (see README.md). */
export { EmulatedWorkbook, createWorkbook } from "./workbook";
export { installEmulatedOffice, type InstallOptions } from "./office";
export { hyperFormulaEvaluator } from "./evaluator";
export { Instrumentation, type RequestRecord } from "./client";
export { EmulatedOfficeError, NotEmulatedError } from "./errors";
export { type CellValue, type FormulaEvaluator, type WorkbookSnapshot, type WorkbookSpec, createWorkbookModel, WorkbookModel, SheetModel } from "./model";
export { Host, type HostOptions, CURRENT_HOST_SETS } from "./host";
