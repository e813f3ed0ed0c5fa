/**
 * Data safety of the bulk fill, run as the pane runs it (Read sites, then src/workbook/fill/session.ts), on randomized pre-filled workbooks (other columns, formulas, number formats,
 * tables with totals rows, summary rows, hostile site names, other sheets, earlier fills with and without the
 * fill's mark, user sheets named like the fill's with their charts, selections next to data) run through the real
 * Excel-side code (src/workbook/excel/fill.ts) on the Excel emulation:
 * - every cell that changes is in the list the confirmation shows (changedCells of the very plan written), except a
 *   number format on a cell of the fill's own columns whose content stays; no other table, chart or frozen pane
 *   changes, and a user's sheet named like the fill's is kept byte for byte;
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
  type FillMode,
  type FillPlan,
  type FillSource,
  RATES_ROLE,
  SUMMARY_CHART,
  SUMMARY_ROLE,
  SUMMARY_SHEET,
  changedCells,
  costHeader,
  detectColumns,
  filledSheetMark,
  ownSheetMark,
  ownsFillColumn,
  ratesSheetName,
} from "../../src/workbook/fill";
import { MARK_KEY, parseMark, serializeMark } from "../../src/workbook/ownership";
import { runFill } from "../../src/workbook/fill/session";
import { actionHooks, lightEvaluator } from "./emulationHooks";
import { cellChanges, inRange } from "./workbookDiff";


const rates = CURRENT_RATES;
const RATES_SHEET = ratesSheetName(rates);
const OUR_HEADERS = [DAYS_HEADER, ...rates.options.map((o) => costHeader(o.number, rates))];
/** Workbooks per run: most with a light formula evaluator, some with HyperFormula (the preview's engine). */
const WORKBOOKS = 960;
const WITH_HYPERFORMULA = 40;


// ---- Random pre-filled workbooks ----
type Cell = string | number | boolean | null;

const enrollmentCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 1500 }) },
  { weight: 1, arbitrary: fc.constantFrom<Cell>(null, "", "n/a", -5, "1,024", " 523 ", 200.5, true, "=100+23", "=B2") },
);
const otherCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }),
  fc.constantFrom<Cell>(null, "", "keep me", "=1+1", "=SUM(1,2)", "TRUE", 0, "'0123", "=NOW()>0", "Full Year cost", "2025-07-01", "'=HYPERLINK(\"x\")"),
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
  /** The data sheet's mark names the earlier columns (an earlier fill wrote them); else they are a user's. */
  earlierMarked: boolean;
  /** A site name a user may well have: a formula's text, leading zeros, a date, 32,767 characters. */
  hostileSite: Cell;
  /** A user's column right of the data that the selection leaves out (a selection next to data). */
  selectNarrow: boolean;
  /** The fill's sheets as an earlier fill left them (marked) or the user's sheets of those names, with a user chart. */
  ownSheetsMarked: boolean;
  userChart: boolean;
  /** The last data row is a total (label "Total", a SUM of the enrollments above). */
  totalRow: boolean;
  /** Two areas selected (Ctrl+click): the selection scope must refuse, writing nothing. */
  multiArea: boolean;
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
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("action" as const), at: fc.integer({ min: 1, max: 120 }) }) },
    ),
    confirm: fc.boolean(),
    earlierMarked: fc.boolean(),
    hostileSite: fc.constantFrom<Cell>("=1+1", "'=SUM(A1)", "00123", "'0042", "2025-07-01", 45000, "x".repeat(32767), "School, \"Quoted\"; 'x'"),
    selectNarrow: fc.boolean(),
    ownSheetsMarked: fc.boolean(),
    userChart: fc.boolean(),
    totalRow: fc.boolean(),
    multiArea: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
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
      earlierMarked: r.earlierMarked,
      hostileSite: r.hostileSite,
      selectNarrow: r.selectNarrow,
      ownSheetsMarked: r.ownSheetsMarked,
      userChart: r.userChart,
      totalRow: r.totalRow,
      multiArea: r.multiArea,
    };
  });

/** The data region (header + rows, plus earlier fill columns) and the workbook holding it. */
function build(s: Scenario, evaluator?: FormulaEvaluator): { book: EmulatedWorkbook; data: RangeRef; tableName: string | null } {
  const width = s.headers.length + s.earlier.length;
  const grid: Cell[][] = Array.from({ length: s.origin.row + 1 + s.rows.length + 3 }, () => Array<Cell>(s.origin.column + width + 2).fill(null));
  const put = (r: number, c: number, v: Cell) => (grid[s.origin.row + r][s.origin.column + c] = v);
  s.headers.forEach((h, c) => put(0, c, h));
  s.rows.forEach((row, r) => row.forEach((v, c) => put(r + 1, c, v)));
  const siteColumn = s.enrollmentColumn === 0 ? 1 : 0;
  if (s.rows.length > 0) put(1, siteColumn, s.hostileSite);
  if (s.totalRow && s.rows.length > 2) {
    const column = columnLetters(s.origin.column + s.enrollmentColumn);
    put(s.rows.length, siteColumn, "Total");
    put(s.rows.length, s.enrollmentColumn, `=SUM(${column}${s.origin.row + 2}:${column}${s.origin.row + s.rows.length})`);
  }
  s.earlier.forEach((e, k) => {
    put(0, s.headers.length + k, e.header);
    e.cells.forEach((v, r) => put(r + 1, s.headers.length + k, v));
  });
  const data: RangeRef = { start: s.origin, rows: s.rows.length + 1, columns: width };
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
  const customProperties: { sheet: string; key: string; value: string }[] = [];
  if (s.earlierMarked && s.earlier.length > 0) {
    const columns = s.earlier.map((e, k) => ({ header: e.header, column: s.origin.column + s.headers.length + k }));
    customProperties.push({ sheet: s.sheet, key: MARK_KEY, value: serializeMark(filledSheetMark(null, columns)) });
  }
  if (s.ownSheetsMarked) {
    if (s.otherSheets.summary) customProperties.push({ sheet: SUMMARY_SHEET, key: MARK_KEY, value: serializeMark(ownSheetMark(SUMMARY_ROLE, [SUMMARY_CHART])) });
    if (s.otherSheets.rates) customProperties.push({ sheet: RATES_SHEET, key: MARK_KEY, value: serializeMark(ownSheetMark(RATES_ROLE, [])) });
  }
  // A selection next to data: the user's last column is left out of it (the fill must not write over it).
  const selected = s.selectNarrow && s.headers.length > 2 && s.earlier.length === 0 ? { ...data, columns: s.headers.length - 1 } : data;
  const book = createWorkbook({
    ...(evaluator ? { evaluator } : {}),
    sheets,
    activeSheet: s.sheet,
    selection: rangeAddress(selected),
    customProperties,
    tables,
    numberFormats: s.formats.map((f) => ({ sheet: s.sheet, address: `${columnLetters(f.column)}${f.row + 1}`, format: f.format })),
  });
  if (s.multiArea) book.select(s.sheet, `${rangeAddress(selected)}, ${columnLetters(s.origin.column + width + 3)}1`);
  return { book, data, tableName };
}

/** The user selects `address` ("'Sheet'!A1:B2") again. */
async function reselect(address: string): Promise<void> {
  const [sheet, range] = [address.slice(0, address.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'"), address.slice(address.lastIndexOf("!") + 1)];
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(range).select();
    await context.sync();
  });
}

/** A user's chart on the sheet named like the fill's summary (its own or, when marked, one the user added). */
async function addUserChart(): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(SUMMARY_SHEET);
    const chart = sheet.charts.add(Excel.ChartType.pie, sheet.getRange("A1:B2"));
    chart.name = "Budget by region";
    chart.title.text = "Mine";
    await context.sync();
  });
}

interface Attempt {
  plan: FillPlan | null;
  /** The cells the confirmation lists: changedCells of the plan written (sheet!row,column keys). */
  listed: Set<string>;
  written: Awaited<ReturnType<typeof writeFill>> | null;
}

const cellKey = (sheet: string, row: number, column: number) => `${sheet}!${row},${column}`;

/** What the pane does: read, plan, ask when plan.changes > 0, write only after a yes. */
async function fill(s: Scenario, scope: FillScope, confirm: boolean): Promise<Attempt> {
  const none = new Set<string>();
  // "Read sites", then the pane's own protocol (src/workbook/fill/session.ts): Fill, and "Replace and fill" on a yes.
  const shown = await readFillSource(scope);
  if (shown.kind !== "read") return { plan: null, listed: none, written: null };
  const detected = detectColumns(shown.source.values[0], rates);
  const choice = { enrollmentColumn: detected.enrollment ?? s.enrollmentColumn, siteColumn: detected.site, options: s.options, mode: s.mode };
  const run = (confirmed: FillPlan | null) => runFill({ read: readFillSource, write: writeFill }, scope, shown.source, choice, confirmed, rates, {}, s.blockBytes);
  let outcome = await run(null);
  if (outcome.kind === "confirm") {
    if (!confirm) return { plan: outcome.plan, listed: listOf(outcome.fresh, outcome.plan), written: null };
    outcome = await run(outcome.plan);
  }
  if (outcome.kind === "written") return { plan: outcome.plan, listed: listOf(outcome.fresh, outcome.plan), written: outcome.result };
  if (outcome.kind === "upToDate" || outcome.kind === "confirm") return { plan: outcome.plan, listed: none, written: null };
  return { plan: null, listed: none, written: null };
}

/** The cells the confirmation lists for `plan`, checked against its counts. */
function listOf(source: FillSource, plan: FillPlan): Set<string> {
  const listed = new Set(changedCells(source, plan).map((c) => cellKey(c.sheet, c.row, c.column)));
  expect(listed.size).toBe(plan.changes + plan.additions);
  return listed;
}

/**
 * Every change from `before` to `after` must be listed in the confirmation of a plan written (`attempts`), or be
 * a number format on a cell of that plan's own columns (data rows) or own sheets whose content stays; returns the
 * cells it overwrote. Tables: only the data's table may grow, to the right; charts change only on the fill's own
 * summary sheet; a user's sheet named like the fill's stays byte for byte.
 */
function expectOnlyListedChanges(before: WorkbookSnapshot, after: WorkbookSnapshot, attempts: readonly Attempt[], tableName: string | null, headerRow: number): number {
  const written = attempts.filter((a) => a.written && a.plan);
  const ownColumn = (sheet: string, row: number, column: number) =>
    written.some(({ plan }) => {
      const { region } = plan!;
      const onOwnSheet = [plan!.summarySheet, plan!.ratesSheet].some((o) => o?.name === sheet);
      const inColumns = sheet === plan!.sheet && inRange({ ...region, columns: 16384, start: { row: region.start.row, column: 0 } }, row, column) && plan!.targets.some((t) => region.start.column + t.column === column);
      return onOwnSheet || inColumns;
    });
  // Placement: a cell holding something is replaced only in a column the fill owned before (the data sheet's mark
  // names it and its header is there) or on a sheet the fill made (its mark); never a user's cell, listed or not.
  const sheetBefore = (name: string) => before.sheets.find((x) => x.name === name);
  const markBefore = (name: string) => parseMark(sheetBefore(name)?.customProperties[MARK_KEY] ?? null);
  const ownedBefore = (sheet: string, column: number) => {
    const role = markBefore(sheet)?.role;
    if (role === SUMMARY_ROLE || role === RATES_ROLE) return true;
    const header = sheetBefore(sheet)?.cells[`${columnLetters(column)}${headerRow + 1}`]?.input;
    return ownsFillColumn(markBefore(sheet), typeof header === "string" ? header : undefined, column);
  };
  let overwrote = 0;
  for (const change of cellChanges(before, after)) {
    if (change.overwrote && !ownedBefore(change.sheet, change.column)) throw new Error(`a user's cell was overwritten: ${JSON.stringify(change).slice(0, 400)}`);
    const listed = written.some((a) => a.listed.has(cellKey(change.sheet, change.row, change.column)));
    const formatOnly = (change.before?.input ?? "") === (change.after?.input ?? "");
    if (!listed && !(formatOnly && ownColumn(change.sheet, change.row, change.column))) throw new Error(`unlisted cell changed: ${JSON.stringify(change).slice(0, 400)}`);
    if (change.overwrote) overwrote++;
  }
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
  const ownSummary = written.map((a) => a.plan!.summarySheet).filter((o) => o.ours || o.existing).map((o) => o.name);
  for (const sheet of before.sheets) {
    const now = after.sheets.find((x) => x.name === sheet.name)!;
    expect([now.frozenRows, now.frozenColumns]).toEqual([sheet.frozenRows, sheet.frozenColumns]);
    if (!ownSummary.includes(sheet.name)) expect([sheet.name, now.charts]).toEqual([sheet.name, sheet.charts]);
    // A user's sheet named like the fill's (no mark of the fill's, not empty): byte for byte.
    if ((sheet.name === SUMMARY_SHEET || sheet.name === RATES_SHEET) && !written.some((a) => [a.plan!.summarySheet, a.plan!.ratesSheet].some((o) => o?.name === sheet.name))) {
      expect(now).toEqual(sheet);
    }
  }
  return overwrote;
}

const scopeOf = (s: Scenario): FillScope => (s.scope === "table" ? { kind: "table", name: "Sites" } : { kind: s.scope });

const tally = { workbooks: 0, written: 0, declined: 0, refused: 0, overwrites: 0, listedCells: 0, failures: 0, partial: 0, userSheetsKept: 0, beside: 0, multiArea: 0, totalRows: 0 };

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  installEmulatedOffice(globalThis, book);
  return book;
}

async function checkScenario(s: Scenario, evaluator: FormulaEvaluator | undefined): Promise<void> {
  tally.workbooks++;
  actionHooks.disarm();
  const { book, tableName } = build(s, evaluator);
  use(book);
  if (s.userChart && s.otherSheets.summary) await addUserChart();
  const before = book.snapshot();
  const selection = before.selection;

  if (s.failure?.kind === "request") book.instrumentation.failRequest(s.failure.at);
  if (s.failure?.kind === "action") actionHooks.failInsideRequest(s.failure.at);
  const first = await fill(s, scopeOf(s), s.confirm);
  const failed = book.instrumentation.requests.some((r) => r.error) || (s.failure?.kind === "action" && actionHooks.fired());
  actionHooks.disarm();
  book.instrumentation.reset(); // drops a planned failure the first attempt never reached
  const afterFirst = book.snapshot();
  const twin = use(build(s, evaluator).book);
  if (s.userChart && s.otherSheets.summary) await addUserChart();
  await fill(s, scopeOf(s), true);
  const completed = twin.snapshot();
  use(book);
  const overwrote = expectOnlyListedChanges(before, afterFirst, [first], tableName, s.origin.row);
  tally.listedCells += first.written ? first.listed.size : 0;
  if (first.plan?.summarySheet.nameTaken) tally.userSheetsKept++;
  if (s.multiArea && s.scope === "selection") tally.multiArea++;
  if (first.plan && first.plan.preview.totalRows.length > 0) tally.totalRows++;
  if (first.plan?.targets.some((t) => t.added && t.column > first.plan!.region.columns)) tally.beside++;

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
    const again = await fill(s, scopeOf(s), true);
    // Done, or already up to date when Excel stopped only the selecting of the results (the last action).
    expect(again.written?.kind ?? (again.plan?.blocks.length === 0 ? "upToDate" : "not written")).toMatch(/^(done|upToDate)$/);
    expectOnlyListedChanges(before, book.snapshot(), [first, again], tableName, s.origin.row);
    expect(book.snapshot().sheets).toEqual(completed.sheets);
  } else {
    expect(first.written.kind).toBe("done");
    // Exactly the non-empty cells the user was asked about were overwritten.
    expect(overwrote).toBe(plan.changes);
    tally.written++;
    tally.overwrites += overwrote;
  }

  // A second identical run plans nothing and changes nothing (the fill selected its columns: the user selects the
  // sites again first).
  await reselect(selection);
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
/** A small workbook for the failure sweeps: three sites, two options, portable formulas, a summary and its chart. */
const sweepScenario: Scenario = {
  sheet: "Sites",
  origin: { row: 0, column: 0 },
  headers: ["Site", "Enrollment"],
  enrollmentColumn: 1,
  rows: [["A", 150], ["B", 523], ["C", 900]],
  earlier: [],
  earlierMarked: false,
  hostileSite: "A",
  selectNarrow: false,
  ownSheetsMarked: false,
  userChart: false,
  totalRow: false,
  multiArea: false,
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

test("after Excel fails at any action of a fill, filling again restores cells, formats, bold headers and the chart", async () => {
  const s = sweepScenario;
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

/**
 * Excel failing at a pair of actions: at the i-th action of a fill and again at the j-th action of the fill that
 * retries it. A third fill must still end exactly as an uninterrupted fill. The same workbook as above, every pair.
 */
test("after Excel fails at any pair of actions (one in a fill, one in its retry), a third fill ends as an uninterrupted fill", async () => {
  const s = sweepScenario;
  const twin = use(build(s, lightEvaluator).book);
  actionHooks.countFromNow();
  await fill(s, scopeOf(s), true);
  const actions = actionHooks.count();
  const diverging: string[] = [];
  for (let first = 1; first <= actions; first++) {
    for (let second = 1; second <= actions; second++) {
      const book = use(build(s, lightEvaluator).book);
      actionHooks.failInsideRequest(first);
      await fill(s, scopeOf(s), true);
      actionHooks.disarm();
      actionHooks.failInsideRequest(second);
      await fill(s, scopeOf(s), true);
      actionHooks.disarm();
      await fill(s, scopeOf(s), true);
      if (JSON.stringify(book.snapshot().sheets) !== JSON.stringify(twin.snapshot().sheets)) diverging.push(`${first}+${second}`);
    }
  }
  expect(diverging).toEqual([]);
}, 240_000);
