import { CURRENT_RATES, FULL_TIME_NOTE } from "../../src/core";
import {
  BUDGET_HEADERS,
  BUDGET_SHEET,
  budgetSheetMark,
  BUDGET_TABLE,
  type BudgetSnapshot,
  type QuoteWriteOptions,
  type SiteQuote,
  freeSheetName,
  planQuote,
  sheetNameProblem,
} from "../../src/workbook/quote/budgetSheet";
import type { PlanStep } from "../../src/workbook/plan";
import { serializeMark } from "../../src/workbook/ownership";

const rates = CURRENT_RATES;
const school: SiteQuote = { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } };
const office: SiteQuote = { site: "Region East", kind: "office", enrollment: null, purchase: { kind: "single", option: 1, days: 5 } };
const live: QuoteWriteOptions = { sheetName: BUDGET_SHEET, formulas: true, confirmUpdate: false };
const OURS = serializeMark(budgetSheetMark("2025-26"));
/** A sheet as the adapter reads it when there is no table: its mark, used range, A1:I3 and tables. */
const sheetRead = (name: string, used: string | null, mark: string | null = null, head: unknown[][] = [], tables: string[] = []) => ({ name, mark, used, head, tables });
const empty: BudgetSnapshot = { sheetNames: ["Sheet1"], table: null, sheets: [sheetRead("Sheet1", null)] };

function stepsOf(outcome: ReturnType<typeof planQuote>): readonly PlanStep[] {
  if (outcome.kind !== "plan") throw new Error(`expected a plan, got ${outcome.kind}`);
  return outcome.plan.steps;
}
const cellsOf = (steps: readonly PlanStep[], address: string) => {
  const step = steps.find((s) => s.kind === "setCells" && s.address === address);
  if (!step || step.kind !== "setCells") throw new Error(`no setCells at ${address}: ${JSON.stringify(steps)}`);
  return step.cells;
};

/** A snapshot of our table after `rows` data rows were written (values as Excel computes them). */
function tableSnapshot(rows: unknown[][], extra: Partial<NonNullable<BudgetSnapshot["table"]>> = {}): BudgetSnapshot {
  const last = 1 + rows.length + 1;
  return {
    sheetNames: ["Sheet1", BUDGET_SHEET],
    table: {
      sheet: BUDGET_SHEET,
      mark: OURS,
      address: `'${BUDGET_SHEET}'!A1:I${last}`,
      showTotals: true,
      values: [[...BUDGET_HEADERS], ...rows, ["Total", "", "", "", "", "", "", 0, ""]],
      below: Array(9).fill(""),
      ...extra,
    },
  };
}
/** The totals row as the planner writes it: Excel's own structured form, which follows the table. */
const ourTotals = ["Total", "", "", "", "", "", "", "=SUBTOTAL(109,[Annual cost])", ""];
const lincolnRow = ["Lincoln HS", "School", 523, 3, 3, "Outside Summer", "", 75013, ""];

describe("a new ITS Budget sheet", () => {
  const steps = stepsOf(planQuote(school, empty, live, rates));

  test("adds the sheet, the header and the row with live formulas on the row's own cells", () => {
    expect(steps[0]).toEqual({ kind: "addSheet", sheet: BUDGET_SHEET });
    expect(cellsOf(steps, "A1:I2")).toEqual([
      [...BUDGET_HEADERS],
      // User text and our labels with Excel's text prefix, so Excel keeps them as text (see asText).
      ["'Lincoln HS", "'School", 523, '=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "'Outside Summer", "", '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))', ""],
    ]);
  });

  test("makes a table with a totals row summing the annual cost, in $#,##0, header frozen, columns fitted", () => {
    expect(steps).toContainEqual({ kind: "addTable", sheet: BUDGET_SHEET, address: "A1:I2", name: BUDGET_TABLE, showTotals: true });
    expect(cellsOf(steps, "A3:I3")).toEqual([ourTotals]);
    expect(steps).toContainEqual({ kind: "setNumberFormat", sheet: BUDGET_SHEET, address: "H2:H3", format: "$#,##0" });
    expect(steps).toContainEqual({ kind: "freezeRows", sheet: BUDGET_SHEET, rows: 1 });
    expect(steps).toContainEqual({ kind: "autofitColumns", sheet: BUDGET_SHEET, address: "A1:I3" });
    // The totals row is written after the table exists, so Excel's default totals do not replace it.
    const order = steps.map((s) => s.kind);
    expect(order.indexOf("addTable")).toBeLessThan(steps.findIndex((s) => s.kind === "setCells" && s.address === "A3:I3"));
  });

  test("an empty existing sheet of that name is used as it is, not added again", () => {
    const s = stepsOf(planQuote(school, { sheetNames: [BUDGET_SHEET], table: null, sheets: [sheetRead(BUDGET_SHEET, null)] }, live, rates));
    expect(s.some((step) => step.kind === "addSheet")).toBe(false);
    expect(cellsOf(s, "A1:I2")[1][0]).toBe("'Lincoln HS");
  });
});

describe("row contents", () => {
  const rowOf = (quote: SiteQuote, formulas = true) => cellsOf(stepsOf(planQuote(quote, empty, { ...live, formulas }, rates)), "A1:I2")[1];

  test("an office has no enrollment or recommendation; days are a value; the cost reads its cells", () => {
    expect(rowOf(office)).toEqual([
      "'Region East",
      "'Office / Virtual Academy",
      "",
      "",
      5,
      "'Full Year",
      "",
      '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))',
      `'No enrollment: days chosen directly. ${FULL_TIME_NOTE}`,
    ]);
  });

  test("days other than the recommendation are kept as typed, with the core's warning in the note", () => {
    const row = rowOf({ ...school, purchase: { kind: "single", option: 1, days: 2 } });
    expect(row[4]).toBe(2);
    expect(row[8]).toMatch(/Fewer days than ITS recommends for this enrollment \(3 a week\)/);
    expect(rowOf({ ...school, purchase: { kind: "single", option: 1, days: 0 } })[8]).toMatch(/remote only.*4-6 weeks/);
  });

  test("a split is Outside Summer days plus Summer Only days, and its cost formula adds both", () => {
    const row = rowOf({ ...school, purchase: { kind: "split", outsideSummerDays: 3, summerOnlyDays: 1 } });
    expect(row.slice(3, 8)).toEqual(['=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "'Outside Summer", 1, '=IF(OR(E2="",G2=""),"",LAUSD.ITSCOST(E2,F2,"2025-26")+LAUSD.ITSCOST(G2,"Summer Only","2025-26"))']);
    expect(row[8]).toBe("'Split: Outside Summer 3 days + Summer Only 1 day.");
  });

  test("values mode writes the core's numbers instead of formulas", () => {
    expect(rowOf(school, false).slice(2, 8)).toEqual([523, 3, 3, "'Outside Summer", "", 75013]);
    expect(rowOf(office, false)[7]).toBe(130753);
    expect(rowOf({ ...school, purchase: { kind: "split", outsideSummerDays: 3, summerOnlyDays: 1 } }, false)[7]).toBe(75013 + 1125);
  });
});

describe("an existing ITS Budget table", () => {
  test("a new site grows the table by one row into the old totals row and rewrites the totals", () => {
    const outcome = planQuote(office, tableSnapshot([lincolnRow]), live, rates);
    expect(outcome).toMatchObject({ kind: "plan", action: "added", row: 3 });
    const steps = stepsOf(outcome);
    expect(steps[0]).toEqual({ kind: "resizeTable", table: BUDGET_TABLE, address: "A1:I4" });
    expect(cellsOf(steps, "A3:I4")).toEqual([
      expect.arrayContaining(["'Region East", '=IF(E3="","",LAUSD.ITSCOST(E3,F3,"2025-26"))']),
      ourTotals,
    ]);
    expect(steps).toContainEqual({ kind: "setNumberFormat", sheet: BUDGET_SHEET, address: "H3:H4", format: "$#,##0" });
    expect(steps.some((s) => s.kind === "addSheet" || s.kind === "addTable")).toBe(false);
  });

  test("a site already there asks first, naming what the row holds now", () => {
    expect(planQuote({ ...school, site: "  lincoln hs " }, tableSnapshot([lincolnRow]), live, rates)).toMatchObject({
      kind: "confirmUpdate",
      sheet: BUDGET_SHEET,
      row: 2,
      current: "Outside Summer, 3 days a week, $75,013",
    });
  });

  test("after confirmation it rewrites only that row and the totals row, never adding a duplicate", () => {
    const snapshot = tableSnapshot([["Other", "School", 100, 1, 1, "Full Year", "", 26151, ""], lincolnRow]);
    const outcome = planQuote({ ...school, purchase: { kind: "single", option: 1, days: 4 } }, snapshot, { ...live, confirmUpdate: true }, rates);
    expect(outcome).toMatchObject({ kind: "plan", action: "updated", row: 3 });
    const steps = stepsOf(outcome);
    expect(steps.filter((s) => s.kind === "setCells").map((s) => s.kind === "setCells" && s.address)).toEqual(["A3:I3", "A4:I4"]);
    // Our totals again: they replace Excel's default totals left by a first quote that failed before writing ours.
    expect(cellsOf(steps, "A4:I4")).toEqual([ourTotals]);
    expect(cellsOf(steps, "A3:I3")[0].slice(3, 8)).toEqual(['=IF(C3="","",LAUSD.ITSDAYS(C3,"2025-26"))', 4, "'Full Year", "", '=IF(E3="","",LAUSD.ITSCOST(E3,F3,"2025-26"))']);
    expect(steps.some((s) => s.kind === "resizeTable")).toBe(false);
  });

  test("a table moved elsewhere (another sheet, not at A1) is followed there", () => {
    const base = tableSnapshot([lincolnRow]).table!;
    const snapshot: BudgetSnapshot = { sheetNames: ["Plan"], table: { ...base, sheet: "Plan", address: "Plan!C5:K7" } };
    const steps = stepsOf(planQuote(office, snapshot, live, rates));
    expect(steps[0]).toEqual({ kind: "resizeTable", table: BUDGET_TABLE, address: "C5:K8" });
    expect(cellsOf(steps, "C7:K8")[0][7]).toBe('=IF(G7="","",LAUSD.ITSCOST(G7,H7,"2025-26"))');
    expect(cellsOf(steps, "C7:K8")[1][7]).toBe("=SUBTOTAL(109,[Annual cost])");
  });

  test("data in the row the table must grow into blocks the add with a message, and nothing is planned", () => {
    const outcome = planQuote(office, tableSnapshot([lincolnRow], { below: ["", "", "note", "", "", "", "", "", ""] }), live, rates);
    expect(outcome.kind).toBe("blocked");
    expect(outcome.kind === "blocked" && outcome.message).toMatch(/row below the ITS Budget table \(A4:I4.*Move that data/);
  });

  test("without a totals row the new row is the row below the data", () => {
    const base = tableSnapshot([lincolnRow]).table!;
    const snapshot: BudgetSnapshot = { ...tableSnapshot([]), table: { ...base, address: "A1:I2", showTotals: false, values: [[...BUDGET_HEADERS], lincolnRow] } };
    const steps = stepsOf(planQuote(office, snapshot, live, rates));
    expect(steps[0]).toEqual({ kind: "resizeTable", table: BUDGET_TABLE, address: "A1:I3" });
    expect(cellsOf(steps, "A3:I3")).toHaveLength(1);
  });

  test("a table with our name but other headers is not ours: blocked with a fix", () => {
    const base = tableSnapshot([]).table!;
    const outcome = planQuote(school, { ...tableSnapshot([]), table: { ...base, mark: null, values: [["Name", "Budget"]], address: "A1:B2" } }, live, rates);
    expect(outcome.kind === "blocked" && outcome.message).toMatch(/not made by this add-in.*Rename that table/);
  });
});

describe("a sheet named ITS Budget that is not ours", () => {
  test("is left alone: the user is asked, with a free name offered", () => {
    const snapshot: BudgetSnapshot = { sheetNames: [BUDGET_SHEET, "ITS Budget 2"], table: null, sheets: [sheetRead(BUDGET_SHEET, "A1:B2"), sheetRead("ITS Budget 2", "A1")] };
    expect(planQuote(school, snapshot, live, rates)).toEqual({ kind: "sheetNotOurs", sheet: BUDGET_SHEET, suggestedName: "ITS Budget 3" });
  });

  test("the new name the user accepts gets the table", () => {
    const snapshot: BudgetSnapshot = { sheetNames: [BUDGET_SHEET], table: null, sheets: [sheetRead(BUDGET_SHEET, "A1")] };
    const steps = stepsOf(planQuote(school, snapshot, { ...live, sheetName: "ITS Budget 2" }, rates));
    expect(steps[0]).toEqual({ kind: "addSheet", sheet: "ITS Budget 2" });
  });

  test("sheet names follow Excel's rules", () => {
    expect(sheetNameProblem("", [])).toMatch(/Enter a name/);
    expect(sheetNameProblem("a/b", [])).toMatch(/cannot contain/);
    expect(sheetNameProblem("x".repeat(32), [])).toMatch(/at most 31/);
    expect(sheetNameProblem("its budget", [BUDGET_SHEET])).toMatch(/already exists/);
    expect(sheetNameProblem("Budget 2026", [BUDGET_SHEET])).toBeNull();
    expect(freeSheetName("x".repeat(31), [])).toHaveLength(31);
  });
});

/**
 * Excel keeps the actions of a batch that ran before a failing action. These are the states a failed add leaves,
 * and adding again must finish the job where it stopped, never ask for another sheet or leave a stray row.
 */
describe("recovering from an add that Excel failed half-way", () => {
  // Totals as earlier versions wrote them (A1 references): still recognised as ours.
  const totalsLeft = ["Total", "", "", "", "", "", "", "=SUBTOTAL(109,H2:H2)", ""];
  // Formulas as Excel reads them back: text without the prefix that kept it text.
  const lincolnFormulas = ["Lincoln HS", "School", 523, '=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "Outside Summer", "", '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))', ""];
  const lincolnWritten = ["'Lincoln HS", "'School", 523, '=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "'Outside Summer", "", '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))', ""];
  /** Our table after the resize of an add ran and the write did not: one more body row holding `lastBody`. */
  const grown = (lastBody: unknown[], below: unknown[] = Array(9).fill("")): BudgetSnapshot => {
    const empty = Array(9).fill("");
    return tableSnapshot([lincolnRow, lastBody], {
      formulas: [[...BUDGET_HEADERS], lincolnFormulas, lastBody, empty],
      values: [[...BUDGET_HEADERS], lincolnRow, lastBody, empty],
      below,
    });
  };
  const recovered = (snapshot: BudgetSnapshot) => {
    const outcome = planQuote(office, snapshot, live, rates);
    expect(outcome).toMatchObject({ kind: "plan", action: "added", row: 3 });
    const steps = stepsOf(outcome);
    expect(steps.some((s) => s.kind === "resizeTable")).toBe(false);
    expect(cellsOf(steps, "A3:I4")).toEqual([
      expect.arrayContaining(["'Region East", '=IF(E3="","",LAUSD.ITSCOST(E3,F3,"2025-26"))']),
      ourTotals,
    ]);
    expect(steps).toContainEqual({ kind: "setNumberFormat", sheet: BUDGET_SHEET, address: "H3:H4", format: "$#,##0" });
  };

  test("a grown table whose last body row still holds our old totals: the site goes there, the table does not grow again", () => {
    recovered(grown(totalsLeft));
  });

  test("a grown table whose last body row is empty: the site goes there, even with the user's data right under the table", () => {
    recovered(grown(Array(9).fill(""), ["memo", "", "", "", "", "", "", "", ""]));
  });

  test("a last body row with anything more than our totals is a row like any other: the table grows", () => {
    const steps = stepsOf(planQuote(office, grown(["Total", "", "", "", "", "", "", "=SUBTOTAL(109,H2:H2)", "user's note"]), live, rates));
    expect(steps[0]).toEqual({ kind: "resizeTable", table: BUDGET_TABLE, address: "A1:I5" });
  });

  const header = [...BUDGET_HEADERS];
  const none = Array(9).fill("");
  /** The ITS Budget sheet holding `head` (formulas of A1:I3) and `tables`, no ITSBudget table anywhere. */
  const halfSheet = (head: unknown[][], tables: string[] = [], used = "A1:I2"): BudgetSnapshot => ({
    sheetNames: ["Sheet1", BUDGET_SHEET],
    table: null,
    sheets: [sheetRead("Sheet1", null), sheetRead(BUDGET_SHEET, `'${BUDGET_SHEET}'!${used}`, OURS, head, tables)],
  });
  const finished = (snapshot: BudgetSnapshot) => {
    const outcome = planQuote(school, snapshot, live, rates);
    expect(outcome).toMatchObject({ kind: "plan", action: "added", sheet: BUDGET_SHEET, row: 2 });
    const steps = stepsOf(outcome);
    expect(steps.some((s) => s.kind === "addSheet")).toBe(false);
    expect(cellsOf(steps, "A1:I2")).toEqual([header, lincolnWritten]);
    expect(cellsOf(steps, "A3:I3")).toEqual([ourTotals]);
    return steps;
  };

  test("our header and this site's row with no table: the first quote is finished on that sheet", () => {
    const steps = finished(halfSheet([header, lincolnFormulas, none]));
    expect(steps).toContainEqual({ kind: "addTable", sheet: BUDGET_SHEET, address: "A1:I2", name: BUDGET_TABLE, showTotals: true });
  });

  test("a half-made table under Excel's default name, with or without Excel's default totals: that table is named and finished", () => {
    for (const totals of [none, ["Total", "", "", "", "", "", "", "", "=SUBTOTAL(103,[Note])"]]) {
      const steps = finished(halfSheet([header, lincolnFormulas, totals], ["Table2"], totals === none ? "A1:I2" : "A1:I3"));
      expect(steps).toContainEqual({ kind: "setTable", table: "Table2", name: BUDGET_TABLE, showTotals: true });
      expect(steps.some((s) => s.kind === "addTable")).toBe(false);
    }
  });

  test("anything else on the sheet keeps it the user's: asked for another name, nothing planned", () => {
    const notOurs = (snapshot: BudgetSnapshot, quote = school) => expect(planQuote(quote, snapshot, live, rates)).toMatchObject({ kind: "sheetNotOurs" });
    notOurs(halfSheet([header, lincolnFormulas, none]), office); // another site's row: never replaced without asking
    notOurs(halfSheet([header, lincolnFormulas, none], [], "A1:J2")); // a cell beside our cells
    notOurs(halfSheet([header, lincolnFormulas, none], [], "A1:I4")); // a cell under them
    notOurs(halfSheet([header, lincolnFormulas, ["note", ...none.slice(1)]])); // the user's row 3
    notOurs(halfSheet([header, lincolnFormulas, totalsLeft])); // totals with no table: not something we write
    // Our sheet with tables but none named ITSBudget: the user renamed ours; blocked with the fix, nothing planned.
    expect(planQuote(school, halfSheet([header, lincolnFormulas, none], ["Table1", "Table2"]), live, rates)).toMatchObject({ kind: "blocked", message: expect.stringMatching(/Rename the table back to ITSBudget/) });
    notOurs(halfSheet([["site", ...header.slice(1)], lincolnFormulas, none])); // headers not exactly ours
    notOurs(halfSheet([header, ["Lincoln HS", "Campus", 523, "", "", "", "", "", ""], none])); // a kind we never write
    // Exactly what a first quote writes, without our mark: the user's.
    notOurs({ ...halfSheet([header, lincolnFormulas, none]), sheets: [sheetRead(BUDGET_SHEET, "A1:I2", null, [header, lincolnFormulas, none])] });
  });
});

describe("ownership by mark, and the user's columns", () => {
  test("an unmarked table with exactly our headers (an earlier version's) is offered for adoption; adopting marks its sheet in the same plan", () => {
    const legacy: BudgetSnapshot = { ...tableSnapshot([lincolnRow]), table: { ...tableSnapshot([lincolnRow]).table!, mark: null } };
    expect(planQuote(office, legacy, live, rates)).toEqual({ kind: "adopt", sheet: BUDGET_SHEET, table: BUDGET_TABLE });
    const steps = stepsOf(planQuote(office, legacy, { ...live, adopt: true }, rates));
    expect(steps[0]).toEqual({ kind: "markSheet", sheet: BUDGET_SHEET, key: expect.any(String), value: OURS });
    expect(steps[1]).toMatchObject({ kind: "resizeTable" });
  });

  test("a user's column inserted between ours is never written: our cells go in one write per run of our columns", () => {
    const headers = ["Site", "Kind", "My code", ...BUDGET_HEADERS.slice(2)];
    const row = ["Lincoln HS", "School", "X-1", 523, 3, 3, "Outside Summer", "", 75013, ""];
    const base = tableSnapshot([]).table!;
    const snapshot: BudgetSnapshot = {
      ...tableSnapshot([]),
      table: { ...base, address: "A1:J3", values: [headers, row, ["Total", "", "", "", "", "", "", "", 75013, ""]], below: Array(10).fill("") },
    };
    const steps = stepsOf(planQuote(office, snapshot, live, rates));
    const writes = steps.filter((s) => s.kind === "setCells").map((s) => s.kind === "setCells" && s.address);
    expect(writes).toEqual(["A3:B4", "D3:J4"]);
    // The cost formula reads the days and option cells where they now are.
    expect(cellsOf(steps, "D3:J4")[0][5]).toBe('=IF(F3="","",LAUSD.ITSCOST(F3,G3,"2025-26"))');
  });

  test("the update question lists exactly the cells that change, with the token the confirmation must bring back", () => {
    const snapshot = tableSnapshot([lincolnRow], { formulas: [[...BUDGET_HEADERS], ["Lincoln HS", "School", 523, '=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "Outside Summer", "", '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))', ""], ourTotals], numberFormats: [Array(9).fill("General"), [...Array(7).fill("General"), "$#,##0", "General"], [...Array(7).fill("General"), "$#,##0", "General"]] });
    const quote: SiteQuote = { ...school, purchase: { kind: "single", option: 1, days: 3 } };
    const asked = planQuote(quote, snapshot, live, rates);
    expect(asked.kind === "confirmUpdate" && asked.changes?.map((c) => [c.address, c.header, c.before, c.after, c.rewrites])).toEqual([
      ["F2", "Option", "Outside Summer", "Full Year", true],
      ["H2", "Annual cost", "$75,013", "$78,452", false],
    ]);
    const token = asked.kind === "confirmUpdate" ? asked.token : "";
    expect(planQuote(quote, snapshot, { ...live, confirmUpdate: true, confirmed: token }, rates)).toMatchObject({ kind: "plan", action: "updated" });
    expect(planQuote(quote, snapshot, { ...live, confirmUpdate: true, confirmed: "another question" }, rates)).toMatchObject({ kind: "confirmUpdate" });
  });
});
