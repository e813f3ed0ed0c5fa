/**
 * The quote writer (src/workbook/excel/quote.ts) against the shared Excel API emulation: what lands
 * in the workbook (values computed by the emulation's formula engine with the LAUSD functions),
 * formulas and formats, what stays untouched, and how many round trips each click costs.
 */
import { CURRENT_RATES } from "../../src/core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { describeExcelError } from "../../src/workbook/excel/errors";
import { addQuoteToBudget } from "../../src/workbook/excel/quote";
import { MARK_KEY, parseMark, serializeMark } from "../../src/workbook/ownership";
import { BUDGET_HEADERS, budgetSheetMark, type QuoteWriteOptions, type SiteQuote, rowCells } from "../../src/workbook/quote/budgetSheet";

const school: SiteQuote = { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } };
const office: SiteQuote = { site: "Region East", kind: "office", enrollment: null, purchase: { kind: "single", option: 1, days: 5 } };
const live: QuoteWriteOptions = { sheetName: "ITS Budget", formulas: true, confirmUpdate: false };

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  // Office too: runExcel checks requirement sets through Office.context.requirements.
  installEmulatedOffice(globalThis, book);
  return book;
}

/** Runs one click and returns its result with the syncs it made. */
async function click(book: EmulatedWorkbook, quote: SiteQuote, options: Partial<QuoteWriteOptions> = {}) {
  book.instrumentation.reset();
  const result = await addQuoteToBudget(quote, { ...live, ...options });
  return { result, syncs: book.instrumentation.syncCalls, runs: book.instrumentation.runs };
}

/** What a saved workbook of ours holds: the ITS Budget sheet bears the add-in's mark. */
const ourMark = (sheet = "ITS Budget") => [{ sheet, key: MARK_KEY, value: serializeMark(budgetSheetMark("2025-26")) }];
const markOf = (book: EmulatedWorkbook, sheet: string) => parseMark(book.snapshot().sheets.find((s) => s.name === sheet)?.customProperties[MARK_KEY]);

test("a first quote creates the ITS Budget table with live formulas, currency, totals and frozen header, and marks the sheet ours, in 2 syncs", async () => {
  const book = use(createWorkbook({ sheets: { Schools: [["Name"], ["x"]] } }));
  const { result, syncs, runs } = await click(book, school);
  expect(result).toMatchObject({ kind: "plan", action: "added", sheet: "ITS Budget", row: 2 });
  expect([runs, syncs]).toEqual([1, 2]);
  expect(markOf(book, "ITS Budget")).toEqual(budgetSheetMark("2025-26"));
  expect(markOf(book, "Schools")).toBeNull();
  expect(book.table("ITSBudget")).toEqual({ name: "ITSBudget", sheet: "ITS Budget", address: "A1:I3", headers: [...BUDGET_HEADERS], body: "A2:I2", showTotals: true });
  expect(book.formulas("ITS Budget", "A2:I3")).toEqual([
    ["Lincoln HS", "School", 523, '=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "Outside Summer", "", '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))', ""],
    ["Total", "", "", "", "", "", "", "=SUBTOTAL(109,[Annual cost])", ""],
  ]);
  expect(book.values("ITS Budget", "D2:H3")).toEqual([[3, 3, "Outside Summer", "", 75013], ["", "", "", "", 75013]]);
  expect(book.numberFormats("ITS Budget", "H2:H3")).toEqual([["$#,##0"], ["$#,##0"]]);
  expect(book.frozenRows("ITS Budget")).toBe(1);
  expect(book.activeSheet()).toBe("ITS Budget");
  expect(book.formulas("Schools", "A1:A2")).toEqual([["Name"], ["x"]]);
});

test("the row follows the enrollment cell: a user's edit recomputes recommended days, days bought and cost", async () => {
  const book = use(createWorkbook());
  await click(book, { ...school, purchase: { kind: "single", option: 1, days: 3 } });
  book.model.requireSheet("ITS Budget").setInput(1, 2, 650);
  expect(book.values("ITS Budget", "D2:H2")).toEqual([[4, 4, "Full Year", "", 104602]]);
});

test("a second site grows the table by a row; the totals follow; nothing outside the table changes", async () => {
  const book = use(createWorkbook({ sheets: { Notes: [["keep me", 1]] } }));
  await click(book, school);
  book.model.requireSheet("ITS Budget").setInput(0, 10, "user's note beside the table");
  const before = book.snapshot().sheets.find((s) => s.name === "Notes");
  const { result, syncs } = await click(book, office);
  expect(result).toMatchObject({ kind: "plan", action: "added", row: 3 });
  expect(syncs).toBe(2);
  expect(book.table("ITSBudget")).toMatchObject({ address: "A1:I4", body: "A2:I3" });
  expect(book.values("ITS Budget", "A3:I4")).toEqual([
    ["Region East", "Office / Virtual Academy", "", "", 5, "Full Year", "", 130753, "No enrollment: days chosen directly. 5 days a week is a full-time technician, the most that can be bought."],
    ["Total", "", "", "", "", "", "", 75013 + 130753, ""],
  ]);
  expect(book.numberFormats("ITS Budget", "H2:H4")).toEqual([["$#,##0"], ["$#,##0"], ["$#,##0"]]);
  expect(book.formulas("ITS Budget", "K1")).toEqual([["user's note beside the table"]]);
  expect(book.snapshot().sheets.find((s) => s.name === "Notes")).toEqual(before);
});

test("re-adding a site asks first (1 sync, nothing written), then updates its row in place (2 syncs)", async () => {
  const book = use(createWorkbook());
  await click(book, school);
  await click(book, office);
  const before = book.snapshot();
  const split: SiteQuote = { ...school, site: "LINCOLN HS", purchase: { kind: "split", outsideSummerDays: 3, summerOnlyDays: 1 } };
  const asked = await click(book, split);
  expect(asked.result).toMatchObject({ kind: "confirmUpdate", sheet: "ITS Budget", row: 2, current: "Outside Summer, 3 days a week, $75,013" });
  // The question names every cell that changes, by header, old -> new, and only those.
  expect(asked.result.kind === "confirmUpdate" && asked.result.changes?.map((c) => `${c.address} ${c.header}: ${c.before} -> ${c.after}`)).toEqual([
    "A2 Site: Lincoln HS -> LINCOLN HS",
    "G2 Summer Only days: (empty) -> 1",
    "H2 Annual cost: $75,013 -> $76,138",
    "I2 Note: (empty) -> Split: Outside Summer 3 days + Summer Only 1 day.",
  ]);
  expect(asked.syncs).toBe(1);
  expect(book.snapshot()).toEqual(before);

  const token = asked.result.kind === "confirmUpdate" ? asked.result.token : undefined;
  const updated = await click(book, split, { confirmUpdate: true, confirmed: token });
  expect(updated.result).toMatchObject({ kind: "plan", action: "updated", row: 2 });
  expect(updated.syncs).toBe(2);
  expect(book.table("ITSBudget")).toMatchObject({ address: "A1:I4" });
  expect(book.formulas("ITS Budget", "E2:H2")).toEqual([["=D2", "Outside Summer", 1, '=IF(OR(E2="",G2=""),"",LAUSD.ITSCOST(E2,F2,"2025-26")+LAUSD.ITSCOST(G2,"Summer Only","2025-26"))']]);
  expect(book.values("ITS Budget", "H2:H4")).toEqual([[76138], [130753], [76138 + 130753]]);
  expect(book.values("ITS Budget", "A1:A5").flat().filter((site) => String(site).toLowerCase() === "lincoln hs")).toHaveLength(1);
});

test("values mode writes plain numbers", async () => {
  const book = use(createWorkbook());
  await click(book, school, { formulas: false });
  expect(book.formulas("ITS Budget", "C2:H2")).toEqual([[523, 3, 3, "Outside Summer", "", 75013]]);
});

test("an ITS Budget sheet that is not ours is never touched: the user is asked, then the new name is used", async () => {
  const book = use(createWorkbook({ sheets: { "ITS Budget": [["Our own budget", 12345]] } }));
  const before = book.snapshot();
  const asked = await click(book, school);
  expect(asked.result).toEqual({ kind: "sheetNotOurs", sheet: "ITS Budget", suggestedName: "ITS Budget 2" });
  expect(asked.syncs).toBe(2);
  expect(book.snapshot()).toEqual(before);

  await click(book, school, { sheetName: "ITS Budget 2" });
  expect(book.table("ITSBudget")).toMatchObject({ sheet: "ITS Budget 2", address: "A1:I3" });
  expect(book.formulas("ITS Budget", "A1:B1")).toEqual([["Our own budget", 12345]]);
  // Later quotes find the table where it is.
  await click(book, office);
  expect(book.table("ITSBudget")).toMatchObject({ sheet: "ITS Budget 2", address: "A1:I4" });
});

test("data under the table blocks the add with a message; nothing is written", async () => {
  const book = use(createWorkbook());
  await click(book, school);
  book.model.requireSheet("ITS Budget").setInput(3, 2, "memo");
  const before = book.snapshot();
  const { result } = await click(book, office);
  expect(result.kind).toBe("blocked");
  expect(result.kind === "blocked" && result.message).toMatch(/A4:I4 on "ITS Budget"\) holds data/);
  expect(book.snapshot()).toEqual(before);
});

test("an Excel failure comes back as a message that says what to do", async () => {
  const book = use(createWorkbook());
  book.instrumentation.reset();
  book.instrumentation.failRequest(2);
  const result = await addQuoteToBudget(school, live);
  expect(result).toEqual({ kind: "failed", failure: { problem: "unknown", remedy: expect.stringMatching(/^Excel stopped \(.*internal error.*\)\.$/), detail: expect.any(String) } });
});

test("known Excel error codes get specific advice; only a protection error mentions protection (docs: testing/application-specific-api-error-handling.md)", () => {
  const err = (code: string) => Object.assign(new Error("m"), { code });
  const remedy = (code: string) => describeExcelError(err(code)).remedy;
  expect(remedy("InvalidOperationInCellEditMode")).toMatch(/finish editing the cell \(press Enter or Esc\)/i);
  expect(remedy("InvalidOperationInCellEditMode")).not.toMatch(/protect/i);
  // excel/excel-add-ins-delay-in-cell-edit.md: a batch made while a cell is edited fails with InvalidOperation.
  expect(remedy("InvalidOperation")).toMatch(/press Enter or Esc/);
  expect(remedy("InvalidOperation")).not.toMatch(/protect/i);
  expect(remedy("AccessDenied")).toMatch(/Unprotect Sheet/);
  expect(remedy("ItemAlreadyExists")).toMatch(/Choose another name/);
  // The adapter does not word the pane's buttons.
  for (const code of ["InvalidOperationInCellEditMode", "AccessDenied", "InvalidOperation", "ItemNotFound", "Other"]) expect(remedy(code)).not.toMatch(/Add to budget sheet/);
});

/**
 * Excel keeps the actions of a batch that ran before a failing one (a failed sync is not rolled back). For each
 * action of a click, Excel fails there once; clicking again (confirming the update it may ask for) must end as a
 * click that never failed: same cells, table, formats and sheets, the user's cells where they were.
 */
async function failEachActionThenAddAgain(setup: () => EmulatedWorkbook, quote: SiteQuote, state: (book: EmulatedWorkbook) => unknown): Promise<string[]> {
  const twin = use(setup());
  await click(twin, quote);
  const actions = twin.instrumentation.requests.reduce((sum, r) => sum + r.actions, 0);
  expect(actions).toBeGreaterThan(8);
  const outcomes: string[] = [];
  for (let at = 1; at <= actions; at++) {
    const book = use(setup());
    book.instrumentation.reset();
    book.instrumentation.failAction(at);
    const failed = await addQuoteToBudget(quote, live);
    let again = (await click(book, quote)).result;
    if (again.kind === "confirmUpdate") again = (await click(book, quote, { confirmUpdate: true })).result;
    outcomes.push(`${failed.kind} then ${again.kind === "plan" ? again.action : again.kind}`);
    expect({ at, state: state(book) }).toEqual({ at, state: state(twin) });
  }
  return outcomes;
}

test("a second site that Excel fails at any action is added by adding it again: no stray row, not blocked by the memo under the table", async () => {
  const totals = ["Total", "", "", "", "", "", "", "=SUBTOTAL(109,H2:H2)", ""];
  const setup = () =>
    createWorkbook({
      sheets: { "ITS Budget": [[...BUDGET_HEADERS], rowCells(school, 1, 0, 9, true, CURRENT_RATES), totals, [null], ["memo"]] },
      tables: [{ name: "ITSBudget", sheet: "ITS Budget", address: "A1:I3", showTotals: true }],
      customProperties: ourMark(),
    });
  const outcomes = await failEachActionThenAddAgain(setup, office, (book) => ({
    table: book.table("ITSBudget"),
    cells: book.formulas("ITS Budget", "A1:I6"),
    costFormats: book.numberFormats("ITS Budget", "H3:H4"),
  }));
  // Some failures left a grown table with our old totals in its last body row: adding again filled that row.
  expect(outcomes).toContain("failed then added");
  expect(outcomes).toContain("failed then updated");
});

test("a first quote that Excel fails at any action is finished by adding it again on the same ITS Budget sheet", async () => {
  const setup = () => createWorkbook({ sheets: { Notes: [["keep me", 1]] }, tables: [{ name: "Table1", sheet: "Notes", address: "A1:B2" }] });
  const outcomes = await failEachActionThenAddAgain(setup, school, (book) => ({
    sheets: book.sheetNames(),
    table: book.table("ITSBudget"),
    tables: book.snapshot().tables.map((t) => t.name),
    cells: book.formulas("ITS Budget", "A1:J4"),
    costFormats: book.numberFormats("ITS Budget", "H2:H3"),
    frozen: book.frozenRows("ITS Budget"),
    notes: book.formulas("Notes", "A1:B2"),
  }));
  expect(outcomes).toContain("failed then added");
  expect(outcomes).toContain("failed then updated");
});

describe("user text stays text (Excel.Range.values reference: = + - start formulas, number and date text is converted)", () => {
  const hostile = ["=1+1", '=HYPERLINK("http://x","y")', "-Lincoln Annex", "+Plus", "00123", "6-8 Campus", "6-8", "1/2", "TRUE", "50%", "@x", "'quoted"];

  test.each(hostile)("the site %p ends up as exactly that text, and its row is priced", async (site) => {
    const book = use(createWorkbook());
    const { result } = await click(book, { ...school, site });
    expect(result).toMatchObject({ kind: "plan", action: "added", row: 2 });
    expect(book.values("ITS Budget", "A2:C2")).toEqual([[site, "School", 523]]);
    expect(book.formulas("ITS Budget", "A2")).toEqual([[site]]);
    expect(book.values("ITS Budget", "H2:H3")).toEqual([[75013], [75013]]);
  });

  test.each(["00123", "-Lincoln Annex", "6-8", "=1+1"])("adding %p twice asks, then updates its one row: no duplicate, total not doubled", async (site) => {
    const book = use(createWorkbook());
    await click(book, { ...school, site });
    const again = await click(book, { ...school, site });
    expect(again.result).toMatchObject({ kind: "confirmUpdate", row: 2 });
    const confirmed = await click(book, { ...school, site }, { confirmUpdate: true });
    expect(confirmed.result).toMatchObject({ kind: "plan", action: "updated", row: 2 });
    expect(book.table("ITSBudget")).toMatchObject({ address: "A1:I3" });
    expect(book.values("ITS Budget", "H3")).toEqual([[75013]]);
  });

  test("a site cell Excel holds as a number is not the text site: 123 is not \"00123\"", async () => {
    const book = use(createWorkbook());
    await click(book, { ...school, site: "123" });
    book.userTypes("ITS Budget", "A2", 123);
    const { result } = await click(book, { ...school, site: "00123" });
    expect(result).toMatchObject({ kind: "plan", action: "added", row: 3 });
  });
});

test("the total follows the table: a row added to the table by hand is in it (structured reference, Microsoft Support: Using structured references with Excel tables)", async () => {
  const book = use(createWorkbook());
  await click(book, school);
  expect(book.formulas("ITS Budget", "H3")).toEqual([["=SUBTOTAL(109,[Annual cost])"]]);
  // What Tab in the last cell does: a table row inserted above the totals row.
  await book.Excel.run(async (context: Excel.RequestContext) => {
    context.workbook.tables.getItem("ITSBudget").rows.add(undefined, [["By hand", "", "", "", "", "", "", 1000, ""]]);
    await context.sync();
  });
  expect(book.table("ITSBudget")).toMatchObject({ address: "A1:I4" });
  expect(book.values("ITS Budget", "H4")).toEqual([[75013 + 1000]]);
});

describe("a blank cell is never priced, even where blanks reach custom functions as 0 (office-js #4702, #5262)", () => {
  test.each([false, true])("clearing the enrollment empties the row's days and cost (blanks as 0: %p)", async (blanksAsZero) => {
    const book = use(createWorkbook({ host: { blanksAsZero } }));
    await click(book, school);
    book.userTypes("ITS Budget", "C2", "");
    expect(book.values("ITS Budget", "D2:H3")).toEqual([["", "", "Outside Summer", "", ""], ["", "", "", "", 0]]);
  });

  test("clearing the days bought of an office empties its cost", async () => {
    const book = use(createWorkbook({ host: { blanksAsZero: true } }));
    await click(book, office);
    book.userTypes("ITS Budget", "E2", "");
    expect(book.values("ITS Budget", "H2")).toEqual([[""]]);
  });
});

describe("every quote runs through runExcel", () => {
  test("an Excel without ExcelApi 1.13 gets a message naming the versions needed, and nothing is written (Table.resize is ExcelApi 1.13)", async () => {
    const book = use(createWorkbook({ sheets: { Schools: [["Name"]] }, host: { requirementSets: { ExcelApi: "1.12", SharedRuntime: "1.1" } } }));
    const before = book.snapshot();
    const { result, runs } = await click(book, school);
    expect(result).toMatchObject({ kind: "failed", failure: { problem: "excelTooOld", remedy: expect.stringMatching(/ExcelApi 1\.13.*Version 2102.*16\.50.*Excel on the web/) } });
    expect(runs).toBe(0);
    expect(book.snapshot()).toEqual(before);
  });

  test("a click while the user edits a cell waits for Enter or Esc, then adds (delayForCellEdit, docs: excel/excel-add-ins-delay-in-cell-edit.md)", async () => {
    const book = use(createWorkbook());
    book.host.enterCellEditMode();
    const pending = addQuoteToBudget(school, live);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(book.sheetNames()).not.toContain("ITS Budget");
    book.host.exitCellEditMode();
    expect(await pending).toMatchObject({ kind: "plan", action: "added" });
    expect(book.values("ITS Budget", "A2")).toEqual([["Lincoln HS"]]);
  });
});

describe("what is ours is what bears our mark (worksheet custom property, ../../src/workbook/ownership.ts)", () => {
  const half = (sheet: string) => ({ [sheet]: [[...BUDGET_HEADERS], rowCells(school, 1, 0, 9, true, CURRENT_RATES).map((c) => (typeof c === "string" ? c.replace(/^'/, "") : c))] });

  test("a sheet holding exactly what a first quote writes but without our mark is the user's: asked for another name, nothing changed", async () => {
    const book = use(createWorkbook({ sheets: half("ITS Budget") }));
    const before = book.snapshot();
    const { result } = await click(book, school);
    expect(result).toMatchObject({ kind: "sheetNotOurs", sheet: "ITS Budget" });
    expect(book.snapshot()).toEqual(before);
  });

  test("the same sheet bearing our mark is our unfinished first quote: finished there, no question", async () => {
    const book = use(createWorkbook({ sheets: half("ITS Budget"), customProperties: ourMark() }));
    const { result } = await click(book, school);
    expect(result).toMatchObject({ kind: "plan", action: "added", sheet: "ITS Budget", row: 2 });
    expect(book.table("ITSBudget")).toMatchObject({ sheet: "ITS Budget", address: "A1:I3" });
  });

  test("the mark follows the sheet: renamed by the user, the budget is still found, still ours", async () => {
    const book = use(createWorkbook());
    await click(book, school);
    book.model.requireSheet("ITS Budget").name = "Budget FY26";
    const { result } = await click(book, office);
    expect(result).toMatchObject({ kind: "plan", action: "added", sheet: "Budget FY26", row: 3 });
    expect(markOf(book, "Budget FY26")).toEqual(budgetSheetMark("2025-26"));
  });

  test("a user's copy of our budget sheet is the user's (Excel copies no custom property, office-js #5486): quotes go on the original, the copy stays as it is", async () => {
    const book = use(createWorkbook());
    await click(book, school);
    book.userCopiesSheet("ITS Budget", "ITS Budget (2)");
    const copy = book.snapshot().sheets.find((s) => s.name === "ITS Budget (2)");
    expect(markOf(book, "ITS Budget (2)")).toBeNull();
    const { result } = await click(book, office);
    expect(result).toMatchObject({ kind: "plan", action: "added", sheet: "ITS Budget", row: 3 });
    expect(book.snapshot().sheets.find((s) => s.name === "ITS Budget (2)")).toEqual(copy);
  });

  test("a first quote that failed on a sheet of another name and is retried under the default name leaves no orphan sheet: it is finished where it started", async () => {
    const book = use(createWorkbook({ sheets: { "ITS Budget": [["Our own budget", 1]] } }));
    await click(book, school); // the user's "ITS Budget": asked for another name
    // Excel fails half-way through the writes of the first quote on "ITS Budget 2" (after its reads).
    const twin = use(createWorkbook({ sheets: { "ITS Budget": [["Our own budget", 1]] } }));
    await click(twin, school, { sheetName: "ITS Budget 2" });
    const reads = twin.instrumentation.requests.slice(0, -1).reduce((sum, r) => sum + r.actions, 0);
    use(book);
    book.instrumentation.reset();
    book.instrumentation.failAction(reads + 4);
    const failed = await addQuoteToBudget(school, { ...live, sheetName: "ITS Budget 2" });
    expect(failed.kind).toBe("failed");
    expect(book.sheetNames()).toEqual(["ITS Budget", "ITS Budget 2"]);
    // Adding again from the pane asks for "ITS Budget" again; the unfinished sheet is ours and is finished.
    const { result } = await click(book, school);
    expect(result).toMatchObject({ kind: "plan", action: "added", sheet: "ITS Budget 2" });
    expect(book.sheetNames()).toEqual(["ITS Budget", "ITS Budget 2"]);
    expect(book.table("ITSBudget")).toMatchObject({ sheet: "ITS Budget 2", address: "A1:I3" });
    expect(book.formulas("ITS Budget", "A1:B1")).toEqual([["Our own budget", 1]]);
  });

  describe("a budget made by an earlier version (no mark): exact headers and the table name ITSBudget", () => {
    const legacy = () =>
      createWorkbook({
        sheets: { "ITS Budget": [[...BUDGET_HEADERS], rowCells(school, 1, 0, 9, true, CURRENT_RATES), ["Total", "", "", "", "", "", "", "=SUBTOTAL(109,[Annual cost])", ""]] },
        tables: [{ name: "ITSBudget", sheet: "ITS Budget", address: "A1:I3", showTotals: true }],
      });

    test("is offered for adoption first, with nothing changed; once adopted it bears our mark and is not asked about again", async () => {
      const book = use(legacy());
      const before = book.snapshot();
      const asked = await click(book, office);
      expect(asked.result).toEqual({ kind: "adopt", sheet: "ITS Budget", table: "ITSBudget" });
      expect(book.snapshot()).toEqual(before);
      const adopted = await click(book, office, { adopt: true });
      expect(adopted.result).toMatchObject({ kind: "plan", action: "added", row: 3 });
      expect(markOf(book, "ITS Budget")).toEqual(budgetSheetMark("2025-26"));
      const next = await click(book, { ...office, site: "Region West" });
      expect(next.result).toMatchObject({ kind: "plan", action: "added", row: 4 });
    });

    test("a table named ITSBudget with other headers is not ours and is never adopted", async () => {
      const book = use(createWorkbook({ sheets: { Other: [["Site", "Cost"], ["A", 1]] }, tables: [{ name: "ITSBudget", sheet: "Other", address: "A1:B2" }] }));
      const { result } = await click(book, school, { adopt: true });
      expect(result).toMatchObject({ kind: "blocked", message: expect.stringMatching(/not made by this add-in/) });
    });
  });
});

describe("a user's own column inside the ITSBudget table (typing right of the table grows it: AutoExpansion)", () => {
  /** Our table with Lincoln HS, and the user's "Approved" column J with a value and a totals formula. */
  async function withUserColumn(): Promise<EmulatedWorkbook> {
    const book = use(createWorkbook());
    await click(book, school);
    book.userTypes("ITS Budget", "J1", "Approved");
    book.userTypes("ITS Budget", "J2", 1000);
    book.userTypes("ITS Budget", "J3", "=SUBTOTAL(109,[Approved])");
    expect(book.table("ITSBudget")).toMatchObject({ address: "A1:J3", headers: [...BUDGET_HEADERS, "Approved"] });
    return book;
  }

  test("adding a site keeps the user's value, and their total moves down with the totals row", async () => {
    const book = await withUserColumn();
    const { result } = await click(book, office);
    expect(result).toMatchObject({ kind: "plan", action: "added", row: 3 });
    expect(book.table("ITSBudget")).toMatchObject({ address: "A1:J4" });
    expect(book.formulas("ITS Budget", "J1:J4")).toEqual([["Approved"], [1000], [""], ["=SUBTOTAL(109,[Approved])"]]);
    expect(book.values("ITS Budget", "J4")).toEqual([[1000]]);
    expect(book.formulas("ITS Budget", "H4")).toEqual([["=SUBTOTAL(109,[Annual cost])"]]);
  });

  test("a confirmed update keeps the user's value in the site's row, and the question does not mention their column", async () => {
    const book = await withUserColumn();
    const asked = await click(book, { ...school, purchase: { kind: "single", option: 1, days: 5 } });
    expect(asked.result.kind).toBe("confirmUpdate");
    const changes = asked.result.kind === "confirmUpdate" ? (asked.result.changes ?? []) : [];
    expect(changes.map((c) => c.header)).toEqual(["Days bought", "Option", "Annual cost", "Note"]);
    const token = asked.result.kind === "confirmUpdate" ? asked.result.token : undefined;
    await click(book, { ...school, purchase: { kind: "single", option: 1, days: 5 } }, { confirmUpdate: true, confirmed: token });
    expect(book.formulas("ITS Budget", "J1:J3")).toEqual([["Approved"], [1000], ["=SUBTOTAL(109,[Approved])"]]);
    expect(book.values("ITS Budget", "E2:H2")).toEqual([[5, "Full Year", "", 130753]]);
  });

  test("our columns are found by header wherever the table has them; a missing one blocks with the fix", async () => {
    const book = use(createWorkbook());
    await click(book, school);
    book.userTypes("ITS Budget", "E1", "Days");
    const before = book.snapshot();
    const { result } = await click(book, office);
    expect(result).toMatchObject({ kind: "blocked", message: expect.stringMatching(/no longer has the column "Days bought".*Rename the column header back/) });
    expect(book.snapshot()).toEqual(before);
  });
});

test("an update confirmed for a row that changed since the question is asked again, with what would change now", async () => {
  const book = use(createWorkbook());
  await click(book, school);
  const newer: SiteQuote = { ...school, purchase: { kind: "single", option: 1, days: 4 } };
  const asked = await click(book, newer);
  const token = asked.result.kind === "confirmUpdate" ? asked.result.token : undefined;
  book.userTypes("ITS Budget", "I2", "keep this note");
  const before = book.snapshot();
  const again = await click(book, newer, { confirmUpdate: true, confirmed: token });
  expect(again.result.kind).toBe("confirmUpdate");
  expect(book.snapshot()).toEqual(before);
  expect(again.result.kind === "confirmUpdate" && again.result.changes?.find((c) => c.header === "Note")).toMatchObject({ before: "keep this note" });
});
