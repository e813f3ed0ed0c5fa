/**
 * A workbook change, planned before it is applied. Pure code (the quote and fill planners) turns
 * what was read from the workbook into a WorkbookPlan; the Excel adapter (./excel/apply.ts) queues
 * a plan's steps in one batch. Tests check plans without Excel; the preview applies the same plans.
 */

import { parseRange } from "./address";

/** What a cell receives: a number, text, a boolean, or a formula (text starting with "="). "" clears the cell. */
export type CellInput = string | number | boolean;

export type PlanStep =
  /** Add a worksheet (the planner has checked that the name is free). */
  | { readonly kind: "addSheet"; readonly sheet: string }
  /** One 2-D write of values and formulas to `address`, whose size matches `cells`. */
  | { readonly kind: "setCells"; readonly sheet: string; readonly address: string; readonly cells: readonly (readonly CellInput[])[] }
  /** The same number format for every cell of `address`, e.g. "$#,##0". */
  | { readonly kind: "setNumberFormat"; readonly sheet: string; readonly address: string; readonly format: string }
  /** Bold text, e.g. for a header row. */
  | { readonly kind: "setBold"; readonly sheet: string; readonly address: string }
  /** Turn `address` of `sheet` (headers in its first row) into an Excel table named `name`; applied as a Range of that sheet. */
  | {
      readonly kind: "addTable";
      readonly sheet: string;
      readonly address: string;
      readonly name: string;
      readonly showTotals: boolean;
    }
  /**
   * Give an existing table a name and show or hide its totals row (totals first, so that a table bearing
   * the name always has its totals row). Used to finish a table whose batch Excel failed half-way.
   */
  | { readonly kind: "setTable"; readonly table: string; readonly name: string; readonly showTotals: boolean }
  /** Grow or shrink an existing table to `address` (same top-left cell, headers included). */
  | { readonly kind: "resizeTable"; readonly table: string; readonly address: string }
  /** Keep the first `rows` rows in view while scrolling. Shows (activates) the sheet first: office-js #3148. */
  | { readonly kind: "freezeRows"; readonly sheet: string; readonly rows: number }
  /** Fit the width of the columns of `address` to their contents. */
  | { readonly kind: "autofitColumns"; readonly sheet: string; readonly address: string }
  /** A native clustered column chart of `source` (headers in its first row), placed over `position`. */
  | {
      readonly kind: "addChart";
      readonly sheet: string;
      readonly name: string;
      readonly title: string;
      readonly source: string;
      readonly position: string;
    }
  /**
   * Make an existing chart on `sheet` (now named `chart`) the chart addChart would have made: its title, place,
   * data, and then its name. Used to finish a chart whose batch Excel failed half-way.
   */
  | {
      readonly kind: "updateChart";
      readonly sheet: string;
      readonly chart: string;
      readonly name: string;
      readonly title: string;
      readonly source: string;
      readonly position: string;
    }
  /** Show this sheet to the user. */
  | { readonly kind: "activate"; readonly sheet: string }
  /**
   * Record on `sheet` what the add-in owns there: the worksheet custom property `key` set to `value` (see
   * ./ownership.ts). Placed in the batch of the change it records.
   */
  | { readonly kind: "markSheet"; readonly sheet: string; readonly key: string; readonly value: string };

export interface WorkbookPlan {
  readonly steps: readonly PlanStep[];
}

/** One cell a plan writes: its sheet, zero-based position, and the input and/or number format it receives. */
export interface PlannedCell {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly input?: CellInput;
  readonly format?: string;
}

/**
 * Every cell the plan's setCells and setNumberFormat steps write, in step order, a later write of a cell replacing
 * an earlier one: what a confirmation lists is computed from the plan that is then applied.
 */
export function plannedCells(plan: WorkbookPlan): PlannedCell[] {
  const cells = new Map<string, PlannedCell>();
  const put = (sheet: string, row: number, column: number, change: { input?: CellInput; format?: string }) => {
    const key = `${sheet}\u0000${row}\u0000${column}`;
    cells.set(key, { ...cells.get(key), sheet, row, column, ...change });
  };
  for (const step of plan.steps) {
    if (step.kind !== "setCells" && step.kind !== "setNumberFormat") continue;
    const { start, rows, columns } = parseRange(step.address);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) {
        put(step.sheet, start.row + i, start.column + j, step.kind === "setCells" ? { input: step.cells[i][j] } : { format: step.format });
      }
    }
  }
  return [...cells.values()];
}
