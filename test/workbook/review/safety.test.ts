/**
 * Data safety of review mode on randomized workbooks (user columns beside the budget, sparse cells and formulas
 * showing nothing, a table or not, sheets named like ours, earlier reviews), run through the real Excel-side code
 * on the Excel emulation:
 * - the only cells that change are in the review column over the budget's rows and on the ITS Review sheet the
 *   plan names, and the confirmation names both; no non-empty cell is overwritten except the review's own
 *   (a second review, which the confirmation counts); tables, other sheets and a user's "ITS Review" stay as they were;
 * - Excel failing at any action of the write breaks none of that, and reviewing again ends where an uninterrupted
 *   review ends.
 * Reproduce a failure with FUZZ_SEED=<seed>.
 */
import fc from "fast-check";
import { CURRENT_RATES } from "../../../src/core";
import { type EmulatedWorkbook, type WorkbookSnapshot, createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { parseRange } from "../../../src/workbook/address";
import { type ReviewScope, readReviewSource, writeReview } from "../../../src/workbook/excel/review";
import { REVIEW_HEADER, type ReviewPlan, ReviewError, detectReviewColumns, planReview } from "../../../src/workbook/review";
import { actionHooks, lightEvaluator } from "../../safety/emulationHooks";
import { cellChanges } from "../../safety/workbookDiff";

const rates = CURRENT_RATES;
const WORKBOOKS = 300;

type Cell = string | number | boolean;

const cellOf = fc.oneof(
  fc.constantFrom<Cell>("", "", "x", 0, 1, 2, 3, 5, 6, 2.5, -1, "n/a", 26151, 50008, 1125, "Full Year", "Outside of Summer", "summer only", "Winter", "=1+1", '=""', "Total", true),
);
const rowOf = fc.record({
  site: fc.constantFrom<Cell>("Alpha ES", "Beta MS", "", "Total", "=A1", "-Lincoln"),
  enrollment: fc.constantFrom<Cell>(150, 200, 201, 523, 801, "", "n/a", -4),
  days: fc.constantFrom<Cell>(0, 1, 2, 3, 4, 5, 6, 2.5, "", "two"),
  option: fc.constantFrom<Cell>("Full Year", "A Basis", "Outside of Summer", "SUMMER ONLY", 2, "", "Winter"),
  cost: fc.constantFrom<Cell>(26151, 52301, 50008, 1125, 50000, "", "TBD", "$78,452", "=SUM(E2:E3)"),
});

const workbookOf = fc.record({
  rows: fc.array(rowOf, { minLength: 1, maxLength: 12 }),
  // Columns right of the budget: each a list of sparse cells (row -> content).
  beside: fc.array(fc.array(fc.tuple(fc.nat(13), cellOf), { maxLength: 3 }), { maxLength: 5 }),
  scope: fc.constantFrom<"usedRange" | "selection" | "table">("usedRange", "selection", "table"),
  userReviewSheet: fc.constantFrom<"none" | "full" | "empty">("none", "full", "empty"),
  userReviewHeader: fc.boolean(),
  failAt: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
});

type Workbook = typeof workbookOf extends fc.Arbitrary<infer T> ? T : never;

const HEADERS = ["Site", "Enrollment", "Days bought", "Option", "Cost"];

/** The data sheet and the others: the budget at A1, the user's cells beside it, maybe a user's "ITS Review". */
function sheetsOf(w: Workbook): Record<string, Cell[][]> {
  const width = HEADERS.length + w.beside.length;
  const grid: Cell[][] = [HEADERS, ...w.rows.map((r) => [r.site, r.enrollment, r.days, r.option, r.cost])].map((row) => [...row, ...Array<Cell>(width - row.length).fill("")]);
  w.beside.forEach((cells, c) => cells.forEach(([row, value]) => row < grid.length && (grid[row][HEADERS.length + c] = value)));
  if (w.userReviewHeader && w.beside.length > 0) grid[0][HEADERS.length] = REVIEW_HEADER;
  const sheets: Record<string, Cell[][]> = { Budgets: grid, Other: [["keep", 1]] };
  if (w.userReviewSheet === "full") sheets["ITS Review"] = [["my notes"]];
  if (w.userReviewSheet === "empty") sheets["ITS Review"] = [];
  return sheets;
}

function bookOf(w: Workbook): EmulatedWorkbook {
  const sheets = sheetsOf(w);
  const rows = w.rows.length + 1;
  const book = createWorkbook({
    evaluator: lightEvaluator,
    sheets,
    selection: `A1:E${rows}`,
    tables: w.scope === "table" ? [{ name: "Submitted", sheet: "Budgets", address: `A1:E${rows}` }] : [],
  });
  installEmulatedOffice(globalThis, book);
  return book;
}

const scopeOf = (w: Workbook): ReviewScope => (w.scope === "table" ? { kind: "table", name: "Submitted" } : { kind: w.scope });

/** Read, plan and write; null when the planner refuses (the pane would show why, and nothing is written). */
async function reviewOnce(w: Workbook): Promise<ReviewPlan | null> {
  const read = await readReviewSource(scopeOf(w));
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  let plan: ReviewPlan;
  try {
    plan = planReview(read.source, detectReviewColumns(read.source.values[0], rates), rates);
  } catch (error) {
    if (error instanceof ReviewError) return null;
    throw error;
  }
  const written = await writeReview(plan);
  if (written.kind !== "done") throw new Error(JSON.stringify(written));
  return plan;
}

/**
 * Every change is inside what the plan's confirmation names, and no non-empty cell is overwritten outside our own;
 * the only sheet added is the one it names (once the write is `complete`).
 */
function expectOnlyNamedChanges(before: WorkbookSnapshot, after: WorkbookSnapshot, plan: ReviewPlan, complete = true) {
  const target = parseRange(plan.target.address);
  expect(plan.confirmation).toContain(`cells ${plan.target.address}`);
  expect(plan.confirmation).toContain(`"${plan.reviewSheet.name}"`);
  for (const change of cellChanges(before, after)) {
    const inColumn = change.sheet === "Budgets" && change.column === target.start.column && change.row < target.rows;
    const onSheet = change.sheet === plan.reviewSheet.name;
    expect({ change: change.address, sheet: change.sheet, allowed: inColumn || onSheet }).toEqual({ change: change.address, sheet: change.sheet, allowed: true });
    if (change.overwrote) expect({ change: change.address, ours: plan.target.earlierReview || plan.reviewSheet.ours }).toEqual({ change: change.address, ours: true });
  }
  const added = after.sheets.map((s) => s.name).filter((n) => !before.sheets.some((b) => b.name === n));
  const expected = plan.reviewSheet.ours || plan.reviewSheet.empty ? [] : [plan.reviewSheet.name];
  if (complete) expect(added).toEqual(expected);
  else expect(added.filter((n) => !expected.includes(n))).toEqual([]);
}

it(`review of ${WORKBOOKS} random workbooks changes only what the confirmation names, also when Excel fails part-way`, async () => {
  await fc.assert(
    fc.asyncProperty(workbookOf, async (w) => {
      // The uninterrupted review, twice: the second replaces only its own column and sheet.
      const twin = bookOf(w);
      const start = twin.snapshot();
      const first = await reviewOnce(w);
      if (!first) return expect(twin.snapshot()).toEqual(start);
      const afterFirst = twin.snapshot();
      expectOnlyNamedChanges(start, afterFirst, first);
      expect(first.target.earlierReview).toBe(false);
      const second = (await reviewOnce(w))!;
      expectOnlyNamedChanges(afterFirst, twin.snapshot(), second);
      expect([second.target.address, second.target.earlierReview, second.reviewSheet]).toEqual([first.target.address, true, { ...first.reviewSheet, ours: true, empty: false }]);
      if (w.scope === "table") expect(twin.table("Submitted")!.address).toBe(`A1:E${w.rows.length + 1}`);

      // The same workbook with Excel failing at one action of the write: then review again.
      if (w.failAt === null) return;
      const book = bookOf(w);
      const before = book.snapshot();
      const read = await readReviewSource(scopeOf(w));
      if (read.kind !== "read") throw new Error(JSON.stringify(read));
      const plan = planReview(read.source, detectReviewColumns(read.source.values[0], rates), rates);
      actionHooks.failInsideRequest(w.failAt);
      const failed = await writeReview(plan);
      actionHooks.disarm();
      if (failed.kind === "done") return expect(book.snapshot()).toEqual(afterFirst);
      expect(failed.kind).toBe("failed");
      expectOnlyNamedChanges(before, book.snapshot(), plan, false);
      const again = (await reviewOnce(w))!;
      expect(again.target.address).toBe(first.target.address);
      expect(book.snapshot()).toEqual(afterFirst);
    }),
    { numRuns: WORKBOOKS },
  );
}, 300_000);
