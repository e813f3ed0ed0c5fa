import type { RateTable } from "../../src/core";
import { FY2025_26 } from "../../src/core/rates/fy2025-26";

/**
 * MADE-UP RATES, FOR TESTS ONLY. No memo has set FY 2026-27 prices; these numbers are invented so tests can
 * prove that a second bundled year never re-prices a formula that names FY 2025-26. Never import this from src/.
 * Every price differs from FY 2025-26's, and the bands move too (300 students is 1 day here, 2 in 2025-26).
 */
export const FAKE_FY2026_27: RateTable = {
  ...FY2025_26,
  fiscalYear: "2026-27",
  source: {
    title: "MADE-UP TEST RATES (not an ITS memo)",
    issuer: "test/support/fy2026-27.fake.ts",
    date: "2099-01-01",
    from: "nobody: invented for tests",
  },
  bands: [
    { maxEnrollment: 300, days: 1 },
    { maxEnrollment: 500, days: 2 },
    { maxEnrollment: 700, days: 3 },
    { maxEnrollment: 900, days: 4 },
    { maxEnrollment: null, days: 5 },
  ],
  options: [
    { ...FY2025_26.options[0], prices: [11111, 22222, 33333, 44444, 55555] },
    { ...FY2025_26.options[1], prices: [10001, 20002, 30003, 40004, 50005] },
    { ...FY2025_26.options[2], prices: [101, 202, 303, 404, 505] },
  ],
};

/** What RATE_TABLES would be the day a second year ships: the real FY 2025-26 and the made-up FY 2026-27. */
export const TWO_YEARS: readonly RateTable[] = [FY2025_26, FAKE_FY2026_27];
