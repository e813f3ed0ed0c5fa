import { FY2025_26 } from "./fy2025-26";
import type { RateTable } from "./types";

/**
 * Every bundled fiscal year, oldest first: the one list a new year is added to (with a test beside
 * test/core/rates.test.ts). A module of its own so tests can stand a made-up year beside the real ones.
 */
export const RATE_TABLES: readonly RateTable[] = [FY2025_26];
