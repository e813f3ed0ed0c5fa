/**
 * The quote the day a second fiscal year ships: the bundled list holds FY 2025-26 and a made-up FY 2026-27
 * (test/support/fy2026-27.fake.ts), as src/core/rates/bundled.ts would. The planner, and the adapter on the
 * emulation (whose LAUSD functions see the same two years), keep one year per budget.
 */
import { CURRENT_RATES, RATE_TABLES } from "../../src/core";
import { FY2025_26 } from "../../src/core/rates/fy2025-26";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { addQuoteToBudget } from "../../src/workbook/excel/quote";
import { MARK_KEY, type SheetMark, parseMark, serializeMark } from "../../src/workbook/ownership";
import type { PlanStep } from "../../src/workbook/plan";
import { BUDGET_HEADERS, BUDGET_SHEET, type BudgetSnapshot, type QuoteWriteOptions, type SiteQuote, budgetSheetMark, planQuote } from "../../src/workbook/quote/budgetSheet";
import { FAKE_FY2026_27 } from "../support/fy2026-27.fake";

jest.mock("../../src/core/rates/bundled", () => ({ RATE_TABLES: jest.requireActual("../support/fy2026-27.fake").TWO_YEARS }));

const school: SiteQuote = { site: "Lincoln HS", kind: "school", enrollment: 300, purchase: { kind: "single", option: 2, days: 3 } };
const live: QuoteWriteOptions = { sheetName: BUDGET_SHEET, formulas: true, confirmUpdate: false };
/** A mark written before years were recorded: the table's record has no fiscalYear. */
const markWithoutYear = (): SheetMark => ({ ...budgetSheetMark("2025-26"), tables: [{ name: "ITSBudget", columns: [...BUDGET_HEADERS] }] });

test("the mock is in place: two years bundled, the made-up one newest", () => {
  expect(RATE_TABLES.map((t) => t.fiscalYear)).toEqual(["2025-26", "2026-27"]);
  expect(CURRENT_RATES).toBe(FAKE_FY2026_27);
});

/** Our table holding `rows` (formulas as Excel reads them back), under `mark`. */
function budget(rows: unknown[][], mark: SheetMark | null): BudgetSnapshot {
  const totals = ["Total", "", "", "", "", "", "", "=SUBTOTAL(109,[Annual cost])", ""];
  return {
    sheetNames: [BUDGET_SHEET],
    table: {
      sheet: BUDGET_SHEET,
      mark: mark && serializeMark(mark),
      address: `A1:I${rows.length + 2}`,
      showTotals: true,
      values: [[...BUDGET_HEADERS], ...rows, totals],
      formulas: [[...BUDGET_HEADERS], ...rows, totals],
      below: Array(9).fill(""),
    },
  };
}
const row = (site: string, year: string | null) => {
  const y = year === null ? "" : `,"${year}"`;
  return [site, "School", 300, `=IF(C2="","",LAUSD.ITSDAYS(C2${y}))`, "=D2", "Outside Summer", "", `=IF(E2="","",LAUSD.ITSCOST(E2,F2${y}))`, ""];
};
const stepsOf = (outcome: ReturnType<typeof planQuote>): readonly PlanStep[] => {
  if (outcome.kind !== "plan") throw new Error(`expected a plan, got ${JSON.stringify(outcome)}`);
  return outcome.plan.steps;
};
const markWritten = (steps: readonly PlanStep[]) => steps.flatMap((s) => (s.kind === "markSheet" ? [parseMark(s.value)] : []));

describe("the planner", () => {
  test("a quote priced with FY 2026-27 names 2026-27 in every call, the split's second one too, and records it in the new sheet's mark", () => {
    const split: SiteQuote = { ...school, purchase: { kind: "split", outsideSummerDays: 3, summerOnlyDays: 1 } };
    const steps = stepsOf(planQuote(split, { sheetNames: [], table: null, sheets: [] }, live, FAKE_FY2026_27));
    const first = steps.find((s) => s.kind === "setCells")!;
    expect(first.kind === "setCells" && first.cells[1].slice(3, 8)).toEqual([
      '=IF(C2="","",LAUSD.ITSDAYS(C2,"2026-27"))',
      3,
      "'Outside Summer",
      1,
      '=IF(OR(E2="",G2=""),"",LAUSD.ITSCOST(E2,F2,"2026-27")+LAUSD.ITSCOST(G2,"Summer Only","2026-27"))',
    ]);
    expect(markWritten(steps)).toEqual([budgetSheetMark("2026-27")]);
  });

  test("values mode writes the year's own numbers: 300 students is 1 day in 2026-27, 2 in 2025-26", () => {
    const cellsAt = (rates: typeof FY2025_26) => {
      const steps = stepsOf(planQuote({ ...school, purchase: { kind: "single", option: 2, days: 3 } }, { sheetNames: [], table: null, sheets: [] }, { ...live, formulas: false }, rates));
      const first = steps.find((s) => s.kind === "setCells")!;
      return first.kind === "setCells" ? first.cells[1].slice(3, 8) : [];
    };
    expect(cellsAt(FY2025_26)).toEqual([2, 3, "'Outside Summer", "", 75013]);
    expect(cellsAt(FAKE_FY2026_27)).toEqual([1, 3, "'Outside Summer", "", 30003]);
  });

  test("a quote of another year than the budget's mark records is a question, not a plan; at the budget's year it is added", () => {
    const snapshot = budget([row("Roosevelt HS", "2025-26")], budgetSheetMark("2025-26"));
    const asked = planQuote(school, snapshot, live, FAKE_FY2026_27);
    expect(asked).toMatchObject({ kind: "otherYear", sheet: BUDGET_SHEET, budgetYear: "2025-26", quoteYear: "2026-27", choices: ["2025-26"] });
    expect(asked.kind === "otherYear" && asked.message).toMatch(
      /^This budget is priced with FY 2025-26 rates; this quote uses FY 2026-27\. Add it at FY 2025-26 rates, or start a new budget sheet for FY 2026-27\. Nothing has been changed yet\. To start a new budget sheet instead, rename this budget's sheet and its table first/,
    );
    // Confirming an update does not skip the question: the year comes first.
    expect(planQuote({ ...school, site: "Roosevelt HS" }, snapshot, { ...live, confirmUpdate: true }, FAKE_FY2026_27).kind).toBe("otherYear");
    const steps = stepsOf(planQuote(school, snapshot, live, FY2025_26));
    expect(steps.some((s) => s.kind === "setCells" && JSON.stringify(s.cells).includes('LAUSD.ITSCOST(E3,F3,\\"2025-26\\")'))).toBe(true);
    expect(markWritten(steps)).toEqual([]);
  });

  test("without a year in the mark, the year the formulas name is the budget's, and the mark then records it", () => {
    const snapshot = budget([row("Roosevelt HS", "FY2025-26")], markWithoutYear());
    expect(planQuote(school, snapshot, live, FAKE_FY2026_27)).toMatchObject({ kind: "otherYear", budgetYear: "2025-26" });
    expect(markWritten(stepsOf(planQuote(school, snapshot, live, FY2025_26)))).toEqual([budgetSheetMark("2025-26")]);
  });

  test("formulas naming two years are blocked with the fix, whatever the quote's year", () => {
    const snapshot = budget([row("A", "2025-26"), row("B", "2026-27")], markWithoutYear());
    for (const rates of [FY2025_26, FAKE_FY2026_27]) {
      const outcome = planQuote(school, snapshot, live, rates);
      expect(outcome.kind === "blocked" && outcome.message).toMatch(/naming more than one fiscal year \(FY 2025-26, FY 2026-27\).*Make every row's formulas name one year/);
    }
  });

  test("rows naming no year are said so: they price with the newest year; the user picks the year, then it is added and recorded", () => {
    const snapshot = budget([row("A", null), row("B", null)], markWithoutYear());
    const asked = planQuote(school, snapshot, live, FY2025_26);
    expect(asked).toMatchObject({ kind: "otherYear", budgetYear: null, quoteYear: "2025-26", choices: ["2025-26", "2026-27"] });
    expect(asked.kind === "otherYear" && asked.message).toMatch(/records no fiscal year.*The formulas in rows 2 and 3 name no year .*newest bundled year, FY 2026-27\. This quote uses FY 2025-26\. Add it at FY 2025-26 or FY 2026-27 rates/);
    const steps = stepsOf(planQuote(school, snapshot, { ...live, agreedYear: "2025-26" }, FY2025_26));
    expect(markWritten(steps)).toEqual([budgetSheetMark("2025-26")]);
    // An answer for another year is no answer for this one.
    expect(planQuote(school, snapshot, { ...live, agreedYear: "2026-27" }, FY2025_26).kind).toBe("otherYear");
  });

  test("a budget of the quote's year whose rows name no year (so price with the newest) says its total mixes years, and adds once agreed", () => {
    const snapshot = budget([row("A", "2025-26"), row("B", null)], budgetSheetMark("2025-26"));
    const asked = planQuote(school, snapshot, live, FY2025_26);
    expect(asked).toMatchObject({ kind: "otherYear", budgetYear: "2025-26", quoteYear: "2025-26", choices: ["2025-26"] });
    expect(asked.kind === "otherYear" && asked.message).toMatch(/but its total mixes years: The formulas in row 3 name no year .*FY 2026-27\. To price them with FY 2025-26, add those sites again/);
    expect(stepsOf(planQuote(school, snapshot, { ...live, agreedYear: "2025-26" }, FY2025_26)).length).toBeGreaterThan(0);
    // At the newest year those rows price as the budget does: nothing to ask.
    expect(planQuote(school, budget([row("B", null)], budgetSheetMark("2026-27")), live, FAKE_FY2026_27).kind).toBe("plan");
  });

  test("a budget of a year this version does not bundle offers no year to add at, only the way to a new sheet", () => {
    const asked = planQuote(school, budget([row("A", "2031-32")], budgetSheetMark("2031-32")), live, FY2025_26);
    expect(asked).toMatchObject({ kind: "otherYear", budgetYear: "2031-32", choices: [] });
    expect(asked.kind === "otherYear" && asked.message).toMatch(/has no FY 2031-32 rates \(bundled years: 2025-26, 2026-27\)/);
  });
});

describe("the adapter on the emulation", () => {
  function use(book: EmulatedWorkbook): EmulatedWorkbook {
    installEmulatedOffice(globalThis, book);
    return book;
  }
  const markOf = (book: EmulatedWorkbook) => parseMark(book.snapshot().sheets.find((s) => s.name === BUDGET_SHEET)?.customProperties[MARK_KEY]);
  const office: SiteQuote = { site: "Region East", kind: "office", enrollment: null, purchase: { kind: "split", outsideSummerDays: 2, summerOnlyDays: 1 } };

  test("a 2025-26 budget keeps 2025-26 prices with 2026-27 bundled, in live and values modes alike", async () => {
    for (const formulas of [true, false]) {
      const book = use(createWorkbook());
      expect(await addQuoteToBudget(school, { ...live, formulas, fiscalYear: "2025-26" })).toMatchObject({ kind: "plan" });
      expect(await addQuoteToBudget(office, { ...live, formulas, fiscalYear: "FY 2025-26" })).toMatchObject({ kind: "plan" });
      expect(book.values(BUDGET_SHEET, "D2:H4")).toEqual([
        [2, 3, "Outside Summer", "", 75013],
        ["", 2, "Outside Summer", 1, 50008 + 1125],
        ["", "", "", "", 75013 + 50008 + 1125],
      ]);
      expect(markOf(book)).toEqual(budgetSheetMark("2025-26"));
    }
  });

  test("choosing 2026-27 writes the new year's prices and records it; a 2025-26 quote then asks and changes nothing", async () => {
    for (const formulas of [true, false]) {
      const book = use(createWorkbook());
      expect(await addQuoteToBudget(school, { ...live, formulas, fiscalYear: "2026-27" })).toMatchObject({ kind: "plan" });
      expect(await addQuoteToBudget(office, { ...live, formulas, fiscalYear: "2026-27" })).toMatchObject({ kind: "plan" });
      expect(book.values(BUDGET_SHEET, "D2:H4")).toEqual([
        [1, 3, "Outside Summer", "", 30003],
        ["", 2, "Outside Summer", 1, 20002 + 101],
        ["", "", "", "", 30003 + 20002 + 101],
      ]);
      expect(markOf(book)).toEqual(budgetSheetMark("2026-27"));
      const before = book.snapshot();
      const asked = await addQuoteToBudget({ ...school, site: "Other HS" }, { ...live, formulas, fiscalYear: "2025-26" });
      expect(asked).toMatchObject({ kind: "otherYear", budgetYear: "2026-27", quoteYear: "2025-26", choices: ["2026-27"] });
      expect(book.snapshot()).toEqual(before);
    }
  });

  test("a year that is not bundled is refused before Excel is asked anything, naming the bundled years", async () => {
    const book = use(createWorkbook());
    const outcome = await addQuoteToBudget(school, { ...live, fiscalYear: "2019-20" });
    expect(outcome.kind === "blocked" && outcome.message).toBe("This add-in has no FY 2019-20 rates (bundled years: 2025-26, 2026-27). Choose one of those years.");
    expect(book.instrumentation.syncCalls).toBe(0);
  });
});
