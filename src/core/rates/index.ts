import { FY2025_26 } from "./fy2025-26";
import type { RateTable } from "./types";

export type { EnrollmentBand, OptionNumber, PurchaseOption, RateTable } from "./types";

/** Every bundled fiscal year, oldest first. A new year: add its file here and a test beside it. */
export const RATE_TABLES: readonly RateTable[] = [FY2025_26];

/** The newest bundled fiscal year: what the functions and the pane use. */
export const CURRENT_RATES: RateTable = RATE_TABLES[RATE_TABLES.length - 1];

/** The rate table of a fiscal year such as "2025-26", or undefined when it is not bundled. */
export function ratesFor(fiscalYear: string): RateTable | undefined {
  return RATE_TABLES.find((table) => table.fiscalYear === fiscalYear);
}
