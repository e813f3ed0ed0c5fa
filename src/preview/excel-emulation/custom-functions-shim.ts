/**
 * The part of the custom functions runtime that src/functions/functions.ts uses (CustomFunctions.Error,
 * ErrorCode, associate), for pages and tests that run the functions outside Excel. Importing this
 * module installs it on globalThis unless a CustomFunctions object is already there.
 */

export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

export class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = "CustomFunctions.Error";
  }
}

/** Functions the module associated, by id (the webpack build appends CustomFunctions.associate calls). */
export const associated = new Map<string, (...args: never[]) => unknown>();

const shim = {
  Error: CustomFunctionError,
  ErrorCode,
  associate(id: string | Record<string, (...args: never[]) => unknown>, fn?: (...args: never[]) => unknown): void {
    if (typeof id === "string" && fn) associated.set(id.toUpperCase(), fn);
    else if (typeof id === "object") for (const [k, f] of Object.entries(id)) associated.set(k.toUpperCase(), f);
  },
};

const root = globalThis as unknown as { CustomFunctions?: unknown };
root.CustomFunctions ??= shim;

/** A custom function's error value (the shim's or the real runtime's): an object with an Excel error code. */
export function errorCodeOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#") ? code : undefined;
}
