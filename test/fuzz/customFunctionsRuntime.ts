/**
 * A stand-in for the custom-functions runtime's globals (`CustomFunctions.Error`, `CustomFunctions.ErrorCode`),
 * which Excel provides and jest does not. It mirrors office.js's CustomFunctionError
 * (node_modules/@microsoft/office-js/dist/custom-functions-runtime.debug.js): a subclass of Error whose code
 * defaults to #VALUE!, and whose message Excel shows only for #VALUE! and #N/A.
 */
export enum ErrorCode {
  invalidValue = "#VALUE!",
  notAvailable = "#N/A",
  divisionByZero = "#DIV/0!",
  invalidNumber = "#NUM!",
  nullReference = "#NULL!",
  invalidName = "#NAME?",
  invalidReference = "#REF!",
}

export class CustomFunctionError extends Error {
  readonly code: ErrorCode;
  constructor(code?: ErrorCode, message?: string) {
    super(message ?? "");
    this.code = code ?? ErrorCode.invalidValue;
  }
}

/** The message Excel shows in the cell's error flag (the runtime drops it for every other code). */
export function messageExcelShows(error: CustomFunctionError): string | undefined {
  return error.code === ErrorCode.invalidValue || error.code === ErrorCode.notAvailable ? error.message || undefined : undefined;
}

/** Installs the globals the functions module uses; call before importing it. */
export function installCustomFunctionsRuntime(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: CustomFunctionError, ErrorCode };
}
