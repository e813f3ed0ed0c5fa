/** Finding the columns of a submitted budget by their headers. Pure: works on the header row as read. */

import type { RateTable } from "../../core";
import { type CellValue, detectColumns, normalizeHeader } from "../fill/headers";

/** The header of the column the review writes, found again by name on later runs. */
export const REVIEW_HEADER = "ITS review";

/** Index into the header row of each column the review reads; null when none was found (or chosen). */
export interface ReviewColumns {
  readonly site: number | null;
  readonly enrollment: number | null;
  readonly days: number | null;
  readonly option: number | null;
  readonly cost: number | null;
  /** Optional: Summer Only days bought on top of the days (the quote tab's split), priced with them in one cost. */
  readonly summerDays: number | null;
}

export type ReviewColumnName = keyof ReviewColumns;

/** What each column holds, for the pane's pickers and the messages. */
export const COLUMN_LABELS: Record<ReviewColumnName, string> = {
  site: "Site name",
  enrollment: "Enrollment",
  days: "Days bought",
  option: "Option",
  cost: "Cost",
  summerDays: "Summer Only days",
};

interface Wanted {
  /** Whole header names, best first (normalized: lower case, letters and digits only). */
  readonly names: readonly string[];
  /** Words a likely header contains, best first. */
  readonly words: readonly string[];
  /** A header holding one of these is not this column ("Recommended days" is not days bought). */
  readonly reject: readonly string[];
}

// Names as schools and the quote tab ("Days bought", "Option", "Summer Only days", "Annual cost") write them.
const SUMMER_DAYS: Wanted = { names: ["summeronlydays", "summerdays", "dayssummeronly", "summeronlydaysbought"], words: [], reject: [] };
const DAYS: Wanted = {
  names: ["daysbought", "days", "daysperweek", "daysaweek", "dayspurchased", "daystobuy", "daysbudgeted", "daysrequested", "technicianday", "techniciandays"],
  words: ["days", "day"],
  reject: ["recommend", "summer", "cost", "price"],
};
const OPTION: Wanted = {
  names: ["option", "purchaseoption", "serviceoption", "costoption", "costmodel", "supportoption"],
  words: ["option", "model"],
  reject: ["cost$", "price"],
};
// The fill's own "<option> cost" columns are prices of the recommended days, not what a site entered.
const COST: Wanted = {
  names: ["cost", "annualcost", "totalcost", "amount", "budget", "price", "encumbrance", "budgetedamount", "budgetamount"],
  words: ["cost", "amount", "price", "budget", "encumb"],
  reject: ["fullyearcost", "outsidesummercost", "summeronlycost", "code", "id"],
};

const rejects = (key: string, reject: readonly string[]) =>
  reject.some((r) => (r.endsWith("$") ? key.endsWith(r.slice(0, -1)) : key.includes(r)));

/** The first usable column matching `wanted`: a whole name first, then a word. */
function find(keys: readonly string[], wanted: Wanted, taken: ReadonlySet<number>): number | null {
  const usable = keys.map((key, i) => !taken.has(i) && key !== "" && !rejects(key, wanted.reject));
  for (const name of wanted.names) {
    const i = keys.findIndex((key, j) => usable[j] && key === name);
    if (i >= 0) return i;
  }
  for (const word of wanted.words) {
    const i = keys.findIndex((key, j) => usable[j] && key.includes(word));
    if (i >= 0) return i;
  }
  return null;
}

/**
 * The five columns, guessed from the header row. Days, option and cost are found first and kept out of the
 * fill's enrollment and site detection (reused as it is), so "Option name" is never taken for a site name.
 * The review's own column is never picked.
 */
export function detectReviewColumns(headers: readonly CellValue[], rates: RateTable): ReviewColumns {
  const keys = headers.map(normalizeHeader);
  const taken = new Set(keys.flatMap((k, i) => (k === normalizeHeader(REVIEW_HEADER) ? [i] : [])));
  const pickInto = (wanted: Wanted) => {
    const i = find(keys, wanted, taken);
    if (i !== null) taken.add(i);
    return i;
  };
  const summerDays = pickInto(SUMMER_DAYS);
  const days = pickInto(DAYS);
  const option = pickInto(OPTION);
  const cost = pickInto(COST);
  const { enrollment, site } = detectColumns(
    headers.map((h, i) => (taken.has(i) ? "" : h)),
    rates,
  );
  return { site, enrollment, days, option, cost, summerDays };
}
