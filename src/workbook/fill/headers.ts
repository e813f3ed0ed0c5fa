/** Finding the columns of a budget sheet by their headers. Pure: works on the header row as read. */

import type { OptionNumber, RateTable } from "../../core";

/** A cell as Excel reads it (`range.values` / `range.formulas`): blank cells are "". */
export type CellValue = string | number | boolean;

/** Case, spaces and punctuation do not matter: "Total Enrollment" = "total_enrollment". */
export const normalizeHeader = (cell: CellValue): string => String(cell).toLowerCase().replace(/[^a-z0-9]/g, "");

// Exact names first (best), then words that make a header likely. Order is preference.
const ENROLLMENT_NAMES = [
  "enrollment",
  "totalenrollment",
  "normenrollment",
  "students",
  "enrolment",
  "totalstudents",
  "studentenrollment",
  "numberofstudents",
  "studentcount",
  "enrollmentcount",
];
const ENROLLMENT_WORDS = ["enroll", "enrol", "students", "pupils"];
const SITE_NAMES = ["site", "sitename", "school", "schoolname", "name", "location", "locationname", "office"];
const SITE_WORDS = ["school", "site", "location", "name"];
// Columns such as "School code" or "Site ID" name a site but do not hold its name.
const NOT_A_NAME = ["code", "id", "cds", "number", "type", "count", "enroll"];

/** Headers of the columns the fill adds and, on later runs, finds again to update. */
export const DAYS_HEADER = "Recommended days";
export const costHeader = (option: OptionNumber, rates: RateTable): string => `${rates.options[option - 1].name} cost`;

function pick(headers: readonly CellValue[], names: string[], words: string[], reject: string[], skip: Set<number>): number | null {
  const keys = headers.map(normalizeHeader);
  const usable = (i: number) => !skip.has(i) && keys[i] !== "";
  for (const name of names) {
    const i = keys.findIndex((k, j) => usable(j) && k === name);
    if (i >= 0) return i;
  }
  for (const word of words) {
    const i = keys.findIndex((k, j) => usable(j) && k.includes(word) && !reject.some((r) => k.includes(r)));
    if (i >= 0) return i;
  }
  return null;
}

export interface DetectedColumns {
  /** Index in the header row, or null when no header looks like one. */
  readonly enrollment: number | null;
  readonly site: number | null;
}

/** The enrollment and site-name columns, guessed from the header row; the fill's own columns are never picked. */
export function detectColumns(headers: readonly CellValue[], rates: RateTable): DetectedColumns {
  const own = new Set(rates.options.map((o) => normalizeHeader(costHeader(o.number, rates))).concat(normalizeHeader(DAYS_HEADER)));
  const skip = new Set(headers.flatMap((h, i) => (own.has(normalizeHeader(h)) ? [i] : [])));
  const enrollment = pick(headers, ENROLLMENT_NAMES, ENROLLMENT_WORDS, ["code", "id"], skip);
  if (enrollment !== null) skip.add(enrollment);
  const site = pick(headers, SITE_NAMES, SITE_WORDS, NOT_A_NAME, skip);
  return { enrollment, site };
}

/** The column whose header is `header` (ignoring case and punctuation), or null. */
export function findHeader(headers: readonly CellValue[], header: string): number | null {
  const key = normalizeHeader(header);
  const i = headers.findIndex((h) => normalizeHeader(h) === key);
  return i >= 0 ? i : null;
}
