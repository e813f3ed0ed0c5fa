import { type Parsed, invalid, ok, parseNumber } from "./inputs";
import type { EnrollmentBand, RateTable } from "./rates";

export interface Recommendation {
  readonly days: number;
  readonly band: EnrollmentBand;
  /** e.g. "401-600 students". */
  readonly bandLabel: string;
}

/** Enrollment is compared against the bounds as it is: 200 -> band 1, 200.5 -> band 2. */
export function recommendDays(enrollment: number, rates: RateTable): Recommendation {
  const band = rates.bands.find((b) => b.maxEnrollment === null || enrollment <= b.maxEnrollment);
  if (!band) throw new Error(`Rate table ${rates.fiscalYear} has no open-ended top band.`);
  return { days: band.days, band, bandLabel: bandLabel(band, rates) };
}

/** "200 or fewer students", "201-400 students", "more than 800 students". */
export function bandLabel(band: EnrollmentBand, rates: RateTable): string {
  const index = rates.bands.indexOf(band);
  const lower = index > 0 ? rates.bands[index - 1].maxEnrollment : null;
  if (lower === null) return `${band.maxEnrollment} or fewer students`;
  if (band.maxEnrollment === null) return `more than ${lower} students`;
  return `${lower + 1}-${band.maxEnrollment} students`;
}

/** The rule in one sentence, for the pane and the docs. */
export const BAND_READING =
  "Each band includes its upper end: 200 students is 1 day (the memo leaves 200 itself unassigned).";

/** Enrollment from a cell or a text box: blank, a number of students 0 or more, or a problem. */
export function parseEnrollment(input: unknown): Parsed<number> {
  const parsed = parseNumber(input, "Enrollment");
  if (parsed.kind === "ok" && parsed.value < 0) {
    return invalid("number", `Enrollment cannot be negative (got ${parsed.value}). Enter the number of students, 0 or more.`);
  }
  return parsed.kind === "ok" ? ok(parsed.value) : parsed;
}
