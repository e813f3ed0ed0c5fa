/** Words and choices for the "Review a budget" tab, from the planner's results. Pure, so tests need no DOM. */

import type { RateTable } from "../../core";
import { columnLetters, rangeAddress } from "../../workbook/address";
import { COLUMN_LABELS, FINDING_KINDS, FINDING_LABELS, type ReviewColumnName, type ReviewColumns, ReviewError, type ReviewPlan, type ReviewSource, planReview } from "../../workbook/review";

/** The pickers, in the order the pane shows them; only site and enrollment may be "None". */
export const PICKERS: readonly { readonly name: ReviewColumnName; readonly optional: boolean }[] = [
  { name: "site", optional: true },
  { name: "enrollment", optional: true },
  { name: "days", optional: false },
  { name: "option", optional: false },
  { name: "cost", optional: false },
  { name: "summerDays", optional: true },
];

export const pickerLabel = (name: ReviewColumnName): string => `${COLUMN_LABELS[name]} column`;

/** The columns of the data, for the pickers: "C: Days bought" (or "Column C" when the header is empty). */
export function columnChoices(source: ReviewSource): { index: number; label: string }[] {
  return Array.from({ length: source.region.columns }, (_, index) => {
    const letter = columnLetters(source.region.start.column + index);
    const header = String(source.values[0]?.[index] ?? "").trim();
    return { index, label: header ? `${letter}: ${header}` : `Column ${letter}` };
  });
}

/** "Budgets!A1:F1009" for the pane. */
export const whereText = (source: ReviewSource): string => `${source.sheet}!${rangeAddress(source.region)}`;

export type PlannedReview = { readonly plan: ReviewPlan; readonly error?: undefined } | { readonly plan?: undefined; readonly error: string };

/** The plan for the chosen columns, or the planner's message when they do not fit the data. */
export function reviewFor(source: ReviewSource, columns: ReviewColumns, rates: RateTable): PlannedReview {
  try {
    return { plan: planReview(source, columns, rates) };
  } catch (error) {
    if (error instanceof ReviewError) return { error: error.message };
    throw error;
  }
}

/** Rows of the counts table: every kind (zeros too, so a clean budget reads as checked), then the rows without findings, blank rows and total rows. */
export function countRows(plan: ReviewPlan): { label: string; rows: number }[] {
  return [
    ...FINDING_KINDS.map((k) => ({ label: FINDING_LABELS[k], rows: plan.counts[k] })),
    { label: "No finding (OK)", rows: plan.ok },
    { label: "Blank rows (not reviewed)", rows: plan.blanks },
    { label: "Total rows (not reviewed)", rows: plan.totalRows },
  ];
}

/**
 * Whether a fresh read still has the chosen columns where the first read had them (same sheet, same top-left
 * cell, same headers over the chosen columns), so the user's choices still mean the same.
 */
export function sameLayout(before: ReviewSource, after: ReviewSource, columns: ReviewColumns): boolean {
  const header = (s: ReviewSource, column: number | null) => (column === null ? "" : String(s.values[0]?.[column] ?? ""));
  return (
    before.sheet === after.sheet &&
    before.region.start.row === after.region.start.row &&
    before.region.start.column === after.region.start.column &&
    Object.values(columns).every((c) => header(before, c) === header(after, c))
  );
}
