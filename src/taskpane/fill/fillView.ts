/** Words and choices for the "Fill a sheet" tab, from the planner's results. Pure, so tests need no DOM. */

import { type OptionNumber, type RateTable, bandLabel } from "../../core";
import { columnLetters, rangeAddress } from "../../workbook/address";
import {
  type FillChoice,
  type FillPlan,
  type FillPreview,
  type FillSource,
  FillError,
  MODE_LABELS,
  type OwnSheetChoice,
  SUMMARY_SHEET,
  customFunctionCalls,
  planFill,
  ratesSheetName,
  targetColumns,
} from "../../workbook/fill";

export const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The columns of the data, for the pickers: "B: Total Enrollment" (or "Column B" when the header is empty). */
export function columnChoices(source: FillSource): { index: number; label: string }[] {
  return Array.from({ length: source.region.columns }, (_, index) => {
    const letter = columnLetters(source.region.start.column + index);
    const header = String(source.formulas[0]?.[index] ?? "").trim();
    return { index, label: header ? `${letter}: ${header}` : `Column ${letter}` };
  });
}

/** "Sites!A1:T1009" for the pane. */
export const whereText = (source: FillSource): string => `${source.sheet}!${rangeAddress(source.region)}`;

/** Sites per recommended days, labelled by band: "401-600 students: 3 days". */
export function bandRows(plan: FillPlan, rates: RateTable): { label: string; sites: number }[] {
  return rates.bands.map((band, i) => ({
    label: `${bandLabel(band, rates)}: ${count(band.days, "day")}`,
    sites: plan.preview.sitesPerDays[i] ?? 0,
  }));
}

export type Planned = { readonly plan: FillPlan; readonly error?: undefined } | { readonly plan?: undefined; readonly error: string };

/** The plan for the current choice, or the planner's message when the choice does not fit the data. */
export function planFor(source: FillSource, choice: FillChoice, rates: RateTable): Planned {
  if (choice.options.length === 0) return { error: "Choose at least one option to price." };
  try {
    return { plan: planFill(source, choice, rates) };
  } catch (error) {
    if (error instanceof FillError) return { error: error.message };
    throw error;
  }
}

/**
 * Which rows were taken for totals and left out, or null when none: `2 total rows are left out of the pricing
 * and the summary: row 1010 ("Total"), row 1011 ("Grand total").` At most three are named.
 */
export function leftOutText(preview: FillPreview): string | null {
  const rows = preview.totalRows;
  if (rows.length === 0) return null;
  const named = rows.slice(0, 3).map((r) => `row ${r.row}${r.label.trim() ? ` ("${r.label.trim()}")` : ""}`);
  const more = rows.length > 3 ? ` and ${count(rows.length - 3, "more")}` : "";
  const are = rows.length === 1 ? "is" : "are";
  return `${count(rows.length, "total row")} ${are} left out of the pricing and the summary: ${named.join(", ")}${more}.`;
}

/**
 * Add-in function cells above which the pane advises portable formulas. In a shared runtime custom functions get much
 * slower with thousands of cells and stay at #BUSY! at 40,000 (office-js #901), recalculate about 6 times slower while
 * the pane is closed (#6936) and slow down further when they depend on each other (#794).
 */
export const LIVE_CALLS_WARNING = 5_000;

/** The advice for a live fill that writes more add-in function cells than Excel handles well, or null. */
export function liveModeWarning(plan: FillPlan): string | null {
  const calls = customFunctionCalls(plan);
  if (calls <= LIVE_CALLS_WARNING) return null;
  return (
    `This fill writes ${count(calls, "add-in function cell")}. Excel is known to slow down with thousands of them and to stall, ` +
    `showing #BUSY!, at tens of thousands (worst with this pane closed). Choose "${MODE_LABELS.portable}": the same numbers, ` +
    "computed by Excel itself."
  );
}

/** "E:H" or "D, F:G" for sheet columns. */
function columnsText(columns: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const c of columns) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs.map(([a, b]) => (a === b ? columnLetters(a) : `${columnLetters(a)}:${columnLetters(b)}`)).join(", ");
}

const headersText = (plan: FillPlan, added: boolean): string =>
  plan.targets
    .filter((t) => t.added === added)
    .sort((a, b) => a.column - b.column)
    .map((t) => t.header)
    .join(", ");

/** The fill's own sheet, and the user's sheet of that name it leaves alone. */
function ownSheetText(choice: OwnSheetChoice, what: string, base: string): string {
  const kept = choice.nameTaken ? ` (your sheet "${base}" is left as it is)` : "";
  return `${what} on ${choice.existing ? "sheet" : "a new sheet"} "${choice.name}"${kept}`;
}

/**
 * Where the results go, before Fill and after it: "New columns E:H (Recommended days, Full Year cost, ...) and
 * updated columns ... on sheet "Sites"; the summary and chart on a new sheet "ITS Summary (2)" (your sheet ...)."
 */
export function placementText(plan: FillPlan, rates: RateTable): string {
  const added = targetColumns(plan, true);
  const updated = targetColumns(plan, false);
  const parts = [
    ...(added.length ? [`new ${added.length === 1 ? "column" : "columns"} ${columnsText(added)} (${headersText(plan, true)})`] : []),
    ...(updated.length ? [`the fill's ${updated.length === 1 ? "column" : "columns"} ${columnsText(updated)} (${headersText(plan, false)}), updated`] : []),
  ];
  const rest = [ownSheetText(plan.summarySheet, "the summary and chart", SUMMARY_SHEET)];
  if (plan.ratesSheet) rest.push(ownSheetText(plan.ratesSheet, "the rates", ratesSheetName(rates)));
  const columns = parts.join(" and ");
  return `${columns.charAt(0).toUpperCase()}${columns.slice(1)} on sheet "${plan.sheet}"; ${rest.join("; ")}.`;
}

/** One line per sheet the plan changes: "Sheet "Sites": 56 cells (E1, E2, E3, E4, ...), 3 of them replaced (F2, ...)." */
export function changeLines(plan: FillPlan): string[] {
  return plan.changed.map((c) => {
    const more = (shown: readonly string[], total: number) => `${shown.join(", ")}${total > shown.length ? ", ..." : ""}`;
    const replaced = c.replaced > 0 ? `, ${count(c.replaced, "cell")} holding something replaced (${more(c.replacedExamples, c.replaced)})` : "";
    return `${c.added ? "New sheet" : "Sheet"} "${c.sheet}": ${count(c.cells, "cell")} (${more(c.examples, c.cells)})${replaced}.`;
  });
}

/** What the confirmation says: exactly the cells, columns and sheets that change (from the plan written), and that nothing else does. */
export function confirmText(plan: FillPlan, rates: RateTable): string {
  return (
    `${count(plan.changes, "cell")} already holding something would get new content. ${placementText(plan, rates)} ` +
    `${changeLines(plan).join(" ")} Nothing else in the workbook changes.` +
    (leftOutText(plan.preview) ? ` ${leftOutText(plan.preview)}` : "")
  );
}

export const optionOrder = (options: readonly OptionNumber[]): OptionNumber[] => ([1, 2, 3] as const).filter((o) => options.includes(o));
