/**
 * Data safety of "Add to budget sheet", on randomized workbooks run through the real Excel-side code
 * (src/workbook/excel/quote.ts) on the Excel emulation: sheets of other data, an ITS Budget table from earlier
 * quotes at any position with the user's cells around it (or right under it), a look-alike "ITS Budget" sheet or
 * a foreign table named ITSBudget; random quotes, some for sites already in the table.
 * - Only the ITS Budget table's cells (and the row it grows into) ever change, never another sheet, table or cell;
 * - a non-empty cell is overwritten only in the site's own row after the user confirmed the update (the table's
 *   own totals row moves down one row when a site is added);
 * - the same quote again changes nothing; Excel failing at a request or inside one changes nothing unowned, is
 *   reported, and adding again ends with the same cells as an uninterrupted add.
 * Reproduce a failure with FUZZ_SEED=<seed>.
 */
import fc from "fast-check";
import { CURRENT_RATES, type OptionNumber } from "../../src/core";
import { type EmulatedWorkbook, type FormulaEvaluator, type WorkbookSnapshot, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { columnLetters, parseRange, rangeAddress, type RangeRef } from "../../src/workbook/address";
import { addQuoteToBudget } from "../../src/workbook/excel/quote";
import { BUDGET_HEADERS, BUDGET_SHEET, BUDGET_TABLE, type SiteQuote, rowCells } from "../../src/workbook/quote/budgetSheet";
import { actionHooks, lightEvaluator } from "./emulationHooks";
import { cellChanges, inRange } from "./workbookDiff";


const rates = CURRENT_RATES;
const WORKBOOKS = 300;
const WITH_HYPERFORMULA = 20;
const COLUMNS = BUDGET_HEADERS.length;

type Cell = string | number | boolean | null;
const userCell: fc.Arbitrary<Cell> = fc.oneof(fc.integer({ min: -100, max: 100000 }), fc.constantFrom<Cell>("keep", "=1+2", "Total", "x", true), fc.string({ maxLength: 6 }));
// Names Excel would turn into formulas, numbers, dates or booleans if written as they are (Excel.Range.values reference).
const hostileSites = ["=1+1", '=HYPERLINK("http://x","y")', "-Lincoln Annex", "+Plus", "00123", "6-8 Campus", "6-8", "1/2", "TRUE", "50%", "@x"];
const sites = ["Lincoln HS", "Fairmont Middle", "Region North Office", "Esperanza Elementary", "lincoln hs ", ...hostileSites];

const quoteArb: fc.Arbitrary<SiteQuote> = fc
  .record({
    site: fc.constantFrom(...sites),
    school: fc.boolean(),
    enrollment: fc.integer({ min: 0, max: 1500 }),
    split: fc.boolean(),
    days: fc.integer({ min: 0, max: 5 }),
    summerDays: fc.integer({ min: 0, max: 5 }),
    option: fc.constantFrom<OptionNumber>(1, 2, 3),
  })
  .map((r) => ({
    site: r.site,
    kind: r.school ? "school" : "office",
    enrollment: r.school ? r.enrollment : null,
    purchase: r.split ? { kind: "split", outsideSummerDays: r.days, summerOnlyDays: r.summerDays } : { kind: "single", option: r.option, days: r.days },
  }));

interface Scenario {
  budget:
    | { kind: "none" }
    | { kind: "lookalike"; cells: Cell[][] } // a user's own sheet named "ITS Budget"
    | { kind: "foreignTable" } // a table named ITSBudget with other headers
    | { kind: "ours"; origin: { row: number; column: number }; earlier: SiteQuote[]; formulas: boolean; right: Cell[]; below: Cell[]; belowGap: number };
  otherSheet: Cell[][];
  quote: SiteQuote;
  formulas: boolean;
  confirmUpdate: boolean;
  sheetName: string;
  failure: null | { kind: "request"; at: number } | { kind: "action"; at: number };
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  budget: fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
    { weight: 1, arbitrary: fc.array(fc.array(userCell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }).map((cells) => ({ kind: "lookalike" as const, cells })) },
    { weight: 1, arbitrary: fc.constant({ kind: "foreignTable" as const }) },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant("ours" as const),
        origin: fc.record({ row: fc.integer({ min: 0, max: 3 }), column: fc.integer({ min: 0, max: 3 }) }),
        earlier: fc.uniqueArray(quoteArb, { minLength: 1, maxLength: 5, selector: (q) => q.site.trim().toLowerCase() }),
        formulas: fc.boolean(),
        right: fc.array(userCell, { maxLength: 8 }),
        below: fc.array(userCell, { maxLength: 9 }),
        belowGap: fc.integer({ min: 0, max: 2 }),
      }),
    },
  ),
  otherSheet: fc.array(fc.array(userCell, { maxLength: 5 }), { maxLength: 6 }),
  quote: quoteArb,
  formulas: fc.boolean(),
  confirmUpdate: fc.boolean(),
  sheetName: fc.constantFrom(BUDGET_SHEET, BUDGET_SHEET, "Quotes FY26"),
  failure: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("request" as const), at: fc.integer({ min: 1, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("action" as const), at: fc.integer({ min: 1, max: 45 }) }) },
  ),
});

function build(s: Scenario, evaluator?: FormulaEvaluator): EmulatedWorkbook {
  const sheets: Record<string, Cell[][]> = { Data: s.otherSheet.length ? s.otherSheet : [["Site", "Budget"]] };
  const tables: { name: string; sheet: string; address: string; showTotals?: boolean }[] = [{ name: "DataTable", sheet: "Data", address: "A1:A1" }];
  const b = s.budget;
  if (b.kind === "lookalike") sheets[BUDGET_SHEET] = b.cells;
  if (b.kind === "foreignTable") {
    sheets["Other"] = [["Site", "Cost"], ["A", 1]];
    tables.push({ name: BUDGET_TABLE, sheet: "Other", address: "A1:B2" });
  }
  if (b.kind === "ours") {
    const { row: top, column: left } = b.origin;
    const grid: Cell[][] = Array.from({ length: top + b.earlier.length + 6 + b.belowGap }, () => Array<Cell>(left + COLUMNS + 2).fill(null));
    grid[top].splice(left, COLUMNS, ...BUDGET_HEADERS);
    b.earlier.forEach((q, i) => grid[top + 1 + i].splice(left, COLUMNS, ...(rowCells(q, top + 1 + i, left, COLUMNS, b.formulas, rates) as Cell[])));
    const totals = top + 1 + b.earlier.length;
    const cost = `${columnLetters(left + BUDGET_HEADERS.indexOf("Annual cost"))}`;
    grid[totals][left] = "Total";
    grid[totals][left + BUDGET_HEADERS.indexOf("Annual cost")] = `=SUBTOTAL(109,${cost}${top + 2}:${cost}${totals})`;
    // The user's cells: a column right of the table, and a row under it (right under it blocks a new row).
    b.right.forEach((v, i) => (grid[top + i] ? (grid[top + i][left + COLUMNS] = v) : undefined));
    b.below.forEach((v, i) => (grid[totals + 1 + b.belowGap][left + i] = v));
    sheets[BUDGET_SHEET] = grid;
    tables.push({ name: BUDGET_TABLE, sheet: BUDGET_SHEET, address: rangeAddress({ start: { row: top, column: left }, rows: b.earlier.length + 2, columns: COLUMNS }), showTotals: true });
  }
  return createWorkbook({ ...(evaluator ? { evaluator } : {}), sheets, tables });
}

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  // Office too: runExcel checks requirement sets through Office.context.requirements.
  installEmulatedOffice(globalThis, book);
  return book;
}

const tableRange = (snapshot: WorkbookSnapshot): { sheet: string; range: RangeRef } | null => {
  const t = snapshot.tables.find((x) => x.name === BUDGET_TABLE);
  return t ? { sheet: t.sheet, range: parseRange(t.address) } : null;
};

const contentOf = (snapshot: WorkbookSnapshot) =>
  snapshot.sheets.map((sheet) => ({ name: sheet.name, cells: Object.fromEntries(Object.entries(sheet.cells).map(([k, c]) => [k, c.input])) }));

/** Checks that every change is inside our table as it is now; returns the non-empty cells overwritten, by row. */
function expectOnlyOwnedChanges(before: WorkbookSnapshot, after: WorkbookSnapshot): Map<number, number> {
  const ours = tableRange(after);
  const wasOurs = tableRange(before);
  const overwrittenRows = new Map<number, number>();
  for (const change of cellChanges(before, after)) {
    const newSheet = !before.sheets.some((x) => x.name === change.sheet); // one the add-in created
    const owned = newSheet || (ours !== null && change.sheet === ours.sheet && inRange(ours.range, change.row, change.column));
    if (!owned) throw new Error(`unowned cell changed: ${JSON.stringify(change)}`);
    if (change.overwrote) overwrittenRows.set(change.row, (overwrittenRows.get(change.row) ?? 0) + 1);
  }
  // Other tables and every sheet's panes and charts stay; our table may only be added, or grow downwards.
  for (const t of before.tables) {
    const now = after.tables.find((a) => a.name === t.name && a.sheet === t.sheet);
    if (t.name !== BUDGET_TABLE || !wasOurs) expect(now).toEqual(t);
  }
  if (wasOurs && ours) {
    expect([ours.sheet, ours.range.start, ours.range.columns]).toEqual([wasOurs.sheet, wasOurs.range.start, wasOurs.range.columns]);
    expect(ours.range.rows - wasOurs.range.rows).toBeGreaterThanOrEqual(0);
  }
  for (const sheet of before.sheets) {
    const now = after.sheets.find((x) => x.name === sheet.name)!;
    expect(now.charts).toEqual(sheet.charts);
    if (now.name !== ours?.sheet || wasOurs) expect([now.frozenRows, now.frozenColumns]).toEqual([sheet.frozenRows, sheet.frozenColumns]);
  }
  return overwrittenRows;
}

/** Sheet row (zero-based) of the site's row in our table before the quote, or -1. */
function existingRowOf(snapshot: WorkbookSnapshot, table: { sheet: string; range: RangeRef }, site: string): number {
  const cells = snapshot.sheets.find((x) => x.name === table.sheet)!.cells;
  const key = site.trim().toLowerCase();
  for (let row = table.range.start.row + 1; row < table.range.start.row + table.range.rows - 1; row++) {
    const name = cells[`${columnLetters(table.range.start.column)}${row + 1}`]?.input;
    // Text with text: the add-in writes sites as text, and a number in the cell is not a typed site.
    if (typeof name === "string" && name.trim().toLowerCase() === key) return row;
  }
  return -1;
}

/** The user's answer to "update the existing row?" is yes. */
async function addConfirming(quote: SiteQuote, options: { sheetName: string; formulas: boolean; confirmUpdate: boolean }) {
  const first = await addQuoteToBudget(quote, options);
  return first.kind === "confirmUpdate" ? addQuoteToBudget(quote, { ...options, confirmUpdate: true }) : first;
}

const tally = { workbooks: 0, added: 0, updated: 0, asked: 0, blocked: 0, failed: 0, partial: 0 };

async function checkScenario(s: Scenario, evaluator: FormulaEvaluator | undefined): Promise<void> {
  tally.workbooks++;
  actionHooks.disarm();
  const book = use(build(s, evaluator));
  const before = book.snapshot();
  const options = { sheetName: s.sheetName, formulas: s.formulas, confirmUpdate: s.confirmUpdate };
  if (s.failure?.kind === "request") book.instrumentation.failRequest(s.failure.at);
  if (s.failure?.kind === "action") actionHooks.failInsideRequest(s.failure.at);
  const result = await addQuoteToBudget(s.quote, options);
  actionHooks.disarm();
  book.instrumentation.reset();
  const after = book.snapshot();
  const overwritten = expectOnlyOwnedChanges(before, after);

  if (result.kind === "confirmUpdate" || result.kind === "sheetNotOurs" || result.kind === "blocked") {
    tally[result.kind === "confirmUpdate" || result.kind === "sheetNotOurs" ? "asked" : "blocked"]++;
    expect(cellChanges(before, after)).toEqual([]);
    expect(after.tables).toEqual(before.tables);
    if (result.kind === "blocked") expect(result.message.length).toBeGreaterThan(30);
    return;
  }

  // Overwrites: only the site's own row after a confirmed update, or the totals row that moves down.
  const old = tableRange(before);
  const totalsRow = old ? old.range.start.row + old.range.rows - 1 : -1;
  const siteRow = old ? existingRowOf(before, old, s.quote.site) : -1;
  if (result.kind === "plan" && result.action === "updated") expect(result.row - 1).toBe(siteRow);
  for (const row of overwritten.keys()) {
    const allowed = row === totalsRow || (row === siteRow && s.confirmUpdate);
    if (!allowed) throw new Error(`row ${row + 1} overwritten without confirmation (result ${JSON.stringify(result)})`);
  }

  if (result.kind === "failed") {
    tally.failed++;
    expect(result.failure.remedy.length).toBeGreaterThan(10);
    if (JSON.stringify(after) !== JSON.stringify(before)) tally.partial++;
    // Whether nothing or part of the request was applied, adding again (confirming the update it may ask for)
    // ends with the cells of an uninterrupted add.
    const again = await addConfirming(s.quote, options);
    const twin = use(build(s, evaluator));
    const clean = await addConfirming(s.quote, options);
    expect(again.kind).toBe(clean.kind);
    expect(contentOf(book.snapshot())).toEqual(contentOf(twin.snapshot()));
    use(book);
    return;
  }

  tally[result.action]++;
  // The site's cell holds exactly the typed name, as text, whatever Excel would make of it as typing.
  const ours = tableRange(after)!;
  const siteCell = after.sheets.find((x) => x.name === ours.sheet)!.cells[`${columnLetters(ours.range.start.column)}${result.row}`];
  expect(siteCell?.input).toBe(s.quote.site.trim());
  // The same quote again: it asks before touching the row, and a confirmed identical update changes nothing.
  const done = book.snapshot();
  const asked = await addQuoteToBudget(s.quote, { ...options, confirmUpdate: false });
  expect(asked.kind).toBe("confirmUpdate");
  expect(book.snapshot()).toEqual(done);
  const confirmed = await addQuoteToBudget(s.quote, { ...options, confirmUpdate: true });
  expect(confirmed).toMatchObject({ kind: "plan", action: "updated" });
  expect({ ...book.snapshot(), activeSheet: "" }).toEqual({ ...done, activeSheet: "" });
}

describe("quote writer data safety", () => {
  afterAll(() => console.info(`quote safety: ${JSON.stringify(tally)}`));

  test(`${WORKBOOKS} random workbooks and quotes: only the ITS Budget table changes, updates are confirmed, repeats change nothing, failures recover`, async () => {
    await fc.assert(fc.asyncProperty(scenario, (s) => checkScenario(s, lightEvaluator)), { numRuns: WORKBOOKS });
  }, 300_000);

  test("Excel failing at each action of a first quote, an added site or a confirmed update: nothing unowned changes", async () => {
    for (const c of [firstQuote, addCase, updateCase]) await safetySweep(c);
  }, 60_000);

  test("after Excel fails at any action of a confirmed update, updating again ends as an uninterrupted update", async () => {
    expect(await divergingAfterFailure(updateCase)).toEqual([]);
  }, 60_000);

  test(`${WITH_HYPERFORMULA} more with HyperFormula computing the formulas`, async () => {
    await fc.assert(fc.asyncProperty(scenario, (s) => checkScenario(s, undefined)), { numRuns: WITH_HYPERFORMULA });
  }, 300_000);
});

/** How many actions the case's add runs when nothing fails. */
async function actionsOf(c: Omit<Scenario, "failure">): Promise<number> {
  use(build({ ...c, failure: null }, lightEvaluator));
  actionHooks.countFromNow();
  await addConfirming(c.quote, { sheetName: c.sheetName, formulas: c.formulas, confirmUpdate: c.confirmUpdate });
  return actionHooks.count();
}

/** The safety rules with Excel failing at the 1st, 2nd, ... action of the case's add, one run each. */
async function safetySweep(c: Omit<Scenario, "failure">): Promise<void> {
  const actions = await actionsOf(c);
  expect(actions).toBeGreaterThan(5);
  for (let at = 1; at <= actions; at++) await checkScenario({ ...c, failure: { kind: "action", at } }, lightEvaluator);
}

/** The failure points after which adding again (confirming what it asks) does not end as an uninterrupted add. */
async function divergingAfterFailure(c: Omit<Scenario, "failure">): Promise<number[]> {
  const options = { sheetName: c.sheetName, formulas: c.formulas, confirmUpdate: c.confirmUpdate };
  const actions = await actionsOf(c);
  const twin = use(build({ ...c, failure: null }, lightEvaluator));
  await addConfirming(c.quote, options);
  const diverging: number[] = [];
  for (let at = 1; at <= actions; at++) {
    const book = use(build({ ...c, failure: null }, lightEvaluator));
    actionHooks.failInsideRequest(at);
    await addQuoteToBudget(c.quote, options);
    actionHooks.disarm();
    await addConfirming(c.quote, options);
    if (JSON.stringify(contentOf(book.snapshot())) !== JSON.stringify(contentOf(twin.snapshot()))) diverging.push(at);
  }
  return diverging;
}

const existingTable: Omit<Scenario, "failure" | "quote" | "confirmUpdate"> = {
  budget: {
    kind: "ours",
    origin: { row: 2, column: 1 },
    earlier: [
      { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } },
      { site: "Region North Office", kind: "office", enrollment: null, purchase: { kind: "split", outsideSummerDays: 2, summerOnlyDays: 1 } },
    ],
    formulas: true,
    right: ["note", 1, "=1+1"],
    below: ["keep", 2],
    belowGap: 1,
  },
  otherSheet: [["Site", "Budget"], ["x", 1]],
  formulas: true,
  sheetName: BUDGET_SHEET,
};
const updateCase = { ...existingTable, quote: { site: "lincoln hs", kind: "school", enrollment: 1200, purchase: { kind: "single", option: 3, days: 5 } }, confirmUpdate: true } as const;
const firstQuote: Omit<Scenario, "failure"> = {
  budget: { kind: "none" },
  otherSheet: [["Site"]],
  formulas: true,
  sheetName: BUDGET_SHEET,
  confirmUpdate: false,
  quote: { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } },
};
const addCase = { ...existingTable, quote: { site: "Fairmont Middle", kind: "school", enrollment: 801, purchase: { kind: "single", option: 1, days: 4 } }, confirmUpdate: false } as const;

/**
 * Excel applies the actions of a failed request that came before the failure. Adding a site grows the table and
 * writes its row; a first quote adds the sheet, its cells and the table that marks it as ours. Wherever Excel fails
 * in those requests, adding again (confirming what it asks) must end exactly as an uninterrupted add.
 */
test("after Excel fails at any action of adding a site, adding again ends as an uninterrupted add", async () => {
  expect(await divergingAfterFailure(addCase)).toEqual([]);
}, 60_000);

test("after Excel fails at any action of a first quote, adding again makes the same ITS Budget sheet", async () => {
  expect(await divergingAfterFailure(firstQuote)).toEqual([]);
}, 60_000);
