/**
 * Live mode at scale (issue 10, item 3): how many custom-function calls a live fill writes for 1,008, 10,000 and
 * 100,000 sites. Each LAUSD.* call is a round trip to the add-in's runtime on every recalculation, and a shared
 * runtime slows down with thousands of them and stalls at #BUSY! around 40,000 (office-js #901; #6936: about 6 times
 * slower with the pane closed; #794: chains of dependent custom functions). Print the figures:
 *   npx jest test/workbook/fill/live-calls.test.ts
 */
import { CURRENT_RATES } from "../../../src/core";
import { LIVE_CALLS_WARNING, liveModeWarning } from "../../../src/taskpane/fill/fillView";
import { type FillSource, customFunctionCalls, planFill } from "../../../src/workbook/fill";

const rates = CURRENT_RATES;

/** A plain sheet of `rows` sites with enrollments over every band (no table, no earlier fill). */
function source(rows: number): FillSource {
  const grid = [["Site", "Enrollment", "", "", "", ""], ...Array.from({ length: rows }, (_, i) => [`Site ${i + 1}`, (i * 37) % 1200, "", "", "", ""])];
  return { sheet: "Sites", region: { start: { row: 0, column: 0 }, rows: rows + 1, columns: 2 }, table: null, formulas: grid, values: grid, used: null, usedBelow: null, mark: null, ratesSheets: [], summarySheets: [] };
}

const figures: string[] = [];
afterAll(() => process.stdout.write(`live-mode custom-function calls:\n${figures.join("\n")}\n`));

test.each([1008, 10_000, 100_000])("a live fill of %p sites writes one custom-function call a site", (rows) => {
  const plan = planFill(source(rows), { enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode: "live" }, rates);
  const calls = customFunctionCalls(plan);
  figures.push(`  ${rows.toLocaleString("en-US")} rows: ${calls.toLocaleString("en-US")} calls`);
  expect(calls).toBe(rows);
});

describe("the pane advises portable formulas above LIVE_CALLS_WARNING add-in function cells", () => {
  const plan = (rows: number, mode: "live" | "portable") => planFill(source(rows), { enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode }, rates);

  test("the 1,008 LAUSD schools in live mode: no warning", () => {
    expect(LIVE_CALLS_WARNING).toBeGreaterThan(1008);
    expect(liveModeWarning(plan(1008, "live"))).toBeNull();
  });

  test("10,000 sites in live mode: a warning that names the count, #BUSY! and portable formulas", () => {
    expect(liveModeWarning(plan(10_000, "live"))).toMatch(/^This fill writes 10,000 add-in function cells\. .*#BUSY!.*Choose "Portable formulas/);
  });

  test("10,000 sites in portable mode: no warning (no add-in functions)", () => {
    expect(liveModeWarning(plan(10_000, "portable"))).toBeNull();
  });
});
