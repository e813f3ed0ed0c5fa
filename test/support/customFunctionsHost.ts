/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides: the Error class and
 * ErrorCode values as Office documents them, and associate() recording what a script registers.
 */
export class StubCustomFunctionError extends Error {
  constructor(
    public readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export interface CustomFunctionsHost {
  Error: typeof StubCustomFunctionError;
  ErrorCode: Record<string, string>;
  associate: (id: string, fn: (...args: unknown[]) => unknown) => void;
  registered: Map<string, (...args: unknown[]) => unknown>;
}

export function createCustomFunctionsHost(): CustomFunctionsHost {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  return {
    Error: StubCustomFunctionError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    associate: (id, fn) => {
      if (registered.has(id)) throw new Error(`${id} registered twice`);
      registered.set(id, fn);
    },
    registered,
  };
}

/** Installs the stub as the global CustomFunctions, as the functions module expects at call time. */
export function installCustomFunctionsHost(): CustomFunctionsHost {
  const host = createCustomFunctionsHost();
  (globalThis as unknown as { CustomFunctions: CustomFunctionsHost }).CustomFunctions = host;
  return host;
}
