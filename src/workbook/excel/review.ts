/**
 * The Excel side of "Review a budget". Reading: one request finds the data (used range, selection or a
 * table), the sheet's whole used range (so the findings go where no cell is used), the workbook's sheet
 * names and the ownership marks (../ownership.ts) of the data sheet and of any "ITS Review" sheets; then the
 * rows are read in blocks. Writing: the planner's blocks, one request and one sync each.
 * For the 1,008 LAUSD schools that is 1 + 1 + 1 = 3 syncs.
 *
 * A sync per block, as in ./fill.ts: Excel on the web refuses requests and responses over 5 MB, so 100,000
 * rows travel in several requests. Each block is its own runExcel inside readBlock()/writeBlock(); the loops
 * only call those, check for Cancel and report progress between requests.
 */

import { type RangeRef, parseRange } from "../address";
import { type CellValue, clipToUsed, utf8Bytes } from "../fill";
import type { WorkbookPlan } from "../plan";
import { normalizeHeader } from "../fill/headers";
import { MARK_KEY, parseMark } from "../ownership";
import { BESIDE_COLUMNS, REVIEW_HEADER, type ExistingReviewSheet, type ReviewPlan, type ReviewSource, SHEET_COLUMNS, reviewSheetCandidates } from "../review";
import { applyPlan } from "./apply";
import { describeExcelError, excelErrorCode } from "./errors";
import { type FillProgress, type FillScope, READ_BLOCK_BYTES, type ReadResult, type RunOptions, type WriteResult } from "./fill";
import { runExcel } from "./run";

export type ReviewScope = FillScope;
export type ReviewProgress = FillProgress;

/** Cells in the first read block, before the real size of a row is known. */
const FIRST_READ_CELLS = 50_000;

/** As the fill's: cancelled or failed, or the source read (`readBytes`: the JSON bytes each read block brought back). */
export type ReviewReadResult = Exclude<ReadResult, { kind: "read" }> | { readonly kind: "read"; readonly source: ReviewSource; readonly readBytes: readonly number[] };
export type ReviewWriteResult = WriteResult;

interface Located {
  readonly sheet: string;
  /** Header row and data rows; null when the scope holds no cells. */
  readonly region: RangeRef | null;
  readonly table: ReviewSource["table"];
  /** Everything the sheet uses, formatting included: a column right of it is empty in every row. */
  readonly used: RangeRef | null;
  readonly sheetNames: readonly string[];
  readonly mark: string | null;
  readonly reviewSheets: readonly ExistingReviewSheet[];
}

class ScopeError extends Error {}

// Each queue* function loads what it needs; the matching read* function takes the objects after the sync.

/** A sheet's ownership mark (ExcelApi 1.12); null after the sync when it has none (or the sheet is a null object). */
function queueMark(sheet: Excel.Worksheet): () => string | null {
  const mark = sheet.customProperties.getItemOrNullObject(MARK_KEY);
  mark.load("value");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- read by the returned function, after the caller's sync
  return () => (mark.isNullObject ? null : mark.value);
}

/** The sheets an earlier review may have made, by name: objects reached from a null object are null too, so one request reads all. */
function queueReviewSheets(context: Excel.RequestContext): () => ExistingReviewSheet[] {
  const reads = reviewSheetCandidates().map((name) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(name);
    sheet.load("name");
    const mark = queueMark(sheet);
    const used = sheet.getUsedRangeOrNullObject(false);
    used.load("address");
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- read by the returned function, after the caller's sync
    return () => (sheet.isNullObject ? [] : [{ name: sheet.name, mark: mark(), empty: used.isNullObject }]);
  });
  return () => reads.flatMap((read) => read());
}

function queueTable(context: Excel.RequestContext, name: string) {
  const table = context.workbook.tables.getItem(name);
  table.load("name");
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- navigation property, loaded below
  const worksheet = table.worksheet;
  worksheet.load("name");
  const header = table.getHeaderRowRange();
  header.load("address");
  const body = table.getDataBodyRange();
  body.load("rowCount");
  const used = worksheet.getUsedRangeOrNullObject(false);
  used.load("address");
  return { table, worksheet, header, body, used, mark: queueMark(worksheet) };
}

function readTable(q: ReturnType<typeof queueTable>) {
  const head = parseRange(q.header.address);
  return { sheet: q.worksheet.name, region: { start: head.start, rows: q.body.rowCount + 1, columns: head.columns }, table: { name: q.table.name }, used: q.used, mark: q.mark() };
}

/** The active sheet's used range (values only, as the fill reads it), its whole used range, and for a selection the selected areas. */
function queueActiveSheet(context: Excel.RequestContext, selection: boolean) {
  const worksheet = context.workbook.worksheets.getActiveWorksheet();
  worksheet.load("name");
  const data = worksheet.getUsedRangeOrNullObject(true);
  data.load("address");
  const used = worksheet.getUsedRangeOrNullObject(false);
  used.load("address");
  // Only for a selection: getSelectedRange throws when several areas are selected, so RangeAreas are read instead.
  const selected = selection ? context.workbook.getSelectedRanges() : null;
  selected?.load("address, areaCount");
  return { worksheet, data, used, selected, mark: queueMark(worksheet) };
}

function readActiveSheet(q: ReturnType<typeof queueActiveSheet>) {
  const data = q.data.isNullObject ? null : q.data.address;
  if (q.selected && q.selected.areaCount > 1) throw new ScopeError("Several blocks of cells are selected. Select one block (the budget with its header row), then review again.");
  const region = q.selected ? clipToUsed(q.selected.address, data) : data === null ? null : parseRange(data);
  return { sheet: q.worksheet.name, region, table: null, used: q.used, mark: q.mark() };
}

/** Request 1: where the data is, what the sheet uses, and the workbook's sheet names. */
async function locate(scope: ReviewScope): Promise<Located> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const table = scope.kind === "table" ? queueTable(context, scope.name) : null;
    const active = scope.kind === "table" ? null : queueActiveSheet(context, scope.kind === "selection");
    const reviewSheets = queueReviewSheets(context);
    await context.sync();
    const where = table ? readTable(table) : readActiveSheet(active!);
    return { ...where, used: where.used.isNullObject ? null : parseRange(where.used.address), sheetNames: sheets.items.map((s) => s.name), reviewSheets: reviewSheets() };
  });
}

/**
 * One block of rows: the values and formulas of the data's columns, the formulas of the columns beside them, and
 * those of the review column the sheet's mark names (`marked`, wherever it is).
 */
async function readBlock(sheet: string, row: number, region: RangeRef, rows: number, beside: number, marked: number | null) {
  return runExcel(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    const data = worksheet.getRangeByIndexes(row, region.start.column, rows, region.columns);
    data.load("values, formulas");
    const next = beside > 0 ? worksheet.getRangeByIndexes(row, region.start.column + region.columns, rows, beside) : null;
    next?.load("formulas");
    const own = marked === null ? null : worksheet.getRangeByIndexes(row, marked, rows, 1);
    own?.load("formulas");
    await context.sync();
    return {
      values: data.values as CellValue[][],
      formulas: data.formulas as CellValue[][],
      beside: next ? (next.formulas as CellValue[][]) : data.values.map(() => []),
      marked: own ? (own.formulas as CellValue[][]).map((r) => r[0]) : [],
    };
  });
}

/** The sheet column of the review column the data sheet's mark names, or null. */
function markedReviewColumn(mark: string | null): number | null {
  const entry = parseMark(mark)?.columns.find((c) => normalizeHeader(c.header) === normalizeHeader(REVIEW_HEADER));
  return entry && entry.column < SHEET_COLUMNS ? entry.column : null;
}

/** Reads what the planner needs, in blocks sized to keep each response under READ_BLOCK_BYTES. */
export async function readReviewSource(scope: ReviewScope, options: RunOptions = {}): Promise<ReviewReadResult> {
  try {
    const located = await locate(scope);
    const { region } = located;
    if (!region) {
      const what = scope.kind === "selection" ? "The selected cells hold no data" : `Sheet "${located.sheet}" is empty`;
      return { kind: "failed", message: `${what}. Open the sheet with the budget (sites, days bought, option and cost), or select it with its header row, then review again.` };
    }
    const right = region.start.column + region.columns;
    const beside = Math.min(BESIDE_COLUMNS, SHEET_COLUMNS - right);
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    const besideCells: CellValue[][] = [];
    const marked = markedReviewColumn(located.mark);
    const markedCells: CellValue[] = [];
    const readBytes: number[] = [];
    let rowsPerBlock = Math.max(1, Math.floor(FIRST_READ_CELLS / (region.columns + beside)));
    while (values.length < region.rows) {
      if (options.signal?.aborted) return { kind: "cancelled" };
      const rows = Math.min(rowsPerBlock, region.rows - values.length);
      let block: Awaited<ReturnType<typeof readBlock>>;
      try {
        block = await readBlock(located.sheet, region.start.row + values.length, region, rows, beside, marked);
      } catch (error) {
        // Rows of long text can outgrow the estimate: Excel refuses the response, so read half as many.
        if (excelErrorCode(error) !== "ResponsePayloadSizeLimitExceeded" || rows === 1) throw error;
        rowsPerBlock = Math.ceil(rows / 2);
        continue;
      }
      values.push(...block.values);
      formulas.push(...block.formulas);
      besideCells.push(...block.beside);
      markedCells.push(...block.marked);
      const bytes = [block.values, block.formulas, block.beside, block.marked].reduce((n, cells) => n + utf8Bytes(JSON.stringify(cells)), 0);
      readBytes.push(bytes);
      rowsPerBlock = Math.max(1, Math.floor((READ_BLOCK_BYTES * rows) / Math.max(bytes, 1)));
      options.onProgress?.({ phase: "read", done: values.length, total: region.rows });
    }
    const usedRight = located.used ? located.used.start.column + located.used.columns : 0;
    return {
      kind: "read",
      source: {
        sheet: located.sheet,
        region,
        table: located.table,
        values,
        formulas,
        beside: besideCells,
        freeColumn: Math.max(usedRight, right),
        sheetNames: located.sheetNames,
        mark: located.mark,
        markedColumn: marked === null ? null : { column: marked, cells: markedCells },
        reviewSheets: located.reviewSheets,
      },
      readBytes,
    };
  } catch (error) {
    if (error instanceof ScopeError) return { kind: "failed", message: error.message };
    return { kind: "failed", message: `Could not read the budget. ${describeExcelError(error).remedy}` };
  }
}

async function writeBlock(block: WorkbookPlan): Promise<void> {
  await runExcel(async (context) => {
    applyPlan(context, block);
    await context.sync();
  });
}

/**
 * Writes the plan's blocks in order. Cancel stops between blocks: the findings written stay, and a new
 * review writes its column again (it finds it by its header) and then the ITS Review sheet.
 */
export async function writeReview(plan: ReviewPlan, options: RunOptions = {}): Promise<ReviewWriteResult> {
  let rowsDone = 0;
  for (const [i, block] of plan.blocks.entries()) {
    if (options.signal?.aborted) return { kind: "cancelled", blocksDone: i, rowsDone };
    try {
      await writeBlock(block);
    } catch (error) {
      return { kind: "failed", message: `Excel stopped the review. ${describeExcelError(error).remedy} Findings written so far stay; review again to finish.`, blocksDone: i };
    }
    rowsDone += plan.blockRows[i];
    options.onProgress?.({ phase: "write", done: i + 1, total: plan.blocks.length });
  }
  return { kind: "done", blocks: plan.blocks.length };
}
