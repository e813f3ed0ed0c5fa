/**
 * The Excel side of "Fill a sheet". Reading: one request finds the data (used range, selection or a
 * table) and the fill's own sheets, then the rows are read in blocks. Writing: the planner's blocks,
 * one Excel.run and one sync each. For the 1,008 LAUSD schools that is 1 + 1 + 1 = 3 syncs.
 *
 * Why a sync per block is right here (and how the no-context-sync-in-loop lint rule is met): Excel on
 * the web refuses requests and responses over 5 MB, so 100,000 rows must travel in several requests.
 * Each block is its own Excel.run inside readBlock()/writeBlock(); the loops only call those functions,
 * check for Cancel and report progress between requests. Nothing that could share a request is split.
 */

import { CURRENT_RATES } from "../../core";
import { type RangeRef, parseRange, rangeAddress } from "../address";
import {
  type CellValue,
  EXTRA_COLUMNS,
  type ExistingSheet,
  type FillPlan,
  type FillSource,
  OWN_SHEET_AREA,
  OWN_SHEET_CANDIDATES,
  SUMMARY_SHEET,
  candidateName,
  clipToUsed,
  ratesSheetName,
  resultsAddress,
  utf8Bytes,
} from "../fill";
import { MARK_KEY } from "../ownership";
import type { WorkbookPlan } from "../plan";
import { applyPlan } from "./apply";
import { describeExcelError, excelErrorCode } from "./errors";
import { runExcel } from "./run";

/** Where the data is: the active sheet's used range, the selected cells, or a table by name. */
export type FillScope = { readonly kind: "usedRange" } | { readonly kind: "selection" } | { readonly kind: "table"; readonly name: string };

export interface FillProgress {
  /** "read" while reading rows, "write" while writing blocks. */
  readonly phase: "read" | "write";
  readonly done: number;
  readonly total: number;
}

export interface RunOptions {
  readonly onProgress?: (progress: FillProgress) => void;
  readonly signal?: AbortSignal;
}

/** Most bytes of cells read in one response (Excel on the web refuses more than 5 MB). */
export const READ_BLOCK_BYTES = 4_000_000;
/** Cells in the first read block, before the real size of a row is known (1,008 rows x 24 columns fit). */
const FIRST_READ_CELLS = 50_000;

export type ReadResult =
  /** `readBytes`: the cells each read block brought back, in JSON bytes (about READ_BLOCK_BYTES at most, well under 5 MB). */
  | { readonly kind: "read"; readonly source: FillSource; readonly readBytes: readonly number[] }
  | { readonly kind: "cancelled" }
  | { readonly kind: "failed"; readonly message: string };

export type WriteResult =
  | { readonly kind: "done"; readonly blocks: number }
  | { readonly kind: "cancelled"; readonly blocksDone: number; readonly rowsDone: number }
  | { readonly kind: "failed"; readonly message: string; readonly blocksDone: number };

interface Located {
  readonly sheet: string;
  /** Header row and data rows; null when the scope holds no cells. */
  readonly address: string | null;
  readonly table: FillSource["table"];
  /** Areas of the selection (Ctrl+click selects several); 1 for the other scopes. */
  readonly areas: number;
  /** The data sheet's used range (values only) and its mark. */
  readonly used: RangeRef | null;
  readonly mark: string | null;
  readonly ratesSheets: readonly ExistingSheet[];
  readonly summarySheets: readonly ExistingSheet[];
}

/** The tables of the workbook, for the pane's picker. */
export async function listTables(): Promise<{ name: string; sheet: string }[]> {
  return runExcel(async (context) => {
    const tables = context.workbook.tables;
    tables.load("items/name, items/worksheet/name");
    await context.sync();
    return tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
  });
}

// Each queue* function loads what it needs and returns the objects; the matching read* function takes
// them after the caller's sync. (Kept apart so the office-addins sync rules, which compare source
// positions only, see no read before a sync.)

/** A sheet's ownership mark (null objects all the way when the sheet or the property is missing). */
function queueMark(sheet: Excel.Worksheet) {
  const mark = sheet.customProperties.getItemOrNullObject(MARK_KEY);
  mark.load("value");
  return mark;
}

const readMark = (mark: Excel.WorksheetCustomProperty): string | null => (mark.isNullObject ? null : String(mark.value));

/** A sheet of one of the names the fill writes (rates or summary): its mark, cells over the fill's area and charts. */
function queueOwnSheet(context: Excel.RequestContext, name: string) {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  const area = sheet.getRange(OWN_SHEET_AREA);
  area.load("formulas");
  // eslint-disable-next-line office-addins/call-sync-before-read -- a navigation property: no value is read
  const charts = sheet.charts;
  charts.load("items/name, items/title/text");
  return { name, sheet, area, charts, mark: queueMark(sheet) };
}

function readOwnSheet(q: ReturnType<typeof queueOwnSheet>): ExistingSheet | null {
  if (q.sheet.isNullObject) return null;
  return { name: q.name, mark: readMark(q.mark), cells: q.area.formulas as CellValue[][], charts: q.charts.items.map((c) => ({ name: c.name, title: c.title.text })) };
}

const readOwnSheets = (queued: readonly ReturnType<typeof queueOwnSheet>[]): ExistingSheet[] =>
  queued.map(readOwnSheet).filter((s): s is ExistingSheet => s !== null);

/** The fill's sheets' other candidate names ("ITS Summary (2)", ...) that a sheet of the workbook has. */
function otherCandidates(sheetNames: readonly string[], base: string): string[] {
  const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
  return Array.from({ length: OWN_SHEET_CANDIDATES - 1 }, (_, i) => candidateName(base, i + 2)).filter((n) => taken.has(n.toLowerCase()));
}

/** Those other candidates, read in one more request (only when the first names are taken by sheets that exist). */
async function readOtherCandidates(names: readonly string[]): Promise<ExistingSheet[]> {
  if (names.length === 0) return [];
  return runExcel(async (context) => {
    const queued = names.map((name) => queueOwnSheet(context, name));
    await context.sync();
    return readOwnSheets(queued);
  });
}

type Where = Pick<Located, "sheet" | "address" | "table" | "areas" | "used" | "mark">;

/** A table's place: header row and data rows, without its totals row. */
function queueTable(context: Excel.RequestContext, name: string) {
  const table = context.workbook.tables.getItem(name);
  table.load("name, showTotals");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- navigation property, loaded below
  const worksheet = table.worksheet;
  worksheet.load("name");
  const header = table.getHeaderRowRange();
  header.load("address");
  const body = table.getDataBodyRange();
  body.load("rowCount");
  const used = worksheet.getUsedRangeOrNullObject(true);
  used.load("address");
  return { table, worksheet, header, body, used, mark: queueMark(worksheet) };
}

function readTable(q: ReturnType<typeof queueTable>): Where {
  const head = parseRange(q.header.address);
  const region = { start: head.start, rows: q.body.rowCount + 1, columns: head.columns };
  return {
    sheet: q.worksheet.name,
    address: rangeAddress(region),
    table: { name: q.table.name, totalsRow: q.table.showTotals },
    areas: 1,
    used: q.used.isNullObject ? null : parseRange(q.used.address),
    mark: readMark(q.mark),
  };
}

/**
 * The active sheet's used range (values only: formatted empty cells do not count) and, for the selection scope
 * only, the selection. getSelectedRange() throws when several areas are selected (Workbook.getSelectedRange
 * reference), so the selection is read as RangeAreas (getSelectedRanges, ExcelApi 1.9) and its areas counted.
 */
function queueActiveSheet(context: Excel.RequestContext, selection: boolean) {
  const worksheet = context.workbook.worksheets.getActiveWorksheet();
  worksheet.load("name");
  const used = worksheet.getUsedRangeOrNullObject(true);
  used.load("address");
  const selected = selection ? context.workbook.getSelectedRanges() : null;
  selected?.load("address, areaCount");
  return { worksheet, used, selected, mark: queueMark(worksheet) };
}

/** The used range, or the one selected block clipped to it (whole columns selected read only the rows with data). */
function readActiveSheet(q: ReturnType<typeof queueActiveSheet>): Where {
  const used = q.used.isNullObject ? null : q.used.address;
  const areas = q.selected?.areaCount ?? 1;
  const sheet = { sheet: q.worksheet.name, table: null, areas, used: used ? parseRange(used) : null, mark: readMark(q.mark) };
  if (areas > 1) return { ...sheet, address: null };
  const region = q.selected ? clipToUsed(q.selected.address, used) : used && parseRange(used);
  return { ...sheet, address: region ? rangeAddress(region) : null };
}

/** Request 1: where the data is, and what the rates and summary sheets hold (if they exist). */
async function locate(scope: FillScope): Promise<Located> {
  const [ratesBase, summaryBase] = [ratesSheetName(CURRENT_RATES), SUMMARY_SHEET];
  const located = await runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const rates = queueOwnSheet(context, ratesBase);
    const summary = queueOwnSheet(context, summaryBase);
    const table = scope.kind === "table" ? queueTable(context, scope.name) : null;
    const active = scope.kind === "table" ? null : queueActiveSheet(context, scope.kind === "selection");
    await context.sync();
    const where = table ? readTable(table) : readActiveSheet(active!);
    const names = sheets.items.map((s) => s.name);
    return { ...where, names, ratesSheets: readOwnSheets([rates]), summarySheets: readOwnSheets([summary]) };
  });
  const { names, ...where } = located;
  const [ratesMore, summaryMore] = [otherCandidates(names, ratesBase), otherCandidates(names, summaryBase)];
  const more = await readOtherCandidates([...ratesMore, ...summaryMore]);
  const of = (list: readonly string[]) => more.filter((s) => list.includes(s.name));
  return { ...where, ratesSheets: [...where.ratesSheets, ...of(ratesMore)], summarySheets: [...where.summarySheets, ...of(summaryMore)] };
}

/**
 * The cells below the region, down to the used range's end, right of the region up to the used range's right edge:
 * their used part (values only), where no new column may go. Null when there are none or all are empty.
 */
async function readUsedBelow(sheet: string, region: RangeRef, used: RangeRef | null): Promise<RangeRef | null> {
  if (!used) return null;
  const [top, left] = [region.start.row + region.rows, region.start.column + region.columns];
  const rows = used.start.row + used.rows - top;
  const columns = used.start.column + used.columns - left;
  if (rows <= 0 || columns <= 0) return null;
  return runExcel(async (context) => {
    const below = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(top, left, rows, columns).getUsedRangeOrNullObject(true);
    below.load("address");
    await context.sync();
    return below.isNullObject ? null : parseRange(below.address);
  });
}

/** One block of rows: values and formulas over the data's columns and the EXTRA_COLUMNS beside them. */
async function readBlock(sheet: string, row: number, column: number, rows: number, columns: number) {
  return runExcel(async (context) => {
    const range = context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, column, rows, columns);
    range.load("values, formulas");
    await context.sync();
    return { values: range.values as CellValue[][], formulas: range.formulas as CellValue[][] };
  });
}

/** Reads what the planner needs, in blocks sized to keep each response under READ_BLOCK_BYTES. */
export async function readFillSource(scope: FillScope, options: RunOptions = {}): Promise<ReadResult> {
  try {
    const located = await locate(scope);
    if (located.areas > 1) {
      return {
        kind: "failed",
        message: `${located.areas} separate blocks of cells are selected. Select one block of cells: your sites with their header row (click the first cell, then Shift+click the last), then read again.`,
      };
    }
    if (!located.address) {
      const what = scope.kind === "selection" ? "The selected cells hold no data" : `Sheet "${located.sheet}" is empty`;
      return { kind: "failed", message: `${what}. Open the sheet that lists your sites, or select them with their header row, then try again.` };
    }
    const region = parseRange(located.address);
    // Beside the data up to the used range's end (where new columns must find every cell empty), at least EXTRA_COLUMNS.
    const usedRight = located.used ? located.used.start.column + located.used.columns : 0;
    const columns = Math.max(region.columns + EXTRA_COLUMNS, usedRight - region.start.column);
    const usedBelow = await readUsedBelow(located.sheet, region, located.used);
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const readBytes: number[] = [];
    let rowsPerBlock = Math.max(1, Math.floor(FIRST_READ_CELLS / columns));
    while (values.length < region.rows) {
      if (options.signal?.aborted) return { kind: "cancelled" };
      const rows = Math.min(rowsPerBlock, region.rows - values.length);
      let block: Awaited<ReturnType<typeof readBlock>>;
      try {
        block = await readBlock(located.sheet, region.start.row + values.length, region.start.column, rows, columns);
      } catch (error) {
        // Rows of long text can outgrow the estimate: Excel refuses the response, so read half as many.
        if (excelErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || rows === 1) throw error;
        rowsPerBlock = Math.ceil(rows / 2);
        continue;
      }
      values.push(...block.values);
      formulas.push(...block.formulas);
      // Size the next block on the bytes this one really took.
      const bytes = utf8Bytes(JSON.stringify(block.values)) + utf8Bytes(JSON.stringify(block.formulas));
      readBytes.push(bytes);
      rowsPerBlock = Math.max(1, Math.floor((READ_BLOCK_BYTES * rows) / Math.max(bytes, 1)));
      options.onProgress?.({ phase: "read", done: values.length, total: region.rows });
    }
    const { sheet, table, used, mark, ratesSheets, summarySheets } = located;
    return { kind: "read", source: { sheet, region, table, values, formulas, used, usedBelow, mark, ratesSheets, summarySheets }, readBytes };
  } catch (error) {
    return { kind: "failed", message: fillErrorMessage(error, "read") };
  }
}

/** One block; `select`: the fill's columns to select after it (the last block), which scrolls Excel to them. */
async function writeBlock(block: WorkbookPlan, select: { sheet: string; address: string } | null): Promise<void> {
  await runExcel(async (context) => {
    applyPlan(context, block);
    if (select) context.workbook.worksheets.getItem(select.sheet).getRange(select.address).select();
    await context.sync();
  });
}

/**
 * Writes the plan's blocks in order. Cancel stops between blocks: the rows written stay, and running
 * the fill again finishes the job (it updates its own columns, so nothing is duplicated).
 */
export async function writeFill(plan: FillPlan, options: RunOptions = {}): Promise<WriteResult> {
  let rowsDone = 0;
  for (const [i, block] of plan.blocks.entries()) {
    if (options.signal?.aborted) return { kind: "cancelled", blocksDone: i, rowsDone };
    try {
      const last = i === plan.blocks.length - 1;
      await writeBlock(block, last ? { sheet: plan.sheet, address: resultsAddress(plan) } : null);
    } catch (error) {
      return { kind: "failed", message: fillErrorMessage(error, "write"), blocksDone: i };
    }
    rowsDone += plan.blockRows[i];
    options.onProgress?.({ phase: "write", done: i + 1, total: plan.blocks.length });
  }
  return { kind: "done", blocks: plan.blocks.length };
}

/**
 * What went wrong in Excel and what the user can do (errors.ts's vocabulary), with how to try again in the
 * fill's words: read the sheet again, or fill again (rows written so far stay; the fill updates its own columns).
 */
export function fillErrorMessage(error: unknown, phase: "read" | "write"): string {
  const failure = describeExcelError(error);
  // The requirement check runs before any batch, so nothing was read or written: its message is complete.
  if (failure.problem === "excelTooOld") return failure.remedy;
  if (phase === "read") {
    return failure.problem === "unknown"
      ? `Excel could not read the sheet (${failure.detail}). Check that it is open, then read it again.`
      : `${failure.remedy} Then read the sheet again.`;
  }
  const kept = "Rows written so far are kept; fill again to finish (it updates its own columns, nothing is duplicated).";
  return failure.problem === "unknown" ? `Excel stopped the fill (${failure.detail}). ${kept}` : `${failure.remedy} ${kept}`;
}
