import { type Parsed, isBlank, shownValue } from "../inputs";
import { RATE_TABLES } from "./bundled";
import type { RateTable } from "./types";

// "2025-26", "2025-2026", optionally after "FY" (with or without a space); "FY25-26" needs the FY.
// Spaces around the dash and an en dash (pasted from a memo) are allowed.
const LONG_YEAR = /^(?:fy\s*)?(\d{4})\s*[-\u2013]\s*(\d{2}|\d{4})$/i;
const SHORT_YEAR = /^fy\s*(\d{2})\s*[-\u2013]\s*(\d{2})$/i;

/** The spellings the functions accept, for messages and the help. */
export const FISCAL_YEAR_SPELLINGS = '"2025-26", "FY2025-26", "FY 2025-26", "2025-2026" or "FY25-26"';

/** The canonical "2025-26" for any accepted spelling, or null when the text is not a fiscal year. */
export function normalizeFiscalYear(text: string): string | null {
  const trimmed = text.trim();
  const long = LONG_YEAR.exec(trimmed);
  const short = long ? null : SHORT_YEAR.exec(trimmed);
  if (!long && !short) return null;
  const start = long ? Number(long[1]) : 2000 + Number(short![1]);
  const end = (long ?? short)![2];
  const endMatches = end.length === 4 ? Number(end) === start + 1 : Number(end) === (start + 1) % 100;
  return endMatches ? `${start}-${String((start + 1) % 100).padStart(2, "0")}` : null;
}

/** "2025-26" or "2025-26, 2026-27": the bundled years, oldest first. */
export const bundledYears = (tables: readonly RateTable[] = RATE_TABLES): string => tables.map((t) => t.fiscalYear).join(", ");

/**
 * The rate table a fiscal-year argument names. Blank (omitted) is the newest bundled year; a year that is
 * not bundled, or text that is not a fiscal year, is refused with a message listing the bundled years.
 */
export function parseFiscalYear(input: unknown, tables: readonly RateTable[] = RATE_TABLES): Exclude<Parsed<RateTable>, { kind: "blank" }> {
  const years = `Bundled years: ${bundledYears(tables)}.`;
  if (isBlank(input)) return { kind: "ok", value: tables[tables.length - 1] };
  const year = typeof input === "string" ? normalizeFiscalYear(input) : null;
  const table = year === null ? undefined : tables.find((t) => t.fiscalYear === year);
  if (table) return { kind: "ok", value: table };
  const message =
    year !== null
      ? `No rates for fiscal year ${year}. ${years}`
      : `${shownValue(input)} is not a fiscal year: write it as text, like ${FISCAL_YEAR_SPELLINGS}. ${years}`;
  return { kind: "invalid", problem: { kind: "value", message } };
}
