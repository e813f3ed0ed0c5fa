/**
 * Stands in for src/core/rates/bundled.ts in a test build (test/functions/bundle.test.ts), so the production
 * functions.js is proven against a second, MADE-UP year. Never shipped: only that test's webpack build uses it.
 */
export { TWO_YEARS as RATE_TABLES } from "./fy2026-27.fake";
