/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides, with a fresh registry of
 * what a script associates. The Error class and ErrorCode values are the preview's shim's, as Office
 * documents them.
 */
import { CustomFunctionError, ErrorCode } from "../../src/preview/excel-emulation/custom-functions-shim";

export { CustomFunctionError as StubCustomFunctionError };

export interface CustomFunctionsHost {
  Error: typeof CustomFunctionError;
  ErrorCode: typeof ErrorCode;
  associate: (id: string, fn: (...args: unknown[]) => unknown) => void;
  registered: Map<string, (...args: unknown[]) => unknown>;
}

export function createCustomFunctionsHost(): CustomFunctionsHost {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  return {
    Error: CustomFunctionError,
    ErrorCode,
    associate: (id, fn) => {
      if (registered.has(id)) throw new Error(`${id} registered twice`);
      registered.set(id, fn);
    },
    registered,
  };
}

/** Installs a host as the global CustomFunctions, as the functions module expects at call time. */
export function installCustomFunctionsHost(): CustomFunctionsHost {
  const host = createCustomFunctionsHost();
  (globalThis as unknown as { CustomFunctions: CustomFunctionsHost }).CustomFunctions = host;
  return host;
}
