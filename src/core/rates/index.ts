import { RATE_TABLES } from "./bundled";
import { normalizeFiscalYear } from "./fiscalYear";
import type { RateTable } from "./types";

export type { EnrollmentBand, OptionNumber, PurchaseOption, RateTable } from "./types";
export { RATE_TABLES } from "./bundled";
export { FISCAL_YEAR_SPELLINGS, bundledYears, normalizeFiscalYear, parseFiscalYear } from "./fiscalYear";

/** The newest bundled fiscal year: what the functions and the pane use when no year is named. */
export const CURRENT_RATES: RateTable = RATE_TABLES[RATE_TABLES.length - 1];

/** The rate table of a fiscal year such as "2025-26" (any spelling the functions accept), or undefined when it is not bundled. */
export function ratesFor(fiscalYear: string): RateTable | undefined {
  const year = normalizeFiscalYear(fiscalYear);
  return RATE_TABLES.find((table) => table.fiscalYear === year);
}
