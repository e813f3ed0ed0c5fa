/** What the fill computes for each row, and the counts the pane previews. Every rule comes from the core. */

import { type OptionNumber, type RateTable, annualCost, parseEnrollment, recommendDays } from "../../core";
import type { CellValue } from "./headers";

export type RowResult =
  | { readonly kind: "blank" }
  /** A total or subtotal row under (or among) the sites: left out of pricing and of the summary. */
  | { readonly kind: "summary" }
  | { readonly kind: "ok"; readonly enrollment: number; readonly days: number }
  | { readonly kind: "invalid"; readonly message: string };

export function rowResult(enrollment: CellValue, rates: RateTable): RowResult {
  const parsed = parseEnrollment(enrollment);
  if (parsed.kind === "blank") return parsed;
  if (parsed.kind === "invalid") return { kind: "invalid", message: parsed.problem.message };
  return { kind: "ok", enrollment: parsed.value, days: recommendDays(parsed.value, rates).days };
}

// A label that is all about a total: "Total", "TOTAL:", "Grand total", "Sub-total", "Totals for Region North",
// "Region North total". A site whose name merely starts with the word ("Total Learning Academy") is not one.
const TOTAL_LABEL = /^(?:(?:grand|sub|overall|district)\s*-?\s*)?totals?\s*:?(?:\s+(?:for|of)\b.*)?$|\s(?:sub-?)?totals?\s*:?$|^sum\s*:?$/i;
const SUMMARY_FUNCTION = /^=\s*(?:SUBTOTAL|AGGREGATE)\s*\(/i;
const SUM_FUNCTION = /^=\s*SUM\s*\(/i;
const RANGE = /\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)/gi;

/**
 * Whether a row totals the rows around it rather than being a site: its label (the site cell, or the row's first
 * cell when no site column is chosen) says total, or its enrollment is a SUBTOTAL/AGGREGATE formula or a SUM down
 * a column (=SUM(B2:B1009); a SUM across the row, such as grades added up, is a site's own enrollment).
 */
export function isSummaryRow(label: CellValue, enrollmentFormula: CellValue): boolean {
  if (typeof label === "string" && TOTAL_LABEL.test(label.trim())) return true;
  if (typeof enrollmentFormula !== "string") return false;
  if (SUMMARY_FUNCTION.test(enrollmentFormula)) return true;
  return SUM_FUNCTION.test(enrollmentFormula) && [...enrollmentFormula.matchAll(RANGE)].some((m) => m[1].toUpperCase() === m[3].toUpperCase() && m[2] !== m[4]);
}

/** A row left out as a total: its sheet row number and its label as shown. */
export interface LeftOutRow {
  readonly row: number;
  readonly label: string;
}

export interface RowProblem {
  /** Sheet row number as Excel shows it (1-based). */
  readonly row: number;
  readonly site: string;
  readonly message: string;
}

export interface FillPreview {
  /** Data rows (header excluded). */
  readonly rows: number;
  readonly blanks: number;
  readonly filled: number;
  readonly invalid: readonly RowProblem[];
  /** Total and subtotal rows, left out of pricing and of the summary. */
  readonly totalRows: readonly LeftOutRow[];
  /** Sites per recommended days: index 0 = 1 day ... index maxDays-1 = maxDays. */
  readonly sitesPerDays: readonly number[];
  /** Total annual cost of the recommended days of every valid row, per option (index 0 = option 1). */
  readonly totals: readonly [number, number, number];
  /** The same totals split by recommended days: costPerDays[days - 1][option - 1]. */
  readonly costPerDays: readonly (readonly [number, number, number])[];
}

/**
 * Counts for the pane, from the rows' results. `firstRow` is the sheet row number of the first data row;
 * `sites` are the rows' labels: the site names (or the row's first cell when there is no site column).
 */
export function previewOf(results: readonly RowResult[], sites: readonly CellValue[], firstRow: number, rates: RateTable): FillPreview {
  const sitesPerDays = Array<number>(rates.maxDays).fill(0);
  const totals: [number, number, number] = [0, 0, 0];
  const costPerDays = sitesPerDays.map((): [number, number, number] => [0, 0, 0]);
  const invalid: RowProblem[] = [];
  const totalRows: LeftOutRow[] = [];
  let blanks = 0;
  results.forEach((r, i) => {
    if (r.kind === "blank") blanks++;
    else if (r.kind === "summary") totalRows.push({ row: firstRow + i, label: String(sites[i] ?? "") });
    else if (r.kind === "invalid") invalid.push({ row: firstRow + i, site: String(sites[i] ?? ""), message: r.message });
    else {
      sitesPerDays[r.days - 1]++;
      for (const option of [1, 2, 3] as OptionNumber[]) {
        const cost = annualCost(r.days, option, rates);
        totals[option - 1] += cost;
        costPerDays[r.days - 1][option - 1] += cost;
      }
    }
  });
  const filled = results.length - blanks - invalid.length - totalRows.length;
  return { rows: results.length, blanks, filled, invalid, totalRows, sitesPerDays, totals, costPerDays };
}
