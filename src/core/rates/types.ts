/** One purchase option from the memo's cost model (Option 1, 2 or 3). */
export interface PurchaseOption {
  /** The memo's option number: 1, 2 or 3. */
  readonly number: OptionNumber;
  /** Short name used in formulas and the pane, e.g. "Outside Summer". */
  readonly name: string;
  /** The memo's own heading, e.g. "Full Year - A Basis". */
  readonly memoName: string;
  /** The service period in the memo's words. */
  readonly period: string;
  /** Short period for narrow UI, e.g. "Jul 17 - Jun 30". */
  readonly shortPeriod: string;
  /** Other names users type for it; matching ignores case, and spaces or hyphens between words. */
  readonly aliases: readonly string[];
  /** Annual price in whole dollars for 1..5 days a week, copied from the memo (index 0 = 1 day). */
  readonly prices: readonly [number, number, number, number, number];
}

export type OptionNumber = 1 | 2 | 3;

/** An enrollment band: enrollment up to and including `maxEnrollment` gets `days` (null = no upper end). */
export interface EnrollmentBand {
  readonly maxEnrollment: number | null;
  readonly days: number;
}

/** Everything one fiscal year's memo defines. One file per fiscal year; see ./index.ts. */
export interface RateTable {
  /** e.g. "2025-26". */
  readonly fiscalYear: string;
  readonly source: {
    readonly title: string;
    readonly issuer: string;
    readonly date: string;
    readonly from: string;
  };
  /** Bands in ascending order; the last has no upper end. */
  readonly bands: readonly EnrollmentBand[];
  readonly options: readonly [PurchaseOption, PurchaseOption, PurchaseOption];
  /** The most days a week that can be bought (a full-time technician). */
  readonly maxDays: number;
}
