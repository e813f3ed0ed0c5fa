/**
 * The fill's protocol, as the pane runs it and the safety suite checks it (React-free): Fill reads the scope again,
 * keeps going only if the chosen columns are where the first read had them, plans from what the sheet holds now,
 * asks when the plan replaces cells that hold something (a confirmation holds only for the very plan it showed), and
 * writes that plan. The Excel side is passed in, so tests run it on the emulation or an in-memory book.
 */
import type { RateTable } from "../../core";
import type { FillScope, ReadResult, RunOptions, WriteResult } from "../excel/fill";
import { type FillChoice, type FillPlan, type FillSource, FillError, planFill } from "./planner";

export interface FillSessionExcel {
  read(scope: FillScope, options: RunOptions): Promise<ReadResult>;
  write(plan: FillPlan, options: RunOptions): Promise<WriteResult>;
}

export type FillOutcome =
  /** The fresh read failed or was cancelled: nothing written. */
  | { readonly kind: "notRead"; readonly result: Exclude<ReadResult, { kind: "read" }> }
  /** The chosen columns moved since the first read: nothing written; show the fresh read. */
  | { readonly kind: "moved"; readonly fresh: FillSource }
  /** The choice no longer fits the data (the planner's message): nothing written. */
  | { readonly kind: "refused"; readonly fresh: FillSource; readonly message: string }
  | { readonly kind: "upToDate"; readonly fresh: FillSource; readonly plan: FillPlan }
  /** Cells that hold something would be replaced: ask about `plan`, then run again with it confirmed. */
  | { readonly kind: "confirm"; readonly fresh: FillSource; readonly plan: FillPlan }
  | { readonly kind: "written"; readonly fresh: FillSource; readonly plan: FillPlan; readonly result: WriteResult };

/**
 * Whether a fresh read still has the chosen columns where the first read had them (same sheet, same
 * top-left cell, same headers over the chosen columns), so the user's column choices still mean the same.
 */
export function sameLayout(before: FillSource, after: FillSource, choice: Pick<FillChoice, "enrollmentColumn" | "siteColumn">): boolean {
  const header = (s: FillSource, column: number | null) => (column === null ? "" : String(s.formulas[0]?.[column] ?? ""));
  return (
    before.sheet === after.sheet &&
    before.region.start.row === after.region.start.row &&
    before.region.start.column === after.region.start.column &&
    [choice.enrollmentColumn, choice.siteColumn].every((c) => header(before, c) === header(after, c))
  );
}

/** Whether two plans write exactly the same: a confirmation holds only for the plan it showed. */
export const samePlan = (a: FillPlan, b: FillPlan): boolean => a.changes === b.changes && sameData(a.blocks, b.blocks);

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return keys.length === Object.keys(b).length && keys.every((k) => sameData((a as Record<string, unknown>)[k], other[k]));
}

/** One press of Fill (or of "Replace and fill", with the plan it confirmed). `before`: the read the pane shows. */
export async function runFill(
  excel: FillSessionExcel,
  scope: FillScope,
  before: FillSource,
  choice: FillChoice,
  confirmed: FillPlan | null,
  rates: RateTable,
  options: RunOptions = {},
  blockBytes?: number,
): Promise<FillOutcome> {
  const read = await excel.read(scope, options);
  if (read.kind !== "read") return { kind: "notRead", result: read };
  const fresh = read.source;
  if (!sameLayout(before, fresh, choice)) return { kind: "moved", fresh };
  let plan: FillPlan;
  try {
    plan = planFill(fresh, choice, rates, blockBytes);
  } catch (error) {
    if (error instanceof FillError) return { kind: "refused", fresh, message: error.message };
    throw error;
  }
  if (plan.blocks.length === 0) return { kind: "upToDate", fresh, plan };
  if (plan.changes > 0 && !(confirmed && samePlan(confirmed, plan))) return { kind: "confirm", fresh, plan };
  return { kind: "written", fresh, plan, result: await excel.write(plan, options) };
}
