/** The review's pure side without Excel: columns by header, where the findings go, the blocks, the ITS Review sheet. */
import { CURRENT_RATES } from "../../../src/core";
import { parseRange } from "../../../src/workbook/address";
import { type CellValue, DAYS_HEADER } from "../../../src/workbook/fill";
import { BUDGET_HEADERS } from "../../../src/workbook/quote/budgetSheet";
import { MARK_KEY } from "../../../src/workbook/ownership";
import { plannedCells } from "../../../src/workbook/plan";
import {
  BESIDE_COLUMNS,
  REVIEW_HEADER,
  REVIEW_SHEET,
  type ReviewSource,
  SHEET_COLUMNS,
  chooseReviewSheet,
  detectReviewColumns,
  planReview,
} from "../../../src/workbook/review";

const rates = CURRENT_RATES;

describe("columns by header", () => {
  const names = (headers: string[]) => {
    const c = detectReviewColumns(headers, rates);
    return [c.site, c.enrollment, c.days, c.option, c.cost].map((i) => (i === null ? null : headers[i]));
  };

  it("finds a school's hand-made budget", () => {
    expect(names(["School Name", "Total Enrollment", "Days a week", "Purchase option", "Annual cost"])).toEqual(["School Name", "Total Enrollment", "Days a week", "Purchase option", "Annual cost"]);
  });

  it("finds the quote tab's own ITS Budget table", () => {
    expect(names([...BUDGET_HEADERS])).toEqual(["Site", "Enrollment", "Days bought", "Option", "Annual cost"]);
  });

  it("never takes the fill's columns (recommended days, an option's cost) for what a site bought", () => {
    expect(names(["Site", "Enrollment", DAYS_HEADER, "Full Year cost", "Days bought", "Option", "Cost"])).toEqual(["Site", "Enrollment", "Days bought", "Option", "Cost"]);
    expect(names(["Site", "Enrollment", DAYS_HEADER, "Full Year cost"])).toEqual(["Site", "Enrollment", null, null, null]);
  });

  it("an option column is not taken for the site name, nor the review's own column for anything", () => {
    expect(names(["Option name", "Students", "Days", REVIEW_HEADER, "Amount"])).toEqual([null, "Students", "Days", "Option name", "Amount"]);
  });
});

/** A source as the Excel side reads it: `grid` at A1 of sheet "Budgets", nothing beside it. */
function sourceOf(grid: CellValue[][], extra: Partial<ReviewSource> = {}): ReviewSource {
  const columns = grid[0].length;
  return {
    sheet: "Budgets",
    region: { start: { row: 0, column: 0 }, rows: grid.length, columns },
    table: null,
    values: grid,
    formulas: grid,
    beside: grid.map(() => Array<CellValue>(BESIDE_COLUMNS).fill("")),
    freeColumn: columns,
    sheetNames: ["Budgets"],
    mark: null,
    markedColumn: null,
    reviewSheets: [],
    ...extra,
  };
}

const grid = (rows: number): CellValue[][] => [
  ["Site", "Enrollment", "Days bought", "Option", "Cost"],
  ...Array.from({ length: rows }, (_, i): CellValue[] => [`School ${i + 1}`, 150, 1, "Full Year", i % 10 === 0 ? 1 : 26151]),
];
const columnsOf = (g: CellValue[][]) => detectReviewColumns(g[0], rates);

describe("the plan", () => {
  it("writes only the cells the confirmation names: the review column and the ITS Review sheet", () => {
    const g = grid(50);
    const plan = planReview(sourceOf(g), columnsOf(g), rates, 200);
    expect(plan.blocks.length).toBeGreaterThan(3);
    const target = parseRange(plan.target.address);
    const cells = plan.blocks.flatMap((b) => plannedCells(b));
    const outside = cells.filter((c) => !(c.sheet === REVIEW_SHEET || (c.sheet === "Budgets" && c.column === target.start.column && c.row < target.rows)));
    expect(outside).toEqual([]);
    expect(cells.filter((c) => c.sheet === "Budgets")).toHaveLength(51);
    expect(plan.confirmation).toContain(`cells ${plan.target.address}`);
    expect(plan.confirmation).toContain(`"${REVIEW_SHEET}"`);
  });

  it("each block carries at most blockBytes of findings, one 2-D write each, and together they cover every row once", () => {
    const g = grid(200);
    const plan = planReview(sourceOf(g), columnsOf(g), rates, 1000);
    expect(Math.max(...plan.blockBytes)).toBeLessThanOrEqual(1000);
    expect(plan.blockRows.reduce((a, b) => a + b)).toBe(201);
    for (const block of plan.blocks) expect(block.steps.filter((s) => s.kind === "setCells" && s.sheet === "Budgets")).toHaveLength(1);
    // The ITS Review sheet comes last, once every finding is written.
    expect(plan.blocks.slice(0, -1).some((b) => b.steps.some((s) => s.kind === "addSheet"))).toBe(false);
  });

  it("counts rows, findings and blanks", () => {
    const g = [...grid(20), ["", "", "", "", ""]];
    const plan = planReview(sourceOf(g), columnsOf(g), rates);
    expect([plan.rows, plan.ok, plan.withFindings, plan.blanks, plan.counts.wrongCost]).toEqual([21, 18, 2, 1, 2]);
    expect(plan.examples.map((e) => e.row)).toEqual([2, 12]);
    expect(plan.examples[0]).toEqual({ row: 2, site: "School 1", text: "Cost $1 is not the memo's price for 1 day Full Year: $26,151." });
  });

  it("with no empty column near the data, goes right of everything the sheet uses; at the sheet's edge, says what to do", () => {
    const g = grid(3);
    const full = g.map(() => Array<CellValue>(BESIDE_COLUMNS).fill("x"));
    expect(planReview(sourceOf(g, { beside: full, freeColumn: 40 }), columnsOf(g), rates).target.address).toBe("AO1:AO4");
    expect(() => planReview(sourceOf(g, { beside: full, freeColumn: SHEET_COLUMNS }), columnsOf(g), rates)).toThrow(/no empty column right of the budget/);
  });

  it("beside a table, one empty column stays between", () => {
    const g = grid(3);
    expect(planReview(sourceOf(g, { table: { name: "T" } }), columnsOf(g), rates).target.address).toBe("G1:G4");
  });

  it("records the column in the sheet's mark, keeping what other parts of the add-in recorded there", () => {
    const g = grid(3);
    const mark = JSON.stringify({ version: 1, role: "budget", madeSheet: true, tables: [{ name: "ITSBudget", columns: ["Site"] }], columns: [{ header: "Other", column: 9 }], charts: [] });
    const plan = planReview(sourceOf(g, { mark }), columnsOf(g), rates);
    const step = plan.blocks[0].steps.find((s) => s.kind === "markSheet" && s.sheet === "Budgets");
    expect(step && step.kind === "markSheet" && step.key === MARK_KEY && JSON.parse(step.value)).toEqual({
      version: 1,
      role: "budget",
      madeSheet: true,
      tables: [{ name: "ITSBudget", columns: ["Site"] }],
      columns: [{ header: "Other", column: 9 }, { header: REVIEW_HEADER, column: 5 }],
      charts: [],
    });
  });

  it("a mark this version cannot read (a newer add-in's) is kept as it is", () => {
    const g = grid(3);
    const plan = planReview(sourceOf(g, { mark: '{"version":2}' }), columnsOf(g), rates);
    expect(plan.blocks.flatMap((b) => b.steps).filter((s) => s.kind === "markSheet" && s.sheet === "Budgets")).toEqual([]);
  });

  it.each([
    [{ days: null }, /days bought/],
    [{ option: null }, /option/],
    [{ cost: null }, /cost/],
    [{ cost: 9 }, /cost/],
  ])("a required column missing or outside the data (%p) says which to choose", (override, message) => {
    const g = grid(3);
    expect(() => planReview(sourceOf(g), { ...columnsOf(g), ...override }, rates)).toThrow(message);
  });

  it("a header row alone says there is nothing to review", () => {
    const g = grid(0);
    expect(() => planReview(sourceOf(g), columnsOf(g), rates)).toThrow(/No data rows found below the header row/);
  });
});

describe("the ITS Review sheet's name", () => {
  it("is ITS Review when free, and the next free number when a user's sheet has the name (any case)", () => {
    expect(chooseReviewSheet(["Budgets"], [])).toEqual({ name: "ITS Review", ours: false, empty: false, nameTaken: false });
    expect(chooseReviewSheet(["its REVIEW", "ITS Review (2)"], [{ name: "its REVIEW", mark: null, empty: false }, { name: "ITS Review (2)", mark: null, empty: false }])).toEqual({
      name: "ITS Review (3)",
      ours: false,
      empty: false,
      nameTaken: true,
    });
  });

  it("is the one bearing the review's mark, whatever its number", () => {
    const ours = JSON.stringify({ version: 1, role: "review", madeSheet: true, tables: [], columns: [], charts: [] });
    expect(chooseReviewSheet(["ITS Review", "ITS Review (2)"], [{ name: "ITS Review", mark: null, empty: true }, { name: "ITS Review (2)", mark: ours, empty: false }])).toEqual({
      name: "ITS Review (2)",
      ours: true,
      empty: false,
      nameTaken: true,
    });
    // Another part of the add-in's mark is not the review's.
    const budget = JSON.stringify({ version: 1, role: "budget", madeSheet: true, tables: [], columns: [], charts: [] });
    expect(chooseReviewSheet(["ITS Review"], [{ name: "ITS Review", mark: budget, empty: true }])).toEqual({ name: "ITS Review (2)", ours: false, empty: false, nameTaken: true });
  });

  it("an unmarked empty sheet of the name (as a review Excel stopped right after adding it leaves) is written, not doubled", () => {
    expect(chooseReviewSheet(["Budgets", "ITS Review"], [{ name: "ITS Review", mark: null, empty: true }])).toEqual({ name: "ITS Review", ours: false, empty: true, nameTaken: false });
  });
});

describe("the ITS Review sheet's contents", () => {
  it("lists every kind with its count, the rows OK and blank, and the encumbrance per option with a total", () => {
    const g = [...grid(10), ["Office", "", 2, "Outside of Summer", 50008], ["Bad", "", 1, "Winter", 99]];
    const plan = planReview(sourceOf(g), columnsOf(g), rates);
    const write = plan.blocks.at(-1)!.steps.find((s) => s.kind === "setCells" && s.sheet === REVIEW_SHEET);
    const cells = write && write.kind === "setCells" ? write.cells : [];
    const row = (label: string) => cells.find((r) => r[0] === label);
    expect(row("Cost is not the memo's price for the days and option")?.[1]).toBe(1);
    expect(row("Option is none of the memo's three")?.[1]).toBe(1);
    expect(row("Rows without a finding (OK)")?.[1]).toBe(10);
    expect(row("Full Year")).toEqual(["Full Year", 10, 10, 9 * 26151 + 1, 10 * 26151]);
    expect(row("Outside Summer")).toEqual(["Outside Summer", 1, 2, 50008, 50008]);
    expect(row("Summer Only")).toEqual(["Summer Only", 0, 0, 0, 0]);
    expect(row("Option blank or unknown")).toEqual(["Option blank or unknown", 1, 1, 99, 0]);
    expect(row("All options")).toEqual(["All options", 12, 13, 9 * 26151 + 1 + 50008 + 99, 10 * 26151 + 50008]);
    expect(String(cells[1][0])).toMatch(/^Sheet "Budgets", rows 2-13, checked against the ITS memo of 2024-12-05\. Each row's findings are in column F \("ITS review"\)/);
  });
});
