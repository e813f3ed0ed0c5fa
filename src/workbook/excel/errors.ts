/**
 * One vocabulary for Excel's failures: an error from Excel.run becomes a problem the user can act on,
 * in plain words (what is wrong and how to fix it). The view adds how to try again (its own button
 * labels), so the adapters never word the pane.
 *
 * Codes: Excel.ErrorCodes and OfficeExtension.ErrorCodes (docs: testing/application-specific-api-error-handling.md).
 */

export type ExcelProblem =
  /** The host lacks an API requirement set the add-in needs (see ./run.ts). */
  | "excelTooOld"
  /** The user is typing in a cell. */
  | "cellEdit"
  /** The sheet or workbook is protected. */
  | "protected"
  /** Excel refused the operation for a reason it does not name. */
  | "refused"
  | "nameTaken"
  | "notFound"
  | "tooLarge"
  | "unknown";

export interface ExcelFailure {
  readonly problem: ExcelProblem;
  /** What is wrong and how to fix it, without "try again" (the view words that). */
  readonly remedy: string;
  /** Excel's own message, for support. */
  readonly detail: string;
}

/** The error code office.js puts on its errors, or "" for anything else. */
export function excelErrorCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
}

/** What went wrong in Excel, and what the user can do about it. */
export function describeExcelError(error: unknown): ExcelFailure {
  const detail = error instanceof Error ? error.message : String(error);
  const failure = (problem: ExcelProblem, remedy: string): ExcelFailure => ({ problem, remedy, detail });
  switch (excelErrorCode(error)) {
    case EXCEL_TOO_OLD:
      // run.ts's own message already names the versions needed.
      return failure("excelTooOld", detail);
    case "InvalidOperationInCellEditMode":
      return failure("cellEdit", "Excel is busy editing a cell. Finish editing the cell (press Enter or Esc).");
    case "AccessDenied":
      // The docs' code for an operation Excel does not permit, which is what a protected sheet gives.
      return failure("protected", `Excel refused the change (${detail}). If the sheet or workbook is protected, unprotect it (Review > Unprotect Sheet).`);
    case "InvalidOperation":
      // Also what a batch gets while a cell is being edited (excel/excel-add-ins-delay-in-cell-edit.md), so no protection advice.
      return failure("refused", `Excel refused the change (${detail}). If you are typing in a cell, finish editing it (press Enter or Esc).`);
    case "ItemAlreadyExists":
      return failure("nameTaken", `Excel reports that a sheet or table with that name already exists (${detail}). Choose another name.`);
    case "ItemNotFound":
      return failure("notFound", `Excel could not find the table or sheet (${detail}). It may have been renamed or deleted.`);
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return failure("tooLarge", `The request was too large for Excel (${detail}). Work on a smaller part at a time, or use Excel on the desktop.`);
    default:
      return failure("unknown", `Excel stopped (${detail}).`);
  }
}

/** The code of the error run.ts throws when the host lacks a requirement set. */
export const EXCEL_TOO_OLD = "LausdExcelTooOld";
