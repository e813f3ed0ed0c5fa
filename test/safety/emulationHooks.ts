/**
 * Test-only hooks on the Excel emulation. failInsideRequest(n) makes the n-th action that Excel runs from now fail,
 * after the earlier actions of its request were applied: Excel's own behaviour (a failed batch is not rolled back;
 * see OfficeExtension.Error's example in the office-js docs). The emulation's failRequest() covers whole requests.
 */
import { type FormulaEvaluator, isFormulaCell } from "../../src/preview/excel-emulation";
import { RequestContext } from "../../src/preview/excel-emulation/client";
import { EmulatedOfficeError } from "../../src/preview/excel-emulation/errors";

let failAt: number | null = null;
let actionsRun = 0;
const originalQueue = RequestContext.prototype.queue;
RequestContext.prototype.queue = function (location: string, json: object, run: () => void) {
  return originalQueue.call(this, location, json, () => {
    actionsRun++;
    if (failAt !== null && actionsRun === failAt) {
      failAt = null;
      throw new EmulatedOfficeError({ code: "GeneralException", message: "There was an internal error while processing the request. (emulated)" });
    }
    run();
  });
};

export const actionHooks = {
  /** Fail the n-th action from now (1 = the next one). */
  failInsideRequest(n: number): void {
    actionsRun = 0;
    failAt = n;
  },
  /** Whether the planned action failure happened. */
  fired(): boolean {
    return failAt === null;
  },
  disarm(): void {
    failAt = null;
  },
  /** Actions run since the last failInsideRequest() or countFromNow(). */
  count(): number {
    return actionsRun;
  },
  countFromNow(): void {
    actionsRun = 0;
  },
};

/**
 * What cells show for most safety runs: constants as entered and "#N/A" for every formula, as if Excel could not
 * compute them. Which cells a writer may change does not depend on computed values, and HyperFormula's rebuild on
 * every read (~50 ms) would make hundreds of workbooks too slow for `npm test`; some runs still use HyperFormula.
 */
export const lightEvaluator: FormulaEvaluator = () => (sheet, row, column) => {
  // Text that starts with "=" (written with a leading apostrophe) is a constant, not a formula.
  const cell = sheet.cell(row, column);
  return isFormulaCell(cell) ? "#N/A" : (cell?.input ?? "");
};
