/**
 * The review's Excel side on the Excel API emulation: what it writes (the findings column and the ITS Review
 * sheet), that no other cell changes (snapshot diff), where the column goes, and the syncs it takes.
 */
import { CURRENT_RATES } from "../../../src/core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { type ReviewScope, readReviewSource, writeReview } from "../../../src/workbook/excel/review";
import { addQuoteToBudget } from "../../../src/workbook/excel/quote";
import { MARK_KEY, parseMark } from "../../../src/workbook/ownership";
import { BUDGET_HEADERS, BUDGET_SHEET, BUDGET_TABLE, type SiteQuote } from "../../../src/workbook/quote/budgetSheet";
import { REVIEW_HEADER, REVIEW_SHEET, detectReviewColumns, planReview } from "../../../src/workbook/review";
import { actionHooks } from "../../safety/emulationHooks";
import { cellChanges } from "../../safety/workbookDiff";

const rates = CURRENT_RATES;

function use(spec: Parameters<typeof createWorkbook>[0]): EmulatedWorkbook {
  const book = createWorkbook(spec);
  installEmulatedOffice(globalThis, book);
  return book;
}

/** A submitted budget: a correct row, one mistake of each kind, a blank row, and the user's formula. */
const budget = () => [
  ["School", "Enrollment", "Days bought", "Option", "Cost", "Notes"],
  ["Alpha ES", 523, 3, "Full Year", 78452, "ok"],
  ["Beta ES", 523, 2, "Full Year", 52301, ""],
  ["Gamma MS", 250, 2, "Outside Summer", 50000, ""],
  ["Delta HS", 150, 1, "Winter", 26151, ""],
  ["", "", "", "", "", ""],
  ["Epsilon HS", 150, 2.5, "Full Year", 65000, ""],
  ["Zeta ES", 150, 1, "Summer Only", "", ""],
  ["Eta ES", 150, 1, "Outside of Summer", "=25000+4", "formula"],
];

async function read(scope: ReviewScope = { kind: "usedRange" }) {
  const result = await readReviewSource(scope);
  if (result.kind !== "read") throw new Error(`read: ${JSON.stringify(result)}`);
  return result.source;
}

async function review(scope?: ReviewScope) {
  const source = await read(scope);
  const plan = planReview(source, detectReviewColumns(source.values[0], rates), rates);
  const result = await writeReview(plan);
  return { source, plan, result };
}

it("writes one finding per row in an empty column beside the data and the counts on a new ITS Review sheet, in 3 syncs, changing no user cell", async () => {
  const book = use({ sheets: { Budgets: budget(), Other: [["keep"]] } });
  const before = book.snapshot();
  const { plan, result } = await review();
  expect(result).toEqual({ kind: "done", blocks: 1 });
  expect(book.instrumentation.syncCalls).toBe(3);
  expect(plan.target).toEqual({ column: 6, address: "G1:G9", earlierReview: false, replaces: 0 });
  expect(plan.confirmation).toBe('Writes the findings in column G of "Budgets", cells G1:G9, which are all empty now. Adds a new sheet "ITS Review" with the counts and totals. No other cell changes.');

  expect(book.values("Budgets", "G1:G9").map((r) => r[0])).toEqual([
    REVIEW_HEADER,
    "OK",
    "Days 2 is below the memo's recommendation for 523 students: 3 days.",
    "Cost $50,000 is not the memo's price for 2 days Outside Summer: $50,008.",
    expect.stringMatching(/^Unknown option "Winter"\. Use 1 or "Full Year"/),
    "",
    "Days a week must be a whole number from 0 to 5 (5 = a full-time technician); got 2.5.",
    "Cost is blank beside 1 day Summer Only: the memo's price is $1,125.",
    "OK",
  ]);
  expect(book.bold("Budgets", "G1")).toEqual([[true]]);

  // Every change is in G1:G9 (empty before) or on the new sheet.
  const changes = cellChanges(before, book.snapshot());
  expect(changes.filter((c) => c.overwrote)).toEqual([]);
  expect(changes.filter((c) => c.sheet === "Budgets").map((c) => c.address).sort()).toEqual(["G1", "G2", "G3", "G4", "G5", "G7", "G8", "G9"]);
  expect(new Set(changes.map((c) => c.sheet))).toEqual(new Set(["Budgets", REVIEW_SHEET]));
  expect(book.values("Budgets", "E9")).toEqual([[25004]]);
  expect(book.formulas("Budgets", "E9")).toEqual([["=25000+4"]]);

  const sheet = book.values(REVIEW_SHEET, "A1:E25");
  const count = (label: RegExp) => sheet.find((r) => label.test(String(r[0])))?.[1];
  expect(count(/^Days below the recommendation/)).toBe(1);
  expect(count(/^Cost is not the memo's price/)).toBe(1);
  expect(count(/^Option is none/)).toBe(1);
  expect(count(/^Days not a whole number/)).toBe(1);
  expect(count(/^Cost blank beside days/)).toBe(1);
  expect(count(/^Rows without a finding/)).toBe(2);
  expect(count(/^Blank rows/)).toBe(1);
  expect(count(/^Rows with at least one finding/)).toBe(5);
  const totals = (label: string) => sheet.find((r) => r[0] === label)?.slice(1);
  // Full Year: Alpha 3 days + Beta 2 days; Outside Summer: Gamma 2 + Eta 1; Summer Only: Zeta 1 (cost blank); Delta's "Winter".
  expect(totals("Full Year")).toEqual([2, 5, 78452 + 52301, 78452 + 52301]);
  expect(totals("Outside Summer")).toEqual([2, 3, 50000 + 25004, 50008 + 25004]);
  expect(totals("Summer Only")).toEqual([1, 1, 0, 1125]);
  expect(totals("Option blank or unknown")).toEqual([1, 1, 26151, 0]);
  expect(totals("All options")).toEqual([6, 10, 78452 + 52301 + 75004 + 26151, 78452 + 52301 + 75012 + 1125]);
  const allRow = sheet.findIndex((r) => r[0] === "All options") + 1;
  expect(book.numberFormats(REVIEW_SHEET, `D${allRow - 4}:E${allRow}`).flat()).toEqual(Array(10).fill("$#,##0"));
  expect(book.numberFormats(REVIEW_SHEET, `B${allRow}:C${allRow}`).flat()).toEqual(["General", "General"]);
});

it("skips columns beside the data that hold anything, even one cell or a formula showing nothing", async () => {
  const grid = budget().map((r, i) => [...r, "", i === 4 ? "typed" : "", "", i === 2 ? '=""' : ""]);
  const book = use({ sheets: { Budgets: grid }, selection: "A1:E9" });
  const before = book.snapshot();
  const { plan } = await review({ kind: "selection" });
  // F holds the user's notes, G is empty, H has "typed" in one row, J a formula: G is the first empty column.
  expect(plan.target.address).toBe("G1:G9");
  expect(cellChanges(before, book.snapshot()).filter((c) => c.overwrote)).toEqual([]);

  const crowded = budget().map((r, i) => [...r, i === 8 ? "x" : "", i === 1 ? 1 : "", '=""', i === 3 ? "y" : ""]);
  const book2 = use({ sheets: { Budgets: crowded }, selection: "A1:E9" });
  const before2 = book2.snapshot();
  const second = await review({ kind: "selection" });
  // F to J all hold something in some row: the findings go right of everything the sheet uses.
  expect(second.plan.target.address).toBe("K1:K9");
  expect(cellChanges(before2, book2.snapshot()).filter((c) => c.overwrote)).toEqual([]);
  // A second review finds that column by the sheet's mark, though it is neither in the selection nor beside it.
  const third = await review({ kind: "selection" });
  expect(third.plan.target).toEqual({ column: 10, address: "K1:K9", earlierReview: true, replaces: 8 });
});

it("beside a table, leaves one empty column between, so the table is not widened; the table stays as it was", async () => {
  const book = use({ sheets: { Budgets: budget() }, tables: [{ name: "Submitted", sheet: "Budgets", address: "A1:F9" }] });
  const before = book.table("Submitted");
  const { plan, result } = await review({ kind: "table", name: "Submitted" });
  expect(result.kind).toBe("done");
  expect(plan.target.address).toBe("H1:H9");
  expect(book.table("Submitted")).toEqual(before);
  expect(book.values("Budgets", "G1:G9").flat().every((c) => c === "")).toBe(true);
});

it("never writes a sheet named ITS Review that exists: the counts go to ITS Review (2), and the confirmation says so", async () => {
  const book = use({ sheets: { Budgets: budget(), "its review": [["my own notes", 42]] } });
  const before = book.snapshot();
  const { plan } = await review();
  expect(plan.reviewSheet).toEqual({ name: "ITS Review (2)", ours: false, empty: false, nameTaken: true });
  expect(plan.confirmation).toMatch(/Adds a new sheet "ITS Review \(2\)" with the counts and totals \(a sheet named "ITS Review" exists and is left as it is\)\./);
  expect(book.formulas("its review", "A1:B1")).toEqual([["my own notes", 42]]);
  expect(cellChanges(before, book.snapshot()).filter((c) => c.sheet === "its review")).toEqual([]);
  expect(book.value("ITS Review (2)", "A1")).toBe(`ITS review of budgets, FY ${rates.fiscalYear}`);
});

/** The ownership mark a sheet bears (../../../src/workbook/ownership.ts), parsed. */
const markOf = (book: EmulatedWorkbook, sheet: string) => parseMark(book.model.requireSheet(sheet).customProperties.get(MARK_KEY.toLowerCase())?.value ?? null);

it("marks what it made: the review column on the data sheet, and the ITS Review sheet as the review's", async () => {
  const book = use({ sheets: { Budgets: budget() } });
  await review();
  expect(markOf(book, "Budgets")).toEqual({ version: 1, role: "reviewed", madeSheet: false, tables: [], columns: [{ header: REVIEW_HEADER, column: 6 }], charts: [] });
  expect(markOf(book, REVIEW_SHEET)).toMatchObject({ role: "review", madeSheet: true });
});

it("a second review finds its own column and sheet by their marks and replaces only their cells, after saying how many", async () => {
  const book = use({ sheets: { Budgets: budget() } });
  await review();
  book.userTypes("Budgets", "E4", 50008);
  const before = book.snapshot();
  const { plan } = await review();
  expect(plan.target).toEqual({ column: 6, address: "G1:G9", earlierReview: true, replaces: 8 });
  expect(plan.reviewSheet).toEqual({ name: REVIEW_SHEET, ours: true, empty: false, nameTaken: false });
  expect(plan.confirmation).toBe(
    'Writes the findings in column G of "Budgets", cells G1:G9: the "ITS review" column an earlier review wrote, whose 8 non-empty cells are replaced. Replaces the counts and totals on the sheet "ITS Review" that an earlier review made. No other cell changes.',
  );
  expect(book.value("Budgets", "G4")).toBe("OK");
  const changes = cellChanges(before, book.snapshot());
  expect(changes.filter((c) => c.sheet === "Budgets").map((c) => c.address)).toEqual(["G4"]);
  expect(book.sheetNames()).toEqual(["Budgets", REVIEW_SHEET]);
  expect(book.values(REVIEW_SHEET, "A6:B7")).toEqual([
    ["Days below the recommendation for the enrollment", 1],
    ["Cost is not the memo's price for the days and option", 0],
  ]);
});

it("a column headed ITS review that the mark does not name is the user's: the findings go beside it", async () => {
  const grid = budget().map((r, i) => [...r, i === 0 ? "ITS review" : i === 2 ? "my own check" : ""]);
  const book = use({ sheets: { Budgets: grid } });
  const before = book.snapshot();
  const { plan } = await review();
  expect(plan.target).toEqual({ column: 7, address: "H1:H9", earlierReview: false, replaces: 0 });
  expect(cellChanges(before, book.snapshot()).filter((c) => c.overwrote)).toEqual([]);
  expect(book.value("Budgets", "G3")).toBe("my own check");
});

it("the review's own sheet is found by its mark after the user renames it; a new sheet the user names ITS Review is theirs and left alone", async () => {
  const book = use({ sheets: { Budgets: budget() } });
  await review();
  // The user renames ours and makes a sheet of their own named ITS Review.
  await book.Excel.run(async (context: Excel.RequestContext) => {
    context.workbook.worksheets.getItem(REVIEW_SHEET).name = "ITS Review (2)";
    context.workbook.worksheets.add(REVIEW_SHEET).getRange("A1").values = [["mine"]];
    await context.sync();
  });
  const { plan } = await review();
  expect(plan.reviewSheet).toEqual({ name: "ITS Review (2)", ours: true, empty: false, nameTaken: true });
  expect(book.value(REVIEW_SHEET, "A1")).toBe("mine");
  expect(book.value("ITS Review (2)", "A1")).toBe(`ITS review of budgets, FY ${rates.fiscalYear}`);
});

it("refuses to review its own ITS Review sheet", async () => {
  const book = use({ sheets: { Budgets: budget() } });
  await review();
  book.select(REVIEW_SHEET, "A1");
  const source = await read();
  expect(() => planReview(source, { site: 0, enrollment: null, days: 1, option: 2, cost: 3, summerDays: null }, rates)).toThrow(/"ITS Review" is the review's own sheet of counts/);
});

it("says what to do when several areas are selected, the sheet is empty, or the table is gone", async () => {
  const book = use({ sheets: { Budgets: budget(), Empty: [] } });
  book.select("Budgets", "A1:B3, D1:D3");
  expect(await readReviewSource({ kind: "selection" })).toEqual({ kind: "failed", message: expect.stringMatching(/^Several blocks of cells are selected\. Select one block/) });
  book.select("Empty", "A1");
  expect(await readReviewSource({ kind: "usedRange" })).toEqual({ kind: "failed", message: expect.stringMatching(/^Sheet "Empty" is empty\. Open the sheet with the budget/) });
  expect(await readReviewSource({ kind: "table", name: "Gone" })).toEqual({ kind: "failed", message: expect.stringMatching(/^Could not read the budget\. Excel could not find the table or sheet/) });
});

it("an Excel too old for the add-in gets the versions it needs, and nothing is read or written", async () => {
  const book = use({ sheets: { Budgets: budget() }, host: { requirementSets: { ExcelApi: "1.12" } } });
  const result = await readReviewSource({ kind: "usedRange" });
  expect(result).toEqual({ kind: "failed", message: expect.stringMatching(/needs ExcelApi 1\.13/) });
  expect(book.instrumentation.syncCalls).toBe(0);
});

it("a failed block is reported with what to do, and the blocks before it stay written", async () => {
  const book = use({ sheets: { Budgets: budget() } });
  const source = await read();
  const plan = planReview(source, detectReviewColumns(source.values[0], rates), rates, 100);
  expect(plan.blocks.length).toBeGreaterThan(2);
  book.instrumentation.failRequest(2);
  const result = await writeReview(plan);
  expect(result).toEqual({ kind: "failed", blocksDone: 1, message: expect.stringMatching(/^Excel stopped the review\. .*Findings written so far stay; review again to finish\.$/) });
  expect(book.value("Budgets", "G1")).toBe(REVIEW_HEADER);
  expect(book.sheetNames()).not.toContain(REVIEW_SHEET);
});

it("the quote tab's own ITS Budget table, a split among its rows, reviews as correct; the table and its mark keep what they had", async () => {
  const book = use({ sheets: { Schools: [["Name"]] } });
  const quotes: SiteQuote[] = [
    { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } },
    { site: "Region East", kind: "office", enrollment: null, purchase: { kind: "single", option: 1, days: 5 } },
    { site: "Roosevelt MS", kind: "school", enrollment: 700, purchase: { kind: "split", outsideSummerDays: 4, summerOnlyDays: 2 } },
  ];
  for (const formulas of [true, false]) {
    for (const quote of quotes) {
      const added = await addQuoteToBudget({ ...quote, site: `${quote.site}${formulas ? "" : " (values)"}` }, { sheetName: BUDGET_SHEET, formulas, confirmUpdate: false });
      expect(added.kind).toBe("plan");
    }
  }
  const table = book.table(BUDGET_TABLE)!;
  const markBefore = markOf(book, BUDGET_SHEET)!;
  const { plan } = await review({ kind: "table", name: BUDGET_TABLE });
  expect(plan.columns.summerDays).toBe(BUDGET_HEADERS.indexOf("Summer Only days"));
  expect([plan.ok, plan.withFindings]).toEqual([6, 0]);
  expect(book.table(BUDGET_TABLE)).toEqual(table);
  expect(markOf(book, BUDGET_SHEET)).toEqual({ ...markBefore, columns: [...markBefore.columns, { header: REVIEW_HEADER, column: plan.target.column }] });
  // The split row counts under Outside Summer with its whole cost.
  expect(plan.totals[1]).toEqual({ option: 2, sites: 4, days: 14, cost: 2 * (75013 + 100017 + 2251), price: 2 * (75013 + 100017 + 2251) });
});

it("a total row (labelled, or a SUM down the column) is not a site: not reviewed, said so in its row, left out of the counts and totals", async () => {
  const grid = [
    ...budget().slice(0, 3),
    ["Total", "", "=SUM(C2:C3)", "", "=SUM(E2:E3)", ""],
    ["", 523, "=SUBTOTAL(9,C2:C3)", "", "", ""],
    ["Total Learning Academy", 150, 1, "Full Year", 26151, ""],
  ];
  const book = use({ sheets: { Budgets: grid } });
  const before = book.snapshot();
  const { plan } = await review();
  expect(book.values("Budgets", "G2:G6").map((r) => r[0])).toEqual([
    "OK",
    "Days 2 is below the memo's recommendation for 523 students: 3 days.",
    "Not reviewed: a total row.",
    "Not reviewed: a total row.",
    "OK",
  ]);
  expect([plan.totalRows, plan.ok, plan.withFindings]).toEqual([2, 2, 1]);
  expect(plan.totals[0]).toEqual({ option: 1, sites: 3, days: 6, cost: 78452 + 52301 + 26151, price: 78452 + 52301 + 26151 });
  expect(book.values(REVIEW_SHEET, "A1:B20").find((r) => r[0] === "Total rows (not reviewed)")?.[1]).toBe(2);
  expect(cellChanges(before, book.snapshot()).filter((c) => c.overwrote)).toEqual([]);
});

it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])("Excel failing at action %i of the write: reviewing again ends where an uninterrupted review ends", async (n) => {
  const spec = () => ({ sheets: { Budgets: budget().map((r, i) => [...r, "", ...(i === 0 ? ["x", "y", "z"] : ["", "", ""])]) }, tables: [{ name: "Submitted", sheet: "Budgets", address: "A1:F9" }] });
  const twin = use(spec());
  await review({ kind: "table", name: "Submitted" });
  const uninterrupted = twin.snapshot();

  const book = use(spec());
  const source = await read({ kind: "table", name: "Submitted" });
  const plan = planReview(source, detectReviewColumns(source.values[0], rates), rates);
  actionHooks.failInsideRequest(n);
  const failed = await writeReview(plan);
  actionHooks.disarm();
  expect(failed.kind).toBe("failed");
  const again = await review({ kind: "table", name: "Submitted" });
  // H:J hold the user's headers: the findings go right of everything the sheet uses, K, on both runs.
  expect([plan.target.address, again.plan.target.address]).toEqual(["K1:K9", "K1:K9"]);
  expect(book.snapshot()).toEqual(uninterrupted);
});
