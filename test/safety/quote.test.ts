/**
 * Data safety of "Add to budget sheet", on randomized workbooks run through the real Excel-side code
 * (src/workbook/excel/quote.ts) on the Excel emulation, answering its questions as the pane does (adopt a legacy
 * budget, confirm an update with the token of the question shown): sheets of other data, an ITS Budget table from
 * earlier quotes (bearing our mark, or unmarked from an earlier version) at any position with the user's cells
 * around it (or right under it) and the user's own columns inside it, a look-alike "ITS Budget" sheet (also one
 * holding exactly what a first quote writes, without our mark) or a foreign table named ITSBudget; random quotes,
 * some for sites already in the table, with hostile names (formulas, numbers, dates, 32,767 characters).
 * - Only our columns of the ITS Budget table (and the row it grows into) ever change, never another sheet, table,
 *   mark or cell; the user's totals inside the table move down with the totals row, nothing else of theirs changes;
 * - every cell that changes is listed (the confirmation the user accepted, or the add's own list), unless it is
 *   ours and was empty; every listed cell does change; a non-empty cell is overwritten only in the site's own row
 *   after the user confirmed, or in our totals row as it moves down;
 * - the same quote again changes nothing and its question lists nothing; Excel failing at a request or inside one
 *   changes nothing unowned, is reported, and adding again ends with the same cells and marks as an
 *   uninterrupted add.
 * Reproduce a failure with FUZZ_SEED=<seed>.
 */
import fc from "fast-check";
import { CURRENT_RATES, type OptionNumber } from "../../src/core";
import { type EmulatedWorkbook, type FormulaEvaluator, type WorkbookSnapshot, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { columnLetters, parseRange, rangeAddress, type RangeRef } from "../../src/workbook/address";
import { type AddQuoteResult, addQuoteToBudget } from "../../src/workbook/excel/quote";
import { MARK_KEY, serializeMark } from "../../src/workbook/ownership";
import { BUDGET_HEADERS, BUDGET_SHEET, BUDGET_TABLE, type QuotePlanOutcome, type QuoteWriteOptions, type SiteQuote, budgetSheetMark, rowCells } from "../../src/workbook/quote/budgetSheet";
import { actionHooks, lightEvaluator } from "./emulationHooks";
import { cellChanges, inRange } from "./workbookDiff";


const rates = CURRENT_RATES;
const WORKBOOKS = 700;
const WITH_HYPERFORMULA = 20;
const COLUMNS = BUDGET_HEADERS.length;
/** The mark a quote leaves on its budget sheet, recording the year; and one a version before fiscal years wrote. */
const OUR_MARK = budgetSheetMark(rates.fiscalYear);
const MARK_BEFORE_YEARS = { ...OUR_MARK, tables: OUR_MARK.tables.map(({ name, columns }) => ({ name, columns })) };

type Cell = string | number | boolean | null;
const userCell: fc.Arbitrary<Cell> = fc.oneof(fc.integer({ min: -100, max: 100000 }), fc.constantFrom<Cell>("keep", "=1+2", "Total", "x", true), fc.string({ maxLength: 6 }));
// Names Excel would turn into formulas, numbers, dates or booleans if written as they are (Excel.Range.values reference).
// The longest text a cell holds is 32,767 characters (Excel specifications and limits).
const LONGEST = "L".repeat(32767);
const hostileSites = ["=1+1", '=HYPERLINK("http://x","y")', "-Lincoln Annex", "+Plus", "00123", "6-8 Campus", "6-8", "1/2", "TRUE", "50%", "@x", LONGEST];
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
    | { kind: "lookalikeFirstQuote" } // a user's sheet holding exactly what a first quote writes, without our mark
    | { kind: "foreignTable" } // a table named ITSBudget with other headers
    | {
        kind: "ours";
        origin: { row: number; column: number };
        earlier: SiteQuote[];
        formulas: boolean;
        right: Cell[];
        below: Cell[];
        belowGap: number;
        /** false: made by an earlier version, which marked nothing (offered for adoption). */
        marked: boolean;
        /** The mark records the budget's fiscal year (false: a mark from before years were recorded). */
        markYear: boolean;
        /** The earlier rows' formulas name no year, as versions before fiscal years wrote them. */
        unnamedYears: boolean;
        /** The user's own columns inside the table, right of ours: header, body cells, totals cell. */
        userColumns: { header: string; body: Cell[]; total: Cell }[];
      };
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
    { weight: 1, arbitrary: fc.constant({ kind: "lookalikeFirstQuote" as const }) },
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
        marked: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
        markYear: fc.boolean(),
        unnamedYears: fc.boolean(),
        userColumns: fc.uniqueArray(
          fc.record({
            header: fc.constantFrom("Approved", "My notes", "Budget code", "2025"),
            body: fc.array(userCell, { maxLength: 5 }),
            total: fc.oneof(fc.constant<Cell>(null), fc.constant<Cell>("=SUBTOTAL(109,[Approved])"), userCell),
          }),
          { maxLength: 2, selector: (c) => c.header },
        ),
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
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("action" as const), at: fc.integer({ min: 1, max: 70 }) }) },
  ),
});

function build(s: Scenario, evaluator?: FormulaEvaluator): EmulatedWorkbook {
  const sheets: Record<string, Cell[][]> = { Data: s.otherSheet.length ? s.otherSheet : [["Site", "Budget"]] };
  const tables: { name: string; sheet: string; address: string; showTotals?: boolean }[] = [{ name: "DataTable", sheet: "Data", address: "A1:A1" }];
  // Another add-in's (or the fill's) property on a user's sheet: never changed by the quote.
  const customProperties = [{ sheet: "Data", key: "Other.AddIn", value: "theirs" }];
  const b = s.budget;
  if (b.kind === "lookalike") sheets[BUDGET_SHEET] = b.cells;
  if (b.kind === "lookalikeFirstQuote") sheets[BUDGET_SHEET] = [[...BUDGET_HEADERS], rowCells(s.quote, 1, 0, COLUMNS, true, rates).map((c) => (typeof c === "string" ? c.replace(/^'/, "") : c)) as Cell[]];
  if (b.kind === "foreignTable") {
    sheets["Other"] = [["Site", "Cost"], ["A", 1]];
    tables.push({ name: BUDGET_TABLE, sheet: "Other", address: "A1:B2" });
  }
  if (b.kind === "ours") {
    const { row: top, column: left } = b.origin;
    const width = COLUMNS + b.userColumns.length;
    const grid: Cell[][] = Array.from({ length: top + b.earlier.length + 6 + b.belowGap }, () => Array<Cell>(left + width + 2).fill(null));
    grid[top].splice(left, COLUMNS, ...BUDGET_HEADERS);
    const year = `,"${rates.fiscalYear}")`;
    const written = (q: SiteQuote, row: number) => rowCells(q, row, left, COLUMNS, b.formulas, rates).map((c) => (b.unnamedYears && typeof c === "string" ? c.split(year).join(")") : c));
    b.earlier.forEach((q, i) => grid[top + 1 + i].splice(left, COLUMNS, ...(written(q, top + 1 + i) as Cell[])));
    const totals = top + 1 + b.earlier.length;
    const cost = `${columnLetters(left + BUDGET_HEADERS.indexOf("Annual cost"))}`;
    grid[totals][left] = "Total";
    grid[totals][left + BUDGET_HEADERS.indexOf("Annual cost")] = `=SUBTOTAL(109,${cost}${top + 2}:${cost}${totals})`;
    // The user's own columns inside the table: header, body cells and a totals cell of theirs.
    b.userColumns.forEach((c, j) => {
      grid[top][left + COLUMNS + j] = c.header;
      c.body.slice(0, b.earlier.length).forEach((v, i) => (grid[top + 1 + i][left + COLUMNS + j] = v));
      grid[totals][left + COLUMNS + j] = c.total;
    });
    // The user's cells: a column right of the table, and a row under it (right under it blocks a new row).
    b.right.forEach((v, i) => (grid[top + i] ? (grid[top + i][left + width] = v) : undefined));
    b.below.forEach((v, i) => (grid[totals + 1 + b.belowGap][left + i] = v));
    sheets[BUDGET_SHEET] = grid;
    tables.push({ name: BUDGET_TABLE, sheet: BUDGET_SHEET, address: rangeAddress({ start: { row: top, column: left }, rows: b.earlier.length + 2, columns: width }), showTotals: true });
    if (b.marked) customProperties.push({ sheet: BUDGET_SHEET, key: MARK_KEY, value: serializeMark(b.markYear ? OUR_MARK : MARK_BEFORE_YEARS) });
  }
  return createWorkbook({ ...(evaluator ? { evaluator } : {}), sheets, tables, customProperties });
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
  snapshot.sheets.map((sheet) => ({ name: sheet.name, cells: Object.fromEntries(Object.entries(sheet.cells).map(([k, c]) => [k, c.input])), marks: sheet.customProperties }));

/** Our columns (by header) of our table as it is in `snapshot`, as sheet columns. */
function ourColumns(snapshot: WorkbookSnapshot, table: { sheet: string; range: RangeRef }): Set<number> {
  const cells = snapshot.sheets.find((x) => x.name === table.sheet)!.cells;
  const columns = new Set<number>();
  for (let c = table.range.start.column; c < table.range.start.column + table.range.columns; c++) {
    const header = String(cells[`${columnLetters(c)}${table.range.start.row + 1}`]?.input ?? "");
    if ((BUDGET_HEADERS as readonly string[]).includes(header)) columns.add(c);
  }
  return columns;
}

const key = (sheet: string, address: string) => `${sheet}!${address}`;

/**
 * Checks that every change is ours: a new sheet, or our columns of our table as it is now, or a user's totals cell
 * moving down one row with the totals row (gone from the old totals row, the same content one row below); and
 * that every change not `listed` is ours and was empty. Returns the rows where non-empty cells of ours were overwritten.
 */
function expectOnlyOwnedChanges(before: WorkbookSnapshot, after: WorkbookSnapshot, listed: ReadonlySet<string> | null): Map<number, number> {
  const ours = tableRange(after);
  const wasOurs = tableRange(before);
  const columns = ours ? ourColumns(after, ours) : new Set<number>();
  const oldTotals = wasOurs ? wasOurs.range.start.row + wasOurs.range.rows - 1 : -1;
  const changes = cellChanges(before, after);
  const at = (snapshot: WorkbookSnapshot, sheet: string, row: number, column: number) => snapshot.sheets.find((x) => x.name === sheet)?.cells[`${columnLetters(column)}${row + 1}`]?.input;
  const overwrittenRows = new Map<number, number>();
  for (const change of changes) {
    const newSheet = !before.sheets.some((x) => x.name === change.sheet); // one the add-in created
    const inOurTable = ours !== null && change.sheet === ours.sheet && inRange(ours.range, change.row, change.column);
    const owned = newSheet || (inOurTable && columns.has(change.column));
    const userTotalsMove =
      inOurTable &&
      !columns.has(change.column) &&
      ((change.row === oldTotals && at(after, change.sheet, change.row, change.column) === undefined && at(after, change.sheet, change.row + 1, change.column) === change.before?.input) ||
        (change.row === oldTotals + 1 && change.before === undefined && at(before, change.sheet, oldTotals, change.column) === change.after?.input));
    if (!owned && !userTotalsMove) throw new Error(`unowned cell changed: ${JSON.stringify(change).slice(0, 400)}`);
    if (listed && !listed.has(key(change.sheet, change.address)) && !(owned && !change.overwrote && content(change.before) === "") && !userTotalsMove) {
      throw new Error(`a changed cell is not listed: ${JSON.stringify(change).slice(0, 400)}`);
    }
    if (change.overwrote && owned) overwrittenRows.set(change.row, (overwrittenRows.get(change.row) ?? 0) + 1);
  }
  // Other tables, every sheet's panes and charts, and every mark but ours stay; our table may only be added, or grow downwards.
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
    const { [MARK_KEY]: ourMark, ...others } = now.customProperties;
    const { [MARK_KEY]: ourMarkBefore, ...othersBefore } = sheet.customProperties;
    expect(others).toEqual(othersBefore);
    if (ourMark !== ourMarkBefore) expect([now.name, ourMark]).toEqual([ours?.sheet, serializeMark(OUR_MARK)]);
  }
  return overwrittenRows;
}

const content = (cell: { input?: unknown } | undefined): unknown => (cell?.input === undefined || cell.input === "" ? "" : cell.input);

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

type Asked = Extract<QuotePlanOutcome, { kind: "confirmUpdate" }>;

/**
 * "Add to budget sheet" as the pane runs it: a legacy budget is adopted and an update confirmed (with the question's
 * token) when the user answers `yes`; the update question asked, if any, is returned.
 */
async function paneAdd(quote: SiteQuote, options: Omit<QuoteWriteOptions, "confirmUpdate">, yes: boolean): Promise<{ result: AddQuoteResult; asked: Asked | null }> {
  let adopt = false;
  let asked: Asked | null = null;
  let result = await addQuoteToBudget(quote, { ...options, confirmUpdate: false });
  if (result.kind === "adopt" && yes) {
    adopt = true;
    result = await addQuoteToBudget(quote, { ...options, confirmUpdate: false, adopt });
  }
  if (result.kind === "confirmUpdate" && yes) {
    asked = result;
    result = await addQuoteToBudget(quote, { ...options, confirmUpdate: true, confirmed: result.token, ...(adopt ? { adopt } : {}) });
  }
  return { result, asked };
}

/** Cells listed as changing (written anew) by the question the user accepted and by the applied plan's own list. */
function listedCells(result: AddQuoteResult, asked: Asked | null): Set<string> {
  const lists = [...(asked?.changes ?? []), ...(result.kind === "plan" ? (result.changes ?? []) : [])];
  return new Set(lists.filter((c) => c.rewrites).map((c) => key(c.sheet, c.address)));
}

const tally = { workbooks: 0, added: 0, updated: 0, asked: 0, adopted: 0, notOurs: 0, blocked: 0, failed: 0, partial: 0, userColumns: 0, longSites: 0, listedCells: 0 };

async function checkScenario(s: Scenario, evaluator: FormulaEvaluator | undefined): Promise<void> {
  tally.workbooks++;
  if (s.budget.kind === "ours" && s.budget.userColumns.length > 0) tally.userColumns++;
  if (s.quote.site === LONGEST) tally.longSites++;
  actionHooks.disarm();
  const book = use(build(s, evaluator));
  const before = book.snapshot();
  const options = { sheetName: s.sheetName, formulas: s.formulas };
  if (s.failure?.kind === "request") book.instrumentation.failRequest(s.failure.at);
  if (s.failure?.kind === "action") actionHooks.failInsideRequest(s.failure.at);
  const { result, asked } = await paneAdd(s.quote, options, s.confirmUpdate);
  actionHooks.disarm();
  book.instrumentation.reset();
  const after = book.snapshot();
  const listed = listedCells(result, asked);
  tally.listedCells += listed.size;
  // An add that Excel failed has no list (it was never shown): its partial changes must still all be ours.
  const overwritten = expectOnlyOwnedChanges(before, after, result.kind === "failed" && asked === null ? null : listed);

  // One bundled year: every budget is of that year (or names none), so no quote is asked about its year.
  expect(result.kind).not.toBe("otherYear");
  if (result.kind === "confirmUpdate" || result.kind === "sheetNotOurs" || result.kind === "blocked" || result.kind === "adopt" || result.kind === "otherYear") {
    tally[result.kind === "blocked" ? "blocked" : result.kind === "sheetNotOurs" ? "notOurs" : "asked"]++;
    expect(cellChanges(before, after)).toEqual([]);
    expect(after.tables).toEqual(before.tables);
    expect(after.sheets.map((x) => x.customProperties)).toEqual(before.sheets.map((x) => x.customProperties));
    if (result.kind === "blocked") expect(result.message.length).toBeGreaterThan(30);
    // A sheet bearing our name but not our mark is the user's: never ours by its look.
    if (s.budget.kind === "lookalikeFirstQuote" && sameName(s.sheetName, BUDGET_SHEET)) expect(result.kind).toBe("sheetNotOurs");
    return;
  }
  if (s.budget.kind === "ours" && !s.budget.marked && result.kind === "plan") tally.adopted++;

  // Overwrites: only the site's own row after a confirmed update, or the totals row that moves down.
  const old = tableRange(before);
  const totalsRow = old ? old.range.start.row + old.range.rows - 1 : -1;
  const siteRow = old ? existingRowOf(before, old, s.quote.site) : -1;
  if (result.kind === "plan" && result.action === "updated") expect(result.row - 1).toBe(siteRow);
  for (const row of overwritten.keys()) {
    const allowed = row === totalsRow || (row === siteRow && asked !== null);
    if (!allowed) throw new Error(`row ${row + 1} overwritten without confirmation (result ${JSON.stringify(result).slice(0, 300)})`);
  }

  if (result.kind === "failed") {
    tally.failed++;
    expect(result.failure.remedy.length).toBeGreaterThan(10);
    if (JSON.stringify(after) !== JSON.stringify(before)) tally.partial++;
    // Whether nothing or part of the request was applied, adding again (answering yes) ends with the cells and
    // marks of an uninterrupted add, and no sheet left over.
    const again = await paneAdd(s.quote, options, true);
    const twin = use(build(s, evaluator));
    const clean = await paneAdd(s.quote, options, true);
    expect(again.result.kind).toBe(clean.result.kind);
    expect(contentOf(book.snapshot())).toEqual(contentOf(twin.snapshot()));
    use(book);
    return;
  }

  tally[result.action]++;
  // Every cell listed as written anew did change (nothing listed that does not happen).
  const changed = new Set(cellChanges(before, after).map((c) => key(c.sheet, c.address)));
  for (const cell of listed) expect({ cell, changed: changed.has(cell) }).toEqual({ cell, changed: true });
  // The site's cell holds exactly the typed name, as text, whatever Excel would make of it as typing.
  const ours = tableRange(after)!;
  const siteCell = after.sheets.find((x) => x.name === ours.sheet)!.cells[`${columnLetters(ours.range.start.column)}${result.row}`];
  expect(siteCell?.input).toBe(s.quote.site.trim());
  // The same quote again: it asks before touching the row, its question lists nothing, and confirming changes nothing.
  const done = book.snapshot();
  const again = await addQuoteToBudget(s.quote, { ...options, confirmUpdate: false });
  expect(again.kind).toBe("confirmUpdate");
  // Nothing is written anew; with formulas computed (not the light evaluator's #N/A), no value changes either.
  const listedAgain = again.kind === "confirmUpdate" ? (again.changes ?? []) : [];
  expect(evaluator === undefined ? listedAgain : listedAgain.filter((c) => c.rewrites)).toEqual([]);
  expect(book.snapshot()).toEqual(done);
  const confirmed = await addQuoteToBudget(s.quote, { ...options, confirmUpdate: true, ...(again.kind === "confirmUpdate" ? { confirmed: again.token } : {}) });
  expect(confirmed).toMatchObject({ kind: "plan", action: "updated" });
  expect({ ...book.snapshot(), activeSheet: "" }).toEqual({ ...done, activeSheet: "" });
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

describe("quote writer data safety", () => {
  afterAll(() => console.info(`quote safety: ${JSON.stringify(tally)}`));

  test(`${WORKBOOKS} random workbooks and quotes: only the ITS Budget table changes, updates are confirmed, repeats change nothing, failures recover`, async () => {
    await fc.assert(fc.asyncProperty(scenario, (s) => checkScenario(s, lightEvaluator)), { numRuns: WORKBOOKS });
  }, 300_000);

  test("Excel failing at each action of a first quote, an added site or a confirmed update: nothing unowned changes", async () => {
    for (const c of [firstQuote, addCase, updateCase, legacyAddCase]) await safetySweep(c);
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
  await paneAdd(c.quote, { sheetName: c.sheetName, formulas: c.formulas }, true);
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
  const options = { sheetName: c.sheetName, formulas: c.formulas };
  const actions = await actionsOf(c);
  const twin = use(build({ ...c, failure: null }, lightEvaluator));
  await paneAdd(c.quote, options, true);
  const diverging: number[] = [];
  for (let at = 1; at <= actions; at++) {
    const book = use(build({ ...c, failure: null }, lightEvaluator));
    actionHooks.failInsideRequest(at);
    await paneAdd(c.quote, options, c.confirmUpdate);
    actionHooks.disarm();
    await paneAdd(c.quote, options, true);
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
    marked: true,
    markYear: true,
    unnamedYears: false,
    // The user's column inside the table, with a total of theirs that moves down with the totals row.
    userColumns: [{ header: "Approved", body: [1000, "=2*3"], total: "=SUBTOTAL(109,[Approved])" }],
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
/** The same table made by an earlier version (no mark): adopted when the user agrees, then the site is added. */
const legacyAddCase = { ...addCase, budget: { ...existingTable.budget, marked: false } } as const;

/**
 * Excel applies the actions of a failed request that came before the failure. Adding a site grows the table and
 * writes its row; a first quote adds the sheet, its cells and the table that marks it as ours. Wherever Excel fails
 * in those requests, adding again (confirming what it asks) must end exactly as an uninterrupted add.
 */
test("after Excel fails at any action of adding a site (the user's totals moving down too), adding again ends as an uninterrupted add", async () => {
  expect(await divergingAfterFailure(addCase)).toEqual([]);
  expect(await divergingAfterFailure(legacyAddCase)).toEqual([]);
}, 60_000);

test("after Excel fails at any action of a first quote, adding again makes the same ITS Budget sheet", async () => {
  expect(await divergingAfterFailure(firstQuote)).toEqual([]);
}, 60_000);

/**
 * Excel failing at a pair of actions: at the i-th action of an add, and again at the j-th action of the add that
 * follows. A third add (answering yes) must still end as one uninterrupted add, with no sheet left over.
 */
async function divergingAfterTwoFailures(c: Omit<Scenario, "failure">): Promise<string[]> {
  const options = { sheetName: c.sheetName, formulas: c.formulas };
  const actions = await actionsOf(c);
  const twin = use(build({ ...c, failure: null }, lightEvaluator));
  await paneAdd(c.quote, options, true);
  const expected = JSON.stringify(contentOf(twin.snapshot()));
  const diverging: string[] = [];
  for (let i = 1; i <= actions; i++) {
    for (let j = 1; j <= actions; j++) {
      const book = use(build({ ...c, failure: null }, lightEvaluator));
      actionHooks.failInsideRequest(i);
      await paneAdd(c.quote, options, true);
      actionHooks.failInsideRequest(j);
      await paneAdd(c.quote, options, true);
      actionHooks.disarm();
      await paneAdd(c.quote, options, true);
      if (JSON.stringify(contentOf(book.snapshot())) !== expected) diverging.push(`${i},${j}`);
    }
  }
  return diverging;
}

test("after Excel fails at any pair of actions (one in an add, one in the next), a third add ends as an uninterrupted add", async () => {
  for (const c of [firstQuote, addCase, legacyAddCase]) expect(await divergingAfterTwoFailures(c)).toEqual([]);
}, 120_000);
