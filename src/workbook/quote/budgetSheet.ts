/**
 * The quote planner: turns one site's quote and a snapshot of the workbook into a WorkbookPlan that
 * adds or updates that site's row of the "ITS Budget" table, or into a question for the user.
 * Pure code: the Excel side (../excel/quote.ts) reads the snapshot and applies the plan.
 */
import { type Purchase, type RateTable, adviceFor, formatDollars, optionByNumber, pricePurchase, recommendDays } from "../../core";
import { cellAddress, columnLetters, parseRange, rangeAddress, type RangeRef } from "../address";
import type { CellInput, PlanStep, WorkbookPlan } from "../plan";

export const BUDGET_SHEET = "ITS Budget";
/** The table's name marks the sheet as ours; Excel table names are unique in a workbook. */
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

const COL = Object.fromEntries(BUDGET_HEADERS.map((h, i) => [h, i])) as Record<(typeof BUDGET_HEADERS)[number], number>;

export type SiteKind = "school" | "office";
export const KIND_LABELS: Record<SiteKind, string> = { school: "School", office: "Office / Virtual Academy" };

export interface SiteQuote {
  readonly site: string;
  readonly kind: SiteKind;
  /** Students; null for an office or Virtual Academy. */
  readonly enrollment: number | null;
  readonly purchase: Purchase;
}

/** What the Excel side reads in its one read round trip. */
export interface BudgetSnapshot {
  readonly sheetNames: readonly string[];
  /** The table named BUDGET_TABLE, wherever it is, or null. */
  readonly table: {
    readonly sheet: string;
    /** Whole table: header, data rows and (when shown) the totals row. */
    readonly address: string;
    readonly showTotals: boolean;
    /** Values of every cell of `address` (what formulas compute). */
    readonly values: readonly (readonly unknown[])[];
    /** Formulas of every cell of `address` (what was written); without them no unused last row is recognised. */
    readonly formulas?: readonly (readonly unknown[])[];
    /** Formulas of the row just below the table, across its columns: the row the table grows into. */
    readonly below: readonly unknown[];
  } | null;
  /** Whether the sheet the user asked for holds any value; null when there is no such sheet. */
  readonly targetSheetHasData: boolean | null;
  /** When that sheet holds data: what it holds, to recognise our own first quote that Excel failed half-way. */
  readonly targetContent?: {
    /** Address of its used range (values only). */
    readonly used: string;
    /** Formulas of A1:I3, the cells a first quote writes. */
    readonly head: readonly (readonly unknown[])[];
    /** Names of the tables on it. */
    readonly tables: readonly string[];
  };
}

export interface QuoteWriteOptions {
  /** Sheet for a new table (default BUDGET_SHEET); ignored once our table exists somewhere. */
  readonly sheetName: string;
  /** Live =LAUSD.* formulas (default) or plain values. */
  readonly formulas: boolean;
  /** The user agreed to replace the site's existing row. */
  readonly confirmUpdate: boolean;
}

export type QuotePlanOutcome =
  | { readonly kind: "plan"; readonly plan: WorkbookPlan; readonly action: "added" | "updated"; readonly sheet: string; readonly row: number }
  | { readonly kind: "confirmUpdate"; readonly sheet: string; readonly row: number; readonly current: string }
  | { readonly kind: "sheetNotOurs"; readonly sheet: string; readonly suggestedName: string }
  | { readonly kind: "blocked"; readonly message: string };

const sameText = (a: unknown, b: string): boolean => String(a ?? "").trim().toLowerCase() === b.trim().toLowerCase();
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

export function planQuote(quote: SiteQuote, snapshot: BudgetSnapshot, options: QuoteWriteOptions, rates: RateTable): QuotePlanOutcome {
  const table = snapshot.table;
  if (!table) return planNewTable(quote, snapshot, options, rates);

  const range = parseRange(table.address);
  const header = table.values[0] ?? [];
  if (range.columns < BUDGET_HEADERS.length || !BUDGET_HEADERS.every((h, i) => sameText(header[i], h))) {
    return {
      kind: "blocked",
      message:
        `The table "${BUDGET_TABLE}" on sheet "${table.sheet}" was not made by this add-in (its headers differ). ` +
        `Rename that table (Table Design > Table Name) and add the quote again.`,
    };
  }
  const body = bodyOf(range, table.showTotals);
  const firstColumn = range.start.column;
  const bodyRows = table.values.slice(1, 1 + body.rows);
  const found = bodyRows.findIndex((row) => sameSite(row[0], quote.site));
  const rowRange = (row: number, rows = 1) => rangeAddress({ start: { row, column: firstColumn }, rows, columns: range.columns });

  if (found >= 0) {
    const row = body.start.row + found;
    if (!options.confirmUpdate) {
      return { kind: "confirmUpdate", sheet: table.sheet, row: row + 1, current: describeRow(bodyRows[found]) };
    }
    const cells = [rowCells(quote, row, firstColumn, range.columns, options.formulas, rates)];
    const totalsRow = body.start.row + body.rows;
    const steps: PlanStep[] = [
      { kind: "setCells", sheet: table.sheet, address: rowRange(row), cells },
      { kind: "setNumberFormat", sheet: table.sheet, address: costCells(row, row, firstColumn), format: CURRENCY_FORMAT },
      // Our totals again: they replace Excel's defaults when a first quote failed before writing them.
      ...(table.showTotals
        ? ([
            { kind: "setCells", sheet: table.sheet, address: rowRange(totalsRow), cells: [totalsCells(range.columns)] },
            { kind: "setNumberFormat", sheet: table.sheet, address: costCells(totalsRow, totalsRow, firstColumn), format: CURRENCY_FORMAT },
          ] as const)
        : []),
      { kind: "activate", sheet: table.sheet },
    ];
    return { kind: "plan", action: "updated", sheet: table.sheet, row: row + 1, plan: { steps } };
  }

  // Excel keeps the actions of a failed batch that ran before the failing one: an add that grew the table and
  // failed before writing leaves a last body row that is empty, or holds the old totals (depending on where
  // Excel keeps a resized table's totals row). That row is ours and unused: the site goes there, no growth.
  const lastBody = body.rows > 0 ? table.formulas?.[body.rows] : undefined;
  if (lastBody && (lastBody.every(isEmptyCell) || (table.showTotals && isOurTotals(lastBody)))) {
    const row = body.start.row + body.rows - 1;
    const cells: CellInput[][] = [rowCells(quote, row, firstColumn, range.columns, options.formulas, rates)];
    if (table.showTotals) cells.push(totalsCells(range.columns));
    const steps: PlanStep[] = [
      { kind: "setCells", sheet: table.sheet, address: rowRange(row, cells.length), cells },
      { kind: "setNumberFormat", sheet: table.sheet, address: costCells(row, row + cells.length - 1, firstColumn), format: CURRENCY_FORMAT },
      { kind: "autofitColumns", sheet: table.sheet, address: rowRange(range.start.row, range.rows) },
      { kind: "activate", sheet: table.sheet },
    ];
    return { kind: "plan", action: "added", sheet: table.sheet, row: row + 1, plan: { steps } };
  }

  // A new row goes where the totals row (or the row below the data) is now; the table grows by one row.
  // Resize, not rows.add: rows.add inserts cells, moving the user's cells under the table down, and this
  // add-in only changes its own table. A failure between the resize and the write is recovered above.
  if (table.below.some((cell) => !isEmptyCell(cell))) {
    return {
      kind: "blocked",
      message:
        `The row below the ITS Budget table (${rowRange(range.start.row + range.rows)} on "${table.sheet}") holds data, ` +
        `and the table needs that row to grow. Move that data elsewhere, then add the quote again.`,
    };
  }
  const row = body.start.row + body.rows;
  const cells: CellInput[][] = [rowCells(quote, row, firstColumn, range.columns, options.formulas, rates)];
  if (table.showTotals) cells.push(totalsCells(range.columns));
  const steps: PlanStep[] = [
    // The whole table (header, data and any totals row, as Table.getRange gives it) one row taller.
    { kind: "resizeTable", table: BUDGET_TABLE, address: rangeAddress({ start: range.start, rows: range.rows + 1, columns: range.columns }) },
    { kind: "setCells", sheet: table.sheet, address: rowRange(row, cells.length), cells },
    { kind: "setNumberFormat", sheet: table.sheet, address: costCells(row, row + cells.length - 1, firstColumn), format: CURRENCY_FORMAT },
    { kind: "autofitColumns", sheet: table.sheet, address: rowRange(range.start.row, range.rows + 1) },
    { kind: "activate", sheet: table.sheet },
  ];
  return { kind: "plan", action: "added", sheet: table.sheet, row: row + 1, plan: { steps } };
}

function planNewTable(quote: SiteQuote, snapshot: BudgetSnapshot, options: QuoteWriteOptions, rates: RateTable): QuotePlanOutcome {
  const sheet = options.sheetName.trim() || BUDGET_SHEET;
  const unfinished = snapshot.targetSheetHasData ? unfinishedFirstQuote(quote, snapshot.targetContent) : null;
  if (snapshot.targetSheetHasData && !unfinished) {
    return { kind: "sheetNotOurs", sheet, suggestedName: freeSheetName(sheet, snapshot.sheetNames) };
  }
  const problem = sheetNameProblem(sheet, snapshot.targetSheetHasData === null ? snapshot.sheetNames : []);
  if (problem) return { kind: "blocked", message: problem };

  const columns = BUDGET_HEADERS.length;
  const firstRows = `A1:${columnLetters(columns - 1)}2`;
  const steps: PlanStep[] = [
    ...(snapshot.targetSheetHasData === null ? [{ kind: "addSheet", sheet } as const] : []),
    { kind: "setCells", sheet, address: firstRows, cells: [[...BUDGET_HEADERS], rowCells(quote, 1, 0, columns, options.formulas, rates)] },
    // Before the table: once the table bears its name, adding again only updates the row (and the totals).
    // (Applying it activates the sheet first, see plan.ts.)
    { kind: "freezeRows", sheet, rows: 1 },
    // An unfinished first quote may have made the table already, under Excel's default name: finish that one.
    unfinished?.table
      ? { kind: "setTable", table: unfinished.table, name: BUDGET_TABLE, showTotals: true }
      : { kind: "addTable", sheet, address: firstRows, name: BUDGET_TABLE, showTotals: true },
    // Written after the table exists: showing totals fills Excel's own defaults into this row.
    { kind: "setCells", sheet, address: `A3:${columnLetters(columns - 1)}3`, cells: [totalsCells(columns)] },
    { kind: "setNumberFormat", sheet, address: costCells(1, 2, 0), format: CURRENCY_FORMAT },
    { kind: "autofitColumns", sheet, address: `A1:${columnLetters(columns - 1)}3` },
    { kind: "activate", sheet },
  ];
  return { kind: "plan", action: "added", sheet, row: 2, plan: { steps } };
}

/** The cost column's total as totalsCells writes it; earlier versions wrote A1 references (=SUBTOTAL(109,H2:H9)). */
const OUR_TOTAL = /^=SUBTOTAL\(109,(\[Annual cost\]|ITSBudget\[Annual cost\]|\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)\)$/i;

/** Our totals row as totalsCells writes it (or wrote it): "Total", a SUBTOTAL of the cost column, nothing else. */
function isOurTotals(row: readonly unknown[]): boolean {
  return row.every((cell, i) => (i === 0 ? sameText(cell, "Total") : i === COL["Annual cost"] ? OUR_TOTAL.test(String(cell)) : isEmptyCell(cell)));
}

/**
 * Whether the target sheet holds only what a first quote of this site writes before Excel failed half-way
 * (Excel keeps the actions before the failing one): our exact header row in A1:I1, this site's row or
 * nothing in row 2, nothing in row 3 but Excel's default totals of a half-made table, nothing else on the
 * sheet, and at most one table (the half-made one, not yet named). Anything else is the user's sheet.
 */
function unfinishedFirstQuote(quote: SiteQuote, content: BudgetSnapshot["targetContent"]): { table: string | null } | null {
  if (!content || content.tables.length > 1) return null;
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
 * One site's row at sheet row `row` (zero-based). With formulas, recommended days follow the
 * enrollment cell, days bought follow the recommendation when the user bought exactly that, and the
 * cost reads the row's own days and option cells, so editing enrollment updates the whole row.
 * A split is Outside Summer days in "Days bought" plus "Summer Only days", priced as the sum of both.
 */
export function rowCells(quote: SiteQuote, row: number, firstColumn: number, columns: number, formulas: boolean, rates: RateTable): CellInput[] {
  const ref = (name: (typeof BUDGET_HEADERS)[number]) => cellAddress({ row, column: firstColumn + COL[name] });
  const priced = pricePurchase(quote.purchase, rates);
  const split = quote.purchase.kind === "split";
  const days = quote.purchase.kind === "split" ? quote.purchase.outsideSummerDays : quote.purchase.days;
  const summerDays = quote.purchase.kind === "split" ? quote.purchase.summerOnlyDays : null;
  const option = optionByNumber(quote.purchase.kind === "split" ? 2 : quote.purchase.option, rates).name;
  const recommended = quote.kind === "school" && quote.enrollment !== null ? recommendDays(quote.enrollment, rates).days : null;

  const cells: CellInput[] = Array<CellInput>(columns).fill("");
  cells[COL.Site] = asText(quote.site.trim());
  cells[COL.Kind] = asText(KIND_LABELS[quote.kind]);
  cells[COL.Enrollment] = quote.enrollment ?? "";
  // Live formulas price a row only while its input cells hold something: some desktop builds pass a blank
  // cell to custom functions as 0, not null (office-js #4702, #5262; no requirement set tells them apart), and
  // ITSDAYS(0) is 1 day. So Excel, not the function, decides blank: X="" is TRUE for an empty cell and for
  // the "" a guarded cell shows, on every host.
  const unlessBlank = (inputs: readonly string[], formula: string) => `=IF(${inputs.length > 1 ? `OR(${inputs.map((i) => `${i}=""`).join(",")})` : `${inputs[0]}=""`},"",${formula})`;
  const summerName = optionByNumber(3, rates).name;
  const cost = `LAUSD.ITSCOST(${ref("Days bought")},${ref("Option")})` + (split ? `+LAUSD.ITSCOST(${ref("Summer Only days")},"${summerName}")` : "");
  cells[COL["Recommended days"]] = recommended === null ? "" : formulas ? unlessBlank([ref("Enrollment")], `LAUSD.ITSDAYS(${ref("Enrollment")})`) : recommended;
  cells[COL["Days bought"]] = formulas && recommended === days ? `=${ref("Recommended days")}` : days;
  cells[COL.Option] = asText(option);
  cells[COL["Summer Only days"]] = summerDays ?? "";
  cells[COL["Annual cost"]] = formulas ? unlessBlank(split ? [ref("Days bought"), ref("Summer Only days")] : [ref("Days bought")], cost) : priced.total;
  const note = noteFor(quote, recommended, priced.description, split);
  cells[COL.Note] = note === "" ? "" : asText(note);
  return cells;
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

/** Why `name` cannot be a new sheet's name, or null. Excel's rules: 1-31 characters, none of : \ / ? * [ ], no leading or trailing '. */
export function sheetNameProblem(name: string, existing: readonly string[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Enter a name for the new sheet.";
  if (trimmed.length > 31) return `A sheet name can have at most 31 characters; "${trimmed}" has ${trimmed.length}.`;
  if (/[:\\/?*[\]]/.test(trimmed)) return "A sheet name cannot contain any of : \\ / ? * [ ]. Choose another name.";
  if (trimmed.startsWith("'") || trimmed.endsWith("'")) return "A sheet name cannot start or end with an apostrophe.";
  if (existing.some((n) => sameText(n, trimmed))) return `A sheet named "${trimmed}" already exists. Choose another name.`;
  return null;
}

/** "ITS Budget 2", "ITS Budget 3", ...: the first name no sheet has. */
export function freeSheetName(base: string, existing: readonly string[]): string {
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    if (!existing.some((e) => sameText(e, candidate))) return candidate;
  }
}
