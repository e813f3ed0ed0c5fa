/** What the fill computes for each row, and the counts the pane previews. Every rule comes from the core. */

import { type OptionNumber, type RateTable, annualCost, parseEnrollment, recommendDays } from "../../core";
import type { CellValue } from "./headers";

export type RowResult =
  | { readonly kind: "blank" }
  | { readonly kind: "ok"; readonly enrollment: number; readonly days: number }
  | { readonly kind: "invalid"; readonly message: string };

export function rowResult(enrollment: CellValue, rates: RateTable): RowResult {
  const parsed = parseEnrollment(enrollment);
  if (parsed.kind === "blank") return parsed;
  if (parsed.kind === "invalid") return { kind: "invalid", message: parsed.problem.message };
  return { kind: "ok", enrollment: parsed.value, days: recommendDays(parsed.value, rates).days };
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
  /** Sites per recommended days: index 0 = 1 day ... index maxDays-1 = maxDays. */
  readonly sitesPerDays: readonly number[];
  /** Total annual cost of the recommended days of every valid row, per option (index 0 = option 1). */
  readonly totals: readonly [number, number, number];
  /** The same totals split by recommended days: costPerDays[days - 1][option - 1]. */
  readonly costPerDays: readonly (readonly [number, number, number])[];
}

/**
 * Counts for the pane, from the rows' results. `firstRow` is the sheet row number of the first data row;
 * `sites` are the site names (or "" when there is no site column).
 */
export function previewOf(results: readonly RowResult[], sites: readonly CellValue[], firstRow: number, rates: RateTable): FillPreview {
  const sitesPerDays = Array<number>(rates.maxDays).fill(0);
  const totals: [number, number, number] = [0, 0, 0];
  const costPerDays = sitesPerDays.map((): [number, number, number] => [0, 0, 0]);
  const invalid: RowProblem[] = [];
  let blanks = 0;
  results.forEach((r, i) => {
    if (r.kind === "blank") blanks++;
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
  return { rows: results.length, blanks, filled: results.length - blanks - invalid.length, invalid, sitesPerDays, totals, costPerDays };
}
