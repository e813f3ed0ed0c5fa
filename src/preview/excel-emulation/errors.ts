/** Errors shaped like office.js's OfficeExtension.Error (name "RichApi.Error", code, debugInfo). */

export interface OfficeErrorInit {
  code: string;
  message: string;
  /** Where it happened, e.g. "Range.values" or "WorksheetCollection.getItem". */
  errorLocation?: string;
}

export class EmulatedOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError = null;

  constructor(init: OfficeErrorInit) {
    super(init.message);
    Object.setPrototypeOf(this, EmulatedOfficeError.prototype);
    this.name = "RichApi.Error";
    this.code = init.code;
    this.debugInfo = { code: init.code, message: init.message, errorLocation: init.errorLocation };
  }
}

/** office.js's error codes (OfficeExtension.ErrorCodes and Excel.ErrorCodes) that the emulation raises. */
export const ErrorCodes = {
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidObjectPath: "InvalidObjectPath",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  invalidSelection: "InvalidSelection",
  apiNotFound: "ApiNotFound",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  notImplemented: "NotImplemented",
  propertyNotLoaded: "PropertyNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
} as const;

/** Office's own text, so code that shows error.message behaves as it will in Excel. */
export function propertyNotLoaded(entity: string, property: string): EmulatedOfficeError {
  return new EmulatedOfficeError({
    code: ErrorCodes.propertyNotLoaded,
    message: `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    errorLocation: `${entity}.${property}`,
  });
}

/** Thrown at once (not at sync) for any member the emulation lacks, so a gap can never pass silently. */
export class NotEmulatedError extends Error {
  constructor(entity: string, member: string) {
    super(
      `Excel emulation: ${entity}.${member} is not implemented. The preview emulates only the Excel API the add-in uses; ` +
        `implement it in src/preview/excel-emulation/ (with a test) or use another API.`,
    );
    this.name = "NotEmulatedError";
  }
}
