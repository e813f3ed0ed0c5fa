/**
 * Data safety of the bulk fill, on randomized pre-filled workbooks (other columns, formulas, number formats,
 * tables, other sheets, earlier fills, look-alike sheets) run through the real Excel-side code
 * (src/workbook/excel/fill.ts) on the Excel emulation:
 * - no cell outside what the fill owns ever changes (its columns' cells in the data rows, its rates and
 *   summary sheets), nor another table, chart or frozen pane;
 * - every non-empty cell it overwrites was counted in plan.changes, the number the user must confirm;
 * - a second identical run plans nothing and changes nothing;
 * - Excel failing at any request, or at any action inside one, breaks none of the above, the writer reports
 *   the failure, and filling again ends exactly where an uninterrupted fill ends.
 * Reproduce a failure with FUZZ_SEED=<seed>.
 */
import fc from "fast-check";
import { CURRENT_RATES, type OptionNumber } from "../../src/core";
import { type EmulatedWorkbook, type FormulaEvaluator, type WorkbookSnapshot, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { columnLetters, parseRange, rangeAddress, type RangeRef } from "../../src/workbook/address";
import { type FillScope, readFillSource, writeFill } from "../../src/workbook/excel/fill";
import {
  DAYS_HEADER,
  FillError,
  type FillMode,
  type FillPlan,
  OWN_SHEET_AREA,
  SUMMARY_SHEET,
  costHeader,
  detectColumns,
  planFill,
  ratesSheetName,
} from "../../src/workbook/fill";
import { actionHooks, lightEvaluator } from "./emulationHooks";
import { cellChanges, inRange } from "./workbookDiff";


const rates = CURRENT_RATES;
const RATES_SHEET = ratesSheetName(rates);
const OWN_AREA = parseRange(OWN_SHEET_AREA);
const OUR_HEADERS = [DAYS_HEADER, ...rates.options.map((o) => costHeader(o.number, rates))];
/** Workbooks per run: most with a light formula evaluator, some with HyperFormula (the preview's engine). */
const WORKBOOKS = 500;
const WITH_HYPERFORMULA = 40;


// ---- Random pre-filled workbooks ----
type Cell = string | number | boolean | null;

const enrollmentCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 1500 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, "", "n/a", -5, "1,024", " 523 ", 200.5, true, "=100+23", "=B2") },
);
const otherCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom<Cell>(null, "", "keep me", "=1+1", "=SUM(1,2)", "TRUE", 0, "'0123", "=NOW()>0", "Full Year cost"),
  fc.string({ maxLength: 8 }),
);

interface Scenario {
  sheet: string;
  origin: { row: number; column: number };
  headers: string[];
  enrollmentColumn: number;
  rows: Cell[][];
  /** Earlier fill columns (or look-alikes typed by a user) right of the data, with their contents. */
  earlier: { header: string; cells: Cell[] }[];
  table: null | { totals: boolean; beside: Cell[] };
  formats: { row: number; column: number; format: string }[];
  otherSheets: { budget: boolean; summary: Cell[][] | null; rates: Cell[][] | null };
  scope: FillScope["kind"];
  options: OptionNumber[];
  mode: FillMode;
  blockBytes: number;
  failure: null | { kind: "request"; at: number } | { kind: "action"; at: number };
  confirm: boolean;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    sheet: fc.constantFrom("Sites", "Region North", "O'Brien sites", "Budget 2025-26"),
    origin: fc.record({ row: fc.integer({ min: 0, max: 3 }), column: fc.integer({ min: 0, max: 2 }) }),
    enrollmentHeader: fc.constantFrom("Enrollment", "Total Enrollment", "Students", "Norm Enrollment", "enrollment "),
    otherHeaders: fc.uniqueArray(fc.constantFrom("Budget", "Notes", "Region", "Principal", "Code", "Recommended"), { maxLength: 3 }),
    enrollmentAt: fc.nat(),
    rowCount: fc.integer({ min: 1, max: 25 }),
    seed: fc.array(fc.tuple(enrollmentCell, fc.array(otherCell, { minLength: 4, maxLength: 4 })), { minLength: 25, maxLength: 25 }),
    earlier: fc.subarray(OUR_HEADERS.concat("full year COST")).chain((headers) =>
      fc.tuple(...headers.map((h) => fc.array(fc.oneof(otherCell, fc.integer({ min: 0, max: 5 })), { minLength: 26, maxLength: 26 }).map((cells) => ({ header: h, cells })))),
    ),
    table: fc.option(fc.record({ totals: fc.boolean(), beside: fc.array(otherCell, { minLength: 27, maxLength: 27 }) })),
    formats: fc.array(fc.record({ row: fc.integer({ min: 0, max: 30 }), column: fc.integer({ min: 0, max: 12 }), format: fc.constantFrom("0.00", "@", "$#,##0", "0%") }), { maxLength: 5 }),
    otherSheets: fc.record({
      budget: fc.boolean(),
      summary: fc.option(fc.array(fc.array(otherCell, { maxLength: 6 }), { maxLength: 12 }), { freq: 4 }),
      rates: fc.option(fc.array(fc.array(otherCell, { maxLength: 5 }), { maxLength: 12 }), { freq: 4 }),
    }),
    scope: fc.constantFrom<FillScope["kind"]>("usedRange", "selection", "table"),
    options: fc.subarray<OptionNumber>([1, 2, 3], { minLength: 1 }).chain((o) => fc.shuffledSubarray(o, { minLength: o.length })),
    mode: fc.constantFrom<FillMode>("live", "portable", "values"),
    blockBytes: fc.oneof(fc.constant(4_000_000), fc.integer({ min: 150, max: 3000 })),
    failure: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("request" as const), at: fc.integer({ min: 1, max: 8 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("action" as const), at: fc.integer({ min: 1, max: 60 }) }) },
    ),
    confirm: fc.boolean(),
  })
  .map((r): Scenario => {
    const headers = ["Site", ...r.otherHeaders];
    const enrollmentColumn = r.enrollmentAt % (headers.length + 1);
    headers.splice(enrollmentColumn, 0, r.enrollmentHeader);
    const rows = r.seed.slice(0, r.rowCount).map(([enrollment, others], i) =>
      headers.map((_, c) => (c === enrollmentColumn ? enrollment : c === (enrollmentColumn === 0 ? 1 : 0) ? `School ${i + 1}` : others[c % others.length])),
    );
    return {
      sheet: r.sheet,
      origin: r.origin,
      headers,
      enrollmentColumn,
      rows,
      earlier: r.earlier.map((e) => ({ header: e.header, cells: e.cells.slice(0, r.rowCount) })),
      table: r.scope === "table" ? (r.table ?? { totals: false, beside: [] }) : r.table,
      formats: r.formats,
      otherSheets: r.otherSheets,
      scope: r.scope,
      options: r.options,
      mode: r.mode,
      blockBytes: r.blockBytes,
      failure: r.failure,
      confirm: r.confirm,
    };
  });

/** The data region (header + rows, plus earlier fill columns) and the workbook holding it. */
function build(s: Scenario, evaluator?: FormulaEvaluator): { book: EmulatedWorkbook; data: RangeRef; tableName: string | null } {
  const width = s.headers.length + s.earlier.length;
  const grid: Cell[][] = Array.from({ length: s.origin.row + 1 + s.rows.length + 3 }, () => Array<Cell>(s.origin.column + width + 2).fill(null));
  const put = (r: number, c: number, v: Cell) => (grid[s.origin.row + r][s.origin.column + c] = v);
  s.headers.forEach((h, c) => put(0, c, h));
  s.rows.forEach((row, r) => row.forEach((v, c) => put(r + 1, c, v)));
  s.earlier.forEach((e, k) => {
    put(0, s.headers.length + k, e.header);
    e.cells.forEach((v, r) => put(r + 1, s.headers.length + k, v));
  });
  const data: RangeRef = { start: s.origin, rows: s.rows.length + 1, columns: width };
  const dataAddress = rangeAddress(data);
  const tables: { name: string; sheet: string; address: string; showTotals?: boolean }[] = [];
  let tableName: string | null = null;
  if (s.table) {
    tableName = "Sites";
    const rows = data.rows + (s.table.totals ? 1 : 0);
    if (s.table.totals) grid[s.origin.row + data.rows].fill(null);
    tables.push({ name: tableName, sheet: s.sheet, address: rangeAddress({ ...data, rows }), showTotals: s.table.totals });
    // A user's column right beside the table: the fill must count any cell it would overwrite there.
    s.table.beside.slice(0, data.rows).forEach((v, r) => (grid[s.origin.row + r][s.origin.column + width] = v));
  }
  const sheets: Record<string, Cell[][]> = { [s.sheet]: grid };
  if (s.otherSheets.budget) {
    const ref = (c: number) => `'${s.sheet.replace(/'/g, "''")}'!${columnLetters(s.origin.column + c)}${s.origin.row + 2}`;
    sheets["Budget"] = [["Total", `=SUM(${ref(s.enrollmentColumn)},1)`], ["First site", `=${ref(0)}`]];
    tables.push({ name: "BudgetLines", sheet: "Budget", address: "A1:B2" });
  }
  if (s.otherSheets.summary) sheets[SUMMARY_SHEET] = s.otherSheets.summary;
  if (s.otherSheets.rates) sheets[RATES_SHEET] = s.otherSheets.rates;
  const book = createWorkbook({
    ...(evaluator ? { evaluator } : {}),
    sheets,
    activeSheet: s.sheet,
    selection: dataAddress,
    tables,
    numberFormats: s.formats.map((f) => ({ sheet: s.sheet, address: `${columnLetters(f.column)}${f.row + 1}`, format: f.format })),
  });
  return { book, data, tableName };
}

interface Attempt {
  plan: FillPlan | null;
  written: Awaited<ReturnType<typeof writeFill>> | null;
}

/** What the pane does: read, plan, ask when plan.changes > 0, write only after a yes. */
async function fill(s: Scenario, scope: FillScope, confirm: boolean): Promise<Attempt> {
  const read = await readFillSource(scope);
  if (read.kind !== "read") return { plan: null, written: null };
  const detected = detectColumns(read.source.values[0], rates);
  let plan: FillPlan;
  try {
    plan = planFill(read.source, { enrollmentColumn: detected.enrollment ?? s.enrollmentColumn, siteColumn: detected.site, options: s.options, mode: s.mode }, rates, s.blockBytes);
  } catch (error) {
    if (error instanceof FillError) return { plan: null, written: null };
    throw error;
  }
  if (plan.changes > 0 && !confirm) return { plan, written: null };
  return { plan, written: await writeFill(plan) };
}

/**
 * Every change from `before` to `after` must be one the fill owns; returns the cells it overwrote. The fill owns,
 * on the data sheet, the data rows of the columns that carry one of its headers once a fill has completed
 * (`completed`: the same workbook filled without failure), and the cells of its rates and summary sheets.
 */
function expectOnlyOwnedChanges(before: WorkbookSnapshot, after: WorkbookSnapshot, completed: WorkbookSnapshot, s: Scenario, data: RangeRef, tableName: string | null): number {
  const dataSheet = completed.sheets.find((x) => x.name === s.sheet)!;
  const headerOf = (column: number) => String(dataSheet.cells[`${columnLetters(column)}${data.start.row + 1}`]?.input ?? "");
  const ours = (h: string) => OUR_HEADERS.some((o) => o.toLowerCase().replace(/[^a-z0-9]/g, "") === h.toLowerCase().replace(/[^a-z0-9]/g, ""));
  const rows: RangeRef = { start: { row: data.start.row, column: 0 }, rows: data.rows, columns: 16384 };
  let overwrote = 0;
  for (const change of cellChanges(before, after)) {
    const owned =
      (change.sheet === s.sheet && inRange(rows, change.row, change.column) && change.column >= data.start.column && ours(headerOf(change.column))) ||
      ((change.sheet === SUMMARY_SHEET || change.sheet === RATES_SHEET) && inRange(OWN_AREA, change.row, change.column));
    if (!owned) throw new Error(`unowned cell changed: ${JSON.stringify(change)}`);
    if (change.overwrote) overwrote++;
  }
  // Tables: only ours may grow, and only to the right; charts only on the summary sheet; panes stay.
  for (const t of before.tables) {
    const now = after.tables.find((a) => a.name === t.name);
    expect(now).toBeDefined();
    if (t.name !== tableName) expect(now).toEqual(t);
    else {
      const [a, b] = [parseRange(t.address), parseRange(now!.address)];
      expect([b.start, b.rows, b.columns >= a.columns]).toEqual([a.start, a.rows, true]);
    }
  }
  expect(after.tables.length).toBe(before.tables.length);
  for (const sheet of before.sheets) {
    const now = after.sheets.find((x) => x.name === sheet.name)!;
    expect([now.frozenRows, now.frozenColumns]).toEqual([sheet.frozenRows, sheet.frozenColumns]);
    if (sheet.name !== SUMMARY_SHEET) expect(now.charts).toEqual(sheet.charts);
  }
  return overwrote;
}

const scopeOf = (s: Scenario): FillScope => (s.scope === "table" ? { kind: "table", name: "Sites" } : { kind: s.scope });

const tally = { workbooks: 0, written: 0, declined: 0, refused: 0, overwrites: 0, failures: 0, partial: 0 };

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  installEmulatedOffice(globalThis, book);
  return book;
}

async function checkScenario(s: Scenario, evaluator: FormulaEvaluator | undefined): Promise<void> {
  tally.workbooks++;
  actionHooks.disarm();
  const { book, data, tableName } = build(s, evaluator);
  use(book);
  const before = book.snapshot();

  if (s.failure?.kind === "request") book.instrumentation.failRequest(s.failure.at);
  if (s.failure?.kind === "action") actionHooks.failInsideRequest(s.failure.at);
  const first = await fill(s, scopeOf(s), s.confirm);
  const failed = book.instrumentation.requests.some((r) => r.error) || (s.failure?.kind === "action" && actionHooks.fired());
  actionHooks.disarm();
  book.instrumentation.reset(); // drops a planned failure the first attempt never reached
  const afterFirst = book.snapshot();
  const twin = use(build(s, evaluator).book);
  await fill(s, scopeOf(s), true);
  const completed = twin.snapshot();
  use(book);
  const overwrote = expectOnlyOwnedChanges(before, afterFirst, completed, s, data, tableName);

  if (!first.written) {
    // Refused, declined, or failed while reading: nothing changed.
    if (first.plan && first.plan.changes > 0) tally.declined++;
    else tally.refused++;
    if (failed) expect(cellChanges(before, afterFirst)).toEqual([]);
    else expect(afterFirst).toEqual(before);
    return;
  }
  const plan = first.plan!;
  if (first.written.kind === "failed") {
    tally.failures++;
    // The pane is told, with what to do; whatever was written is owned, and confirmed if it overwrote.
    expect(first.written.message).toMatch(/fill again/i);
    expect(overwrote).toBeLessThanOrEqual(plan.changes);
    if (cellChanges(before, afterFirst).length > 0) tally.partial++;
    // Filling again (confirming what it asks) ends as an uninterrupted fill of a twin workbook: cells, formats, charts.
    expect((await fill(s, scopeOf(s), true)).written?.kind).toBe("done");
    expect(book.snapshot().sheets).toEqual(completed.sheets);
  } else {
    expect(first.written.kind).toBe("done");
    // Exactly the non-empty cells the user was asked about were overwritten.
    expect(overwrote).toBe(plan.changes);
    tally.written++;
    tally.overwrites += overwrote;
  }

  // A second identical run plans nothing and changes nothing.
  const done = book.snapshot();
  const second = await fill(s, scopeOf(s), false);
  expect(second.plan).not.toBeNull();
  expect([second.plan!.changes, second.plan!.additions, second.plan!.blocks.length]).toEqual([0, 0, 0]);
  expect(book.snapshot()).toEqual(done);
}

describe("bulk fill data safety", () => {
  afterAll(() => console.info(`fill safety: ${JSON.stringify(tally)}`));

  test(`${WORKBOOKS} random pre-filled workbooks: only owned cells change, overwrites are confirmed, runs are idempotent, failures recover`, async () => {
    const start = tally.workbooks;
    await fc.assert(fc.asyncProperty(scenario, (s) => checkScenario(s, lightEvaluator)), { numRuns: WORKBOOKS });
    expect(tally.workbooks - start).toBe(WORKBOOKS);
  }, 300_000);

  test(`${WITH_HYPERFORMULA} more with HyperFormula computing the formulas`, async () => {
    const start = tally.workbooks;
    await fc.assert(fc.asyncProperty(scenario, (s) => checkScenario(s, undefined)), { numRuns: WITH_HYPERFORMULA });
    expect(tally.workbooks - start).toBe(WITH_HYPERFORMULA);
  }, 300_000);
});

/**
 * Excel applies the actions of a failed request that came before the failure. Wherever it fails in a fill (between
 * a block's cells and their formats, or half-way through making the summary chart), filling again must end exactly
 * as an uninterrupted fill: cells, number formats, bold headers and one named, titled, placed chart. Sweeps a
 * failure over every action of one fill.
 */
test("after Excel fails at any action of a fill, filling again restores cells, formats, bold headers and the chart", async () => {
  const s: Scenario = {
    sheet: "Sites",
    origin: { row: 0, column: 0 },
    headers: ["Site", "Enrollment"],
    enrollmentColumn: 1,
    rows: [["A", 150], ["B", 523], ["C", 900]],
    earlier: [],
    table: null,
    formats: [],
    otherSheets: { budget: false, summary: null, rates: null },
    scope: "usedRange",
    options: [1, 2],
    mode: "portable",
    blockBytes: 4_000_000,
    failure: null,
    confirm: true,
  };
  const twin = use(build(s, lightEvaluator).book);
  actionHooks.countFromNow();
  await fill(s, scopeOf(s), true);
  const actions = actionHooks.count();
  const diverging: number[] = [];
  for (let at = 1; at <= actions; at++) {
    const book = use(build(s, lightEvaluator).book);
    actionHooks.failInsideRequest(at);
    await fill(s, scopeOf(s), true);
    actionHooks.disarm();
    await fill(s, scopeOf(s), true);
    if (JSON.stringify(book.snapshot().sheets) !== JSON.stringify(twin.snapshot().sheets)) diverging.push(at);
  }
  expect(diverging).toEqual([]);
}, 60_000);
