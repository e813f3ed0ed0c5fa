/**
 * The emulated `Excel` namespace: Excel.run with office.js's batch rules, plus the runtime enums.
 */
import { EmWorkbook } from "./api";
import { type Instrumentation, RequestContext, guard } from "./client";
import { ChartSeriesBy, ChartType, ErrorCodes, RangeValueType, SheetVisibility, guardEnum } from "./enums";
import { EmulatedOfficeError } from "./errors";
import type { WorkbookModel } from "./model";

/** The request context handed to Excel.run's batch: `workbook`, `sync()`, `load()`, `trackedObjects`. */
export class ExcelRequestContext extends RequestContext {
  readonly workbook: Excel.Workbook;

  constructor(model: WorkbookModel, instrumentation: Instrumentation, runIndex: number, delayForCellEdit: boolean) {
    super(model, instrumentation, runIndex, delayForCellEdit);
    this.workbook = guard(new EmWorkbook(this)) as unknown as Excel.Workbook;
  }
}

export type EmulatedExcelNamespace = Pick<typeof Excel, "run" | "ChartType" | "ChartSeriesBy" | "ErrorCodes" | "RangeValueType" | "SheetVisibility">;

export function createExcelNamespace(model: WorkbookModel, instrumentation: Instrumentation): EmulatedExcelNamespace {
  /**
   * Excel.run(batch) or Excel.run(options, batch). Like office.js, it flushes actions still queued
   * when the batch's promise resolves (one more request, not counted as a context.sync() call), and
   * objects of the run cannot be used after it.
   */
  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as (context: Excel.RequestContext) => Promise<T>;
    if (args.length > 2 || typeof batch !== "function" || (args.length === 2 && (typeof args[0] !== "object" || args[0] === null || "context" in (args[0] as object)))) {
      throw new Error("Excel emulation: Excel.run supports (batch) and (options, batch) only; previous objects from another run are not emulated.");
    }
    instrumentation.runs++;
    const delayForCellEdit = args.length === 2 && (args[0] as Excel.RunOptions).delayForCellEdit === true;
    const context = guard(new ExcelRequestContext(model, instrumentation, instrumentation.runs, delayForCellEdit), "RequestContext");
    try {
      const pending = batch(context as unknown as Excel.RequestContext);
      if (!pending || typeof (pending as Promise<T>).then !== "function") {
        throw new EmulatedOfficeError({ code: "RunMustReturnPromise", message: "The batch function passed to the \".run\" method didn't return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation." });
      }
      const result = await pending;
      await context.flush(false);
      return result;
    } finally {
      context.close();
    }
  }
  return guard(
    {
      run: run as unknown as typeof Excel.run,
      ChartType: guardEnum("ChartType", ChartType),
      ChartSeriesBy: guardEnum("ChartSeriesBy", ChartSeriesBy),
      ErrorCodes: guardEnum("ErrorCodes", ErrorCodes),
      RangeValueType: guardEnum("RangeValueType", RangeValueType),
      SheetVisibility: guardEnum("SheetVisibility", SheetVisibility),
    } as unknown as EmulatedExcelNamespace,
    "Excel",
  );
}
