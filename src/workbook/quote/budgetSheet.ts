/**
 * The quote planner: turns one site's quote and a snapshot of the workbook into a WorkbookPlan that
 * adds or updates that site's row of the "ITS Budget" table, or into a question for the user.
 * Pure code: the Excel side (../excel/quote.ts) reads the snapshot and applies the plan.
 */
import { type Purchase, type RateTable, adviceFor, formatDollars, optionByNumber, pricePurchase, recommendDays } from "../../core";
import { cellAddress, columnLetters, parseRange, rangeAddress, type RangeRef } from "../address";
import { type SheetMark, type TableMark, locateColumns, markSteps, ownedTable, parseMark } from "../ownership";
import { type CellInput, type PlanStep, type WorkbookPlan, plannedCells } from "../plan";
import { type YearQuestion, budgetYear, yearQuestion } from "./budgetYear";
import { BUDGET_SHEET, freeSheetName, sameText, sheetNameProblem } from "./sheetName";

export { BUDGET_SHEET, freeSheetName, sheetNameProblem };

/** Excel table names are unique in a workbook; the table is ours when its sheet's mark names it (../ownership.ts). */
export const BUDGET_TABLE = "ITSBudget";
export const BUDGET_HEADERS = [
  "Site",
  "Kind",
  "Enrollment",
  "Recommended days",
  "Days bought",
  "Option",
  "Summer Only days",
  "Annual cost",
  "Note",
] as const;
export const CURRENCY_FORMAT = "$#,##0";

type Header = (typeof BUDGET_HEADERS)[number];
const COL = Object.fromEntries(BUDGET_HEADERS.map((h, i) => [h, i])) as Record<Header, number>;
/** The table holds one fiscal year's rows: its mark records which. */
const budgetTableMark = (fiscalYear: string): TableMark => ({ name: BUDGET_TABLE, columns: [...BUDGET_HEADERS], fiscalYear });

/** The mark of the ITS Budget sheet the add-in made for a budget of `fiscalYear`: the table and its columns are ours, nothing else on the sheet. */
export const budgetSheetMark = (fiscalYear: string): SheetMark => ({ version: 1, role: "budget", madeSheet: true, tables: [budgetTableMark(fiscalYear)], columns: [], charts: [] });

/**
 * The mark of a sheet holding the ITS Budget table of `fiscalYear`: `existing` (another part of the add-in may own
 * things there too) plus the table, its year recorded. madeSheet is true also on an empty sheet the quote fills: what
 * a failure between adding a sheet and marking it leaves is such a sheet, and finishing there must end as an
 * uninterrupted first quote.
 */
function budgetMark(existing: SheetMark | null, fiscalYear: string): SheetMark {
  if (!existing) return budgetSheetMark(fiscalYear);
  const others = existing.tables.filter((t) => t !== ownedTable(existing, BUDGET_TABLE));
  return { ...existing, tables: [...others, budgetTableMark(fiscalYear)] };
}

export type SiteKind = "school" | "office";
export const KIND_LABELS: Record<SiteKind, string> = { school: "School", office: "Office / Virtual Academy" };

export interface SiteQuote {
  readonly site: string;
  readonly kind: SiteKind;
  /** Students; null for an office or Virtual Academy. */
  readonly enrollment: number | null;
  readonly purchase: Purchase;
}

/** The table named BUDGET_TABLE as the Excel side reads it. */
export interface TableRead {
  readonly sheet: string;
  /** The value of the table's sheet's ownership mark (../ownership.ts MARK_KEY), or null when it has none. */
  readonly mark: string | null;
  /** Whole table: header, data rows and (when shown) the totals row. */
  readonly address: string;
  readonly showTotals: boolean;
  /** Values of every cell of `address` (what formulas compute). */
  readonly values: readonly (readonly unknown[])[];
  /** Formulas of every cell of `address` (what was written); without them no unused last row is recognised. */
  readonly formulas?: readonly (readonly unknown[])[];
  /** Number formats of every cell of `address`, for the list of what changes. */
  readonly numberFormats?: readonly (readonly unknown[])[];
  /** Formulas of the row just below the table, across its columns: the row the table grows into. */
  readonly below: readonly unknown[];
}

/** One sheet, read when there is no table yet: its mark, and what a first quote that Excel failed half-way leaves. */
export interface SheetRead {
  readonly name: string;
  readonly mark: string | null;
  /** Address of its used range (values only), or null for a sheet without values. */
  readonly used: string | null;
  /** Formulas of A1:I3, the cells a first quote writes. */
  readonly head: readonly (readonly unknown[])[];
  /** Names of the tables on it. */
  readonly tables: readonly string[];
}

/** What the Excel side reads: the table wherever it is, or, when there is none, every sheet (see SheetRead). */
export interface BudgetSnapshot {
  readonly sheetNames: readonly string[];
  readonly table: TableRead | null;
  /** Read only when `table` is null. */
  readonly sheets?: readonly SheetRead[];
}

export interface QuoteWriteOptions {
  /** Sheet for a new table (default BUDGET_SHEET); ignored once our table exists somewhere. */
  readonly sheetName: string;
  /** Live =LAUSD.* formulas (default) or plain values. */
  readonly formulas: boolean;
  /** The user agreed to replace the site's existing row. */
  readonly confirmUpdate: boolean;
  /**
   * The `token` of the update question the user answered: when the workbook changed since, so that the update
   * would change something else, the question is asked again instead of applying what the user did not see.
   */
  readonly confirmed?: string;
  /** The user agreed that the add-in manages an ITS Budget table an earlier version made (and marks it). */
  readonly adopt?: boolean;
  /** The fiscal year to price with ("2025-26"); the newest bundled year when absent. Read by the Excel side. */
  readonly fiscalYear?: string;
  /** The year the user chose in answer to a YearQuestion. */
  readonly agreedYear?: string;
}

/**
 * One cell the plan changes (`rewrites`: its content or number format is written anew) or whose value changes
 * because cells it reads do (`rewrites` false), for the confirmation and the status: by header, old -> new.
 */
export interface ListedChange {
  readonly sheet: string;
  readonly address: string;
  /** The header of the cell's table column ("" outside a table). */
  readonly header: string;
  readonly before: string;
  readonly after: string;
  readonly rewrites: boolean;
}

export type QuotePlanOutcome =
  | {
      readonly kind: "plan";
      readonly plan: WorkbookPlan;
      readonly action: "added" | "updated";
      readonly sheet: string;
      readonly row: number;
      /** Computed from `plan` (always set by planQuote). */
      readonly changes?: readonly ListedChange[];
    }
  | {
      readonly kind: "confirmUpdate";
      readonly sheet: string;
      readonly row: number;
      readonly current: string;
      /** Exactly what the update would change, computed from the plan it would apply (always set by planQuote). */
      readonly changes?: readonly ListedChange[];
      /** Pass back as QuoteWriteOptions.confirmed. */
      readonly token?: string;
    }
  /** The budget is priced with another fiscal year (or names none): the user chooses the year first. */
  | YearQuestion
  /** The table looks exactly like one an earlier version made, but bears no mark: ask once before managing it. */
  | { readonly kind: "adopt"; readonly sheet: string; readonly table: string }
  | { readonly kind: "sheetNotOurs"; readonly sheet: string; readonly suggestedName: string }
  | { readonly kind: "blocked"; readonly message: string };

/** A site cell matches only as text: a cell Excel turned into the number 123 is not the site "00123". */
const sameSite = (cell: unknown, site: string): boolean => typeof cell === "string" && sameText(cell, site);

/**
 * User text (and our labels) as a cell input that Excel keeps as exactly that text. Excel reads a written
 * string as typing: "=", "+" and "-" start a formula, and number, percent, date and boolean text is
 * converted (Excel.Range.values reference; excel/excel-add-ins-blank-null-values.md), so "-Lincoln Annex"
 * would be #NAME?, "00123" the number 123 and "6-8" a date. A leading apostrophe is what a user types to
 * keep an entry as text; Excel stores the text without it. Always prefixed rather than only when the text
 * looks convertible: which text Excel converts depends on the locale (dates), and a rule of ours would miss
 * some. The Text number format ("@") would also work, but only until the user reformats the column.
 */
export const asText = (text: string): string => `'${text}`;
const isEmptyCell = (cell: unknown): boolean => cell === null || cell === undefined || cell === "";

/** The table's data rows as a range (no header, no totals row). */
function bodyOf(range: RangeRef, showTotals: boolean): RangeRef {
  return { start: { row: range.start.row + 1, column: range.start.column }, rows: range.rows - 1 - (showTotals ? 1 : 0), columns: range.columns };
}

/** Sheet columns of our headers, in BUDGET_HEADERS order. */
type Layout = readonly number[];

/**
 * setCells steps writing `cells` (sheet column -> input) on sheet row `row`: one step per run of adjacent columns, so
 * the user's columns between ours are never written.
 */
function rowSteps(sheet: string, row: number, cells: ReadonlyMap<number, CellInput>, rows = 1, below?: ReadonlyMap<number, CellInput>): PlanStep[] {
  const columns = [...cells.keys()].sort((a, b) => a - b);
  const steps: PlanStep[] = [];
  for (let i = 0; i < columns.length; ) {
    let j = i;
    while (j + 1 < columns.length && columns[j + 1] === columns[j] + 1) j++;
    const run = columns.slice(i, j + 1);
    const grid = [run.map((c) => cells.get(c)!), ...(rows > 1 && below ? [run.map((c) => below.get(c) ?? "")] : [])];
    steps.push({ kind: "setCells", sheet, address: rangeAddress({ start: { row, column: run[0] }, rows: grid.length, columns: run.length }), cells: grid });
    i = j + 1;
  }
  return steps;
}

const onLayout = (layout: Layout, inputs: readonly CellInput[]): Map<number, CellInput> => new Map(layout.map((column, i) => [column, inputs[i]]));

/**
 * A site's row with its cost format, with (`totals`) our totals right under it in the same writes, on our columns
 * only: a failure leaves either both rows or neither.
 */
function siteSteps(sheet: string, row: number, layout: Layout, inputs: readonly CellInput[], totals: boolean): PlanStep[] {
  const totalsRow = totals ? onLayout(layout, totalsCells(BUDGET_HEADERS.length)) : undefined;
  return [
    ...rowSteps(sheet, row, onLayout(layout, inputs), totals ? 2 : 1, totalsRow),
    { kind: "setNumberFormat", sheet, address: rangeAddress({ start: { row, column: layout[COL["Annual cost"]] }, rows: totals ? 2 : 1, columns: 1 }), format: CURRENCY_FORMAT },
  ];
}

export function planQuote(quote: SiteQuote, snapshot: BudgetSnapshot, options: QuoteWriteOptions, rates: RateTable): QuotePlanOutcome {
  const table = snapshot.table;
  if (!table) return planNewTable(quote, snapshot, options, rates);

  const range = parseRange(table.address);
  const header = table.values[0] ?? [];
  const mark = parseMark(table.mark);
  const marked = ownedTable(mark, BUDGET_TABLE) !== null;
  // Earlier versions marked nothing: a table with exactly our headers first is offered for adoption, once.
  const legacy = !marked && range.columns >= BUDGET_HEADERS.length && BUDGET_HEADERS.every((h, i) => sameText(header[i], h));
  if (!marked && !legacy) {
    return {
      kind: "blocked",
      message:
        `The table "${BUDGET_TABLE}" on sheet "${table.sheet}" was not made by this add-in (its headers differ). ` +
        `Rename that table (Table Design > Table Name) and add the quote again.`,
    };
  }
  if (legacy && !options.adopt) return { kind: "adopt", sheet: table.sheet, table: BUDGET_TABLE };

  const { at, missing } = locateColumns(budgetTableMark(rates.fiscalYear), header);
  if (missing.length > 0) {
    return {
      kind: "blocked",
      message:
        `The ITS Budget table on "${table.sheet}" no longer has the column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}. ` +
        `Rename the column header back (or undo the deletion), then add the quote again.`,
    };
  }
  const layout: Layout = at.map((i) => range.start.column + i);
  const userColumns = Array.from({ length: range.columns }, (_, i) => i).filter((i) => !at.includes(i));
  const ours = (row: readonly unknown[] | undefined): unknown[] => at.map((i) => row?.[i]);
  const body = bodyOf(range, table.showTotals);
  const bodyRows = table.values.slice(1, 1 + body.rows);
  const found = bodyRows.findIndex((row) => sameSite(row[at[COL.Site]], quote.site));
  const wholeRows = (row: number, rows = 1) => rangeAddress({ start: { row, column: range.start.column }, rows, columns: range.columns });
  const listed = (steps: PlanStep[], row: number) => listChanges({ steps }, table, quote, row, rates);

  // One year per budget: a quote of another year is added only at the budget's year, as the user chooses.
  const year = budgetYear(ownedTable(mark, BUDGET_TABLE)?.fiscalYear ?? null, (table.formulas ?? table.values).slice(1, 1 + body.rows).map(ours), body.start.row);
  const question = yearQuestion(table.sheet, year, rates.fiscalYear, options.agreedYear);
  if (question) return question;
  // Adopting marks the sheet; a mark from before years were recorded gets the year, which from now on is the budget's.
  const marking = markSteps(table.sheet, budgetMark(mark, rates.fiscalYear), table.mark);

  if (found >= 0) {
    const row = body.start.row + found;
    const steps: PlanStep[] = [
      ...marking,
      ...siteSteps(table.sheet, row, layout, rowCellsOn(quote, row, layout, options.formulas, rates), false),
      // Our totals again (when shown): they replace Excel's defaults when a first quote failed before writing them.
      ...(table.showTotals ? siteTotalsSteps(table.sheet, body.start.row + body.rows, layout) : []),
      { kind: "activate", sheet: table.sheet },
    ];
    const changes = listed(steps, row);
    const token = JSON.stringify(changes);
    if (!options.confirmUpdate || (options.confirmed !== undefined && options.confirmed !== token)) {
      return { kind: "confirmUpdate", sheet: table.sheet, row: row + 1, current: describeRow(ours(bodyRows[found])), changes, token };
    }
    return { kind: "plan", action: "updated", sheet: table.sheet, row: row + 1, plan: { steps }, changes };
  }

  // Excel keeps the actions of a failed batch that ran before the failing one: an add that grew the table and
  // failed before writing leaves a last body row that is empty, or holds the old totals (depending on where
  // Excel keeps a resized table's totals row). That row is ours and unused: the site goes there, no growth.
  // Only our columns decide: the user's totals may still be there, or already moved down (see totalsMove).
  const lastBody = body.rows > 0 ? table.formulas?.[body.rows] : undefined;
  const lastOurs = ours(lastBody);
  const unusedLast = lastBody !== undefined && (lastBody.every(isEmptyCell) || (table.showTotals && isOurTotals(lastOurs)));
  if (unusedLast) {
    const row = body.start.row + body.rows - 1;
    const steps: PlanStep[] = [
      ...marking,
      ...totalsMove(table, userColumns, body.rows, range, row),
      ...siteSteps(table.sheet, row, layout, rowCellsOn(quote, row, layout, options.formulas, rates), table.showTotals),
      { kind: "autofitColumns", sheet: table.sheet, address: wholeRows(range.start.row, range.rows) },
      { kind: "activate", sheet: table.sheet },
    ];
    return { kind: "plan", action: "added", sheet: table.sheet, row: row + 1, plan: { steps }, changes: listed(steps, row) };
  }

  // A new row goes where the totals row (or the row below the data) is now; the table grows by one row.
  // Resize, not rows.add: rows.add inserts cells, moving the user's cells under the table down, and this
  // add-in only changes its own table. A failure between the resize and the write is recovered above.
  if (table.below.some((cell) => !isEmptyCell(cell))) {
    return {
      kind: "blocked",
      message:
        `The row below the ITS Budget table (${wholeRows(range.start.row + range.rows)} on "${table.sheet}") holds data, ` +
        `and the table needs that row to grow. Move that data elsewhere, then add the quote again.`,
    };
  }
  const row = body.start.row + body.rows;
  const steps: PlanStep[] = [
    ...marking,
    // The whole table (header, data and any totals row, as Table.getRange gives it) one row taller.
    { kind: "resizeTable", table: BUDGET_TABLE, address: rangeAddress({ start: range.start, rows: range.rows + 1, columns: range.columns }) },
    // The user's totals move down with the totals row first, each column in one write: after a failure anywhere,
    // each user column is either moved or not, and the recovery above finishes the rest.
    ...totalsMove(table, userColumns, body.rows + 1, range, row),
    ...siteSteps(table.sheet, row, layout, rowCellsOn(quote, row, layout, options.formulas, rates), table.showTotals),
    { kind: "autofitColumns", sheet: table.sheet, address: wholeRows(range.start.row, range.rows + 1) },
    { kind: "activate", sheet: table.sheet },
  ];
  return { kind: "plan", action: "added", sheet: table.sheet, row: row + 1, plan: { steps }, changes: listed(steps, row) };
}

/** Our totals on our columns of sheet row `row`, with the cost format. */
function siteTotalsSteps(sheet: string, row: number, layout: Layout): PlanStep[] {
  return [
    ...rowSteps(sheet, row, onLayout(layout, totalsCells(BUDGET_HEADERS.length))),
    { kind: "setNumberFormat", sheet, address: cellAddress({ row, column: layout[COL["Annual cost"]] }), format: CURRENCY_FORMAT },
  ];
}

/**
 * The user's own totals (a formula or a label in the totals row of a column of theirs) moving down one row with the
 * totals row as a site is added at `row`, the old totals row: each such cell moves to the row below, where the new
 * totals row is, unless it is already there. `oldTotals` is the index of the old totals row among the table's rows
 * (formulas). Nothing without a totals row.
 */
function totalsMove(table: TableRead, userColumns: readonly number[], oldTotals: number, range: RangeRef, row: number): PlanStep[] {
  if (!table.showTotals) return [];
  const from = table.formulas?.[oldTotals] ?? [];
  const to = table.formulas?.[oldTotals + 1] ?? [];
  const moving = userColumns.filter((i) => !isEmptyCell(from[i]) && isEmptyCell(to[i]));
  const cleared = new Map(moving.map((i) => [range.start.column + i, "" as CellInput]));
  const moved = new Map(moving.map((i) => [range.start.column + i, from[i] as CellInput]));
  return rowSteps(table.sheet, row, cleared, 2, moved);
}

function planNewTable(quote: SiteQuote, snapshot: BudgetSnapshot, options: QuoteWriteOptions, rates: RateTable): QuotePlanOutcome {
  const requested = options.sheetName.trim() || BUDGET_SHEET;
  const sheets = snapshot.sheets ?? [];
  const isOurs = (s: SheetRead) => ownedTable(parseMark(s.mark), BUDGET_TABLE) !== null;
  const finishable = (s: SheetRead) => isOurs(s) && unfinishedFirstQuote(quote, s) !== null;
  // A first quote that Excel failed half-way is finished where it started, whatever sheet name is asked for now:
  // a retry under another name leaves no orphan sheet. Only a marked sheet holding only what we wrote qualifies.
  const unfinished = sheets.find((s) => sameText(s.name, requested) && finishable(s)) ?? sheets.find(finishable);
  const target = unfinished ?? sheets.find((s) => sameText(s.name, requested));
  const sheet = target?.name ?? requested;
  if (target && !unfinished && target.used !== null) {
    // Our sheet with a table but not ITSBudget: the user renamed our table (or deleted it and made another).
    if (isOurs(target) && target.tables.length > 0) {
      return {
        kind: "blocked",
        message:
          `The sheet "${target.name}" was made by this add-in, but its ITS Budget table (named ${BUDGET_TABLE}) is gone: renamed or deleted. ` +
          `Rename the table back to ${BUDGET_TABLE} (Table Design > Table Name), or rename that sheet, then add the quote again.`,
      };
    }
    // The user's sheet, or ours with the user's cells on it and no table: never touched.
    return { kind: "sheetNotOurs", sheet, suggestedName: freeSheetName(sheet, snapshot.sheetNames) };
  }
  const problem = sheetNameProblem(sheet, target ? [] : snapshot.sheetNames);
  if (problem) return { kind: "blocked", message: problem };

  const half = unfinished ? unfinishedFirstQuote(quote, unfinished) : null;
  const columns = BUDGET_HEADERS.length;
  const firstRows = `A1:${columnLetters(columns - 1)}2`;
  const steps: PlanStep[] = [
    ...(target ? [] : [{ kind: "addSheet", sheet } as const]),
    // Right after the sheet exists: a sheet this quote added bears the mark from the next action on (a failure in
    // between leaves an empty sheet, which is used as it is).
    ...markSteps(sheet, budgetMark(parseMark(target?.mark ?? null), rates.fiscalYear), target?.mark ?? null),
    { kind: "setCells", sheet, address: firstRows, cells: [[...BUDGET_HEADERS], rowCells(quote, 1, 0, columns, options.formulas, rates)] },
    // Before the table: once the table bears its name, adding again only updates the row (and the totals).
    // (Applying it activates the sheet first, see plan.ts.)
    { kind: "freezeRows", sheet, rows: 1 },
    // An unfinished first quote may have made the table already, under Excel's default name: finish that one.
    half?.table
      ? { kind: "setTable", table: half.table, name: BUDGET_TABLE, showTotals: true }
      : { kind: "addTable", sheet, address: firstRows, name: BUDGET_TABLE, showTotals: true },
    // Written after the table exists: showing totals fills Excel's own defaults into this row.
    { kind: "setCells", sheet, address: `A3:${columnLetters(columns - 1)}3`, cells: [totalsCells(columns)] },
    { kind: "setNumberFormat", sheet, address: costCells(1, 2, 0), format: CURRENCY_FORMAT },
    { kind: "autofitColumns", sheet, address: `A1:${columnLetters(columns - 1)}3` },
    { kind: "activate", sheet },
  ];
  const plan = { steps };
  return { kind: "plan", action: "added", sheet, row: 2, plan, changes: listChanges(plan, null, quote, 1, rates, unfinished?.head) };
}

/** The cost column's total as totalsCells writes it; earlier versions wrote A1 references (=SUBTOTAL(109,H2:H9)). */
const OUR_TOTAL = /^=SUBTOTAL\(109,(\[Annual cost\]|ITSBudget\[Annual cost\]|\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)\)$/i;

/** Our totals row (our columns, in BUDGET_HEADERS order) as totalsCells writes it (or wrote it): "Total", a SUBTOTAL of the cost column, nothing else. */
function isOurTotals(row: readonly unknown[]): boolean {
  return row.every((cell, i) => (i === 0 ? sameText(cell, "Total") : i === COL["Annual cost"] ? OUR_TOTAL.test(String(cell)) : isEmptyCell(cell)));
}

/**
 * Whether a marked sheet holds only what a first quote of this site writes before Excel failed half-way
 * (Excel keeps the actions before the failing one): our exact header row in A1:I1, this site's row or
 * nothing in row 2, nothing in row 3 but Excel's default totals of a half-made table, nothing else on the
 * sheet, and at most one table (the half-made one, not yet named). Anything else is the user's doing.
 */
function unfinishedFirstQuote(quote: SiteQuote, content: SheetRead): { table: string | null } | null {
  if (content.used === null || content.tables.length > 1) return null;
  const used = parseRange(content.used);
  if (used.start.row !== 0 || used.start.column !== 0 || used.rows > 3 || used.columns > BUDGET_HEADERS.length) return null;
  const [header = [], row = [], totals = []] = content.head;
  const table = content.tables[0] ?? null;
  const ourHeader = BUDGET_HEADERS.every((h, i) => header[i] === h);
  const ourRow = row.every(isEmptyCell) || (sameSite(row[COL.Site], quote.site) && Object.values(KIND_LABELS).includes(String(row[COL.Kind])));
  // Excel's own totals: "Total" first, a SUBTOTAL of the last column.
  const defaultTotals = table !== null && totals.every((cell, i) => (i === 0 ? sameText(cell, "Total") : isEmptyCell(cell) || /^=SUBTOTAL\(/i.test(String(cell))));
  return ourHeader && ourRow && (totals.every(isEmptyCell) || defaultTotals) ? { table } : null;
}

/** Annual cost cells of sheet rows `first`..`last` (zero-based) of a table starting at `firstColumn`. */
function costCells(first: number, last: number, firstColumn: number): string {
  const column = firstColumn + COL["Annual cost"];
  return rangeAddress({ start: { row: first, column }, rows: last - first + 1, columns: 1 });
}

/**
 * The totals row: a label and the sum of the annual cost column, as Excel's own totals row writes it. A
 * structured reference follows the table, so a row a user adds by hand (Tab in the last cell) is in the
 * total; an A1 range would leave it out (Microsoft Support, "Using structured references with Excel tables").
 */
function totalsCells(columns: number): CellInput[] {
  const cells: CellInput[] = Array<CellInput>(columns).fill("");
  cells[0] = "Total";
  cells[COL["Annual cost"]] = "=SUBTOTAL(109,[Annual cost])";
  return cells;
}

/**
 * One site's row at sheet row `row` (zero-based), our columns from `firstColumn` on (then "" up to `columns`).
 * See rowCellsOn.
 */
export function rowCells(quote: SiteQuote, row: number, firstColumn: number, columns: number, formulas: boolean, rates: RateTable): CellInput[] {
  const cells = rowCellsOn(quote, row, BUDGET_HEADERS.map((_, i) => firstColumn + i), formulas, rates);
  return [...cells, ...Array<CellInput>(Math.max(0, columns - cells.length)).fill("")];
}

/**
 * One site's row at sheet row `row` (zero-based), in BUDGET_HEADERS order, our columns at `layout`. With formulas,
 * recommended days follow the enrollment cell, days bought follow the recommendation when the user bought exactly
 * that, and the cost reads the row's own days and option cells, so editing enrollment updates the whole row.
 * A split is Outside Summer days in "Days bought" plus "Summer Only days", priced as the sum of both.
 */
function rowCellsOn(quote: SiteQuote, row: number, layout: Layout, formulas: boolean, rates: RateTable): CellInput[] {
  const ref = (name: Header) => cellAddress({ row, column: layout[COL[name]] });
  const shown = rowValues(quote, rates);
  const split = quote.purchase.kind === "split";
  const days = shown[COL["Days bought"]] as number;
  const recommended = shown[COL["Recommended days"]];

  const cells: CellInput[] = [...shown];
  cells[COL.Site] = asText(String(shown[COL.Site]));
  cells[COL.Kind] = asText(String(shown[COL.Kind]));
  // Live formulas price a row only while its input cells hold something: some desktop builds pass a blank
  // cell to custom functions as 0, not null (office-js #4702, #5262; no requirement set tells them apart), and
  // ITSDAYS(0) is 1 day. So Excel, not the function, decides blank: X="" is TRUE for an empty cell and for
  // the "" a guarded cell shows, on every host.
  const unlessBlank = (inputs: readonly string[], formula: string) => `=IF(${inputs.length > 1 ? `OR(${inputs.map((i) => `${i}=""`).join(",")})` : `${inputs[0]}=""`},"",${formula})`;
  const summerName = optionByNumber(3, rates).name;
  // Every call names the year it was priced with: a year bundled later never re-prices this row (issue 12).
  const year = `"${rates.fiscalYear}"`;
  const cost = `LAUSD.ITSCOST(${ref("Days bought")},${ref("Option")},${year})` + (split ? `+LAUSD.ITSCOST(${ref("Summer Only days")},"${summerName}",${year})` : "");
  if (formulas && recommended !== "") cells[COL["Recommended days"]] = unlessBlank([ref("Enrollment")], `LAUSD.ITSDAYS(${ref("Enrollment")},${year})`);
  if (formulas && recommended === days) cells[COL["Days bought"]] = `=${ref("Recommended days")}`;
  cells[COL.Option] = asText(String(shown[COL.Option]));
  if (formulas) cells[COL["Annual cost"]] = unlessBlank(split ? [ref("Days bought"), ref("Summer Only days")] : [ref("Days bought")], cost);
  cells[COL.Note] = shown[COL.Note] === "" ? "" : asText(String(shown[COL.Note]));
  return cells;
}

/** What each cell of a site's row shows (formulas or values alike), in BUDGET_HEADERS order. */
function rowValues(quote: SiteQuote, rates: RateTable): (string | number)[] {
  const priced = pricePurchase(quote.purchase, rates);
  const split = quote.purchase.kind === "split";
  const days = quote.purchase.kind === "split" ? quote.purchase.outsideSummerDays : quote.purchase.days;
  const recommended = quote.kind === "school" && quote.enrollment !== null ? recommendDays(quote.enrollment, rates).days : null;
  const shown: (string | number)[] = Array<string | number>(BUDGET_HEADERS.length).fill("");
  shown[COL.Site] = quote.site.trim();
  shown[COL.Kind] = KIND_LABELS[quote.kind];
  shown[COL.Enrollment] = quote.enrollment ?? "";
  shown[COL["Recommended days"]] = recommended ?? "";
  shown[COL["Days bought"]] = days;
  shown[COL.Option] = optionByNumber(quote.purchase.kind === "split" ? 2 : quote.purchase.option, rates).name;
  shown[COL["Summer Only days"]] = quote.purchase.kind === "split" ? quote.purchase.summerOnlyDays : "";
  shown[COL["Annual cost"]] = priced.total;
  shown[COL.Note] = noteFor(quote, recommended, priced.description, split);
  return shown;
}

function noteFor(quote: SiteQuote, recommended: number | null, description: string, split: boolean): string {
  const days = quote.purchase.kind === "split" ? quote.purchase.outsideSummerDays : quote.purchase.days;
  const parts = [
    ...(split ? [`Split: ${description}.`] : []),
    ...(quote.kind === "office" ? ["No enrollment: days chosen directly."] : []),
    ...adviceFor(days, recommended).map((a) => a.text),
  ];
  return parts.join(" ");
}

/** What Excel reads back for an input: text written with Excel's text prefix is read without it. */
const readBack = (input: CellInput): string => (typeof input === "string" && input.startsWith("'") ? input.slice(1) : String(input));
const shownText = (value: unknown, header: string): string =>
  isEmptyCell(value) ? "(empty)" : header === "Annual cost" && typeof value === "number" ? formatDollars(value) : String(value);

/**
 * Exactly what `plan` changes, cell by cell, against the snapshot it was planned from: every cell it writes whose
 * content or number format differs from what is there, plus the cells of the site's row (sheet row `siteRow`) whose
 * value changes though their formula does not. Cells of a new sheet are compared with `head` (what an unfinished
 * first quote left in A1:I3) or with nothing.
 */
function listChanges(
  plan: WorkbookPlan,
  table: TableRead | null,
  quote: SiteQuote,
  siteRow: number,
  rates: RateTable,
  head?: readonly (readonly unknown[])[],
): ListedChange[] {
  const range = table ? parseRange(table.address) : { start: { row: 0, column: 0 }, rows: 0, columns: BUDGET_HEADERS.length };
  const inTable = (row: number, column: number) => row - range.start.row >= 0 && row - range.start.row < range.rows && column - range.start.column >= 0 && column - range.start.column < range.columns;
  const grid = (g: readonly (readonly unknown[])[] | undefined, row: number, column: number) => (inTable(row, column) ? g?.[row - range.start.row]?.[column - range.start.column] : undefined);
  const current = (row: number, column: number) =>
    table
      ? {
          formula: inTable(row, column) ? grid(table.formulas ?? table.values, row, column) : row === range.start.row + range.rows ? table.below[column - range.start.column] : undefined,
          value: grid(table.values, row, column),
          format: String(grid(table.numberFormats, row, column) ?? "General"),
        }
      : { formula: head?.[row]?.[column], value: head?.[row]?.[column], format: "General" };
  const headerOf = (column: number) => String((table ? table.values[0]?.[column - range.start.column] : BUDGET_HEADERS[column]) ?? "");
  const predicted = rowValues(quote, rates);
  const changes: ListedChange[] = [];
  const written = new Set<string>();
  for (const cell of plannedCells(plan)) {
    const now = current(cell.row, cell.column);
    const header = headerOf(cell.column);
    const address = cellAddress(cell);
    written.add(address);
    const inputChanges = cell.input !== undefined && readBack(cell.input) !== String(now.formula ?? "");
    const formatChanges = cell.format !== undefined && cell.format !== now.format && !(cell.format === "General" && now.format === "");
    const ourIndex = BUDGET_HEADERS.findIndex((h) => sameText(header, h));
    const after = cell.row === siteRow && ourIndex >= 0 ? predicted[ourIndex] : cell.input !== undefined ? readBack(cell.input) : now.value;
    if (inputChanges || formatChanges) {
      changes.push({ sheet: cell.sheet, address, header, before: shownText(now.value, header), after: shownText(after, header) + (formatChanges && !inputChanges ? ` (format ${cell.format})` : ""), rewrites: true });
    } else if (cell.row === siteRow && ourIndex >= 0 && table && shownText(now.value, header) !== shownText(after, header)) {
      changes.push({ sheet: cell.sheet, address, header, before: shownText(now.value, header), after: shownText(after, header), rewrites: false });
    }
  }
  return changes;
}

/** "Outside Summer, 3 days a week, $75,013": the row as it stands, for the update question. */
function describeRow(row: readonly unknown[]): string {
  const cost = row[COL["Annual cost"]];
  const summer = row[COL["Summer Only days"]];
  return [
    row[COL.Option],
    `${row[COL["Days bought"]]} days a week`,
    ...(isEmptyCell(summer) ? [] : [`${summer} Summer Only days`]),
    typeof cost === "number" ? formatDollars(cost) : String(cost ?? ""),
  ].join(", ");
}

