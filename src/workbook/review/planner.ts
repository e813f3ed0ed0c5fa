/**
 * The review, planned: from what was read of a submitted budget to the findings per row, the counts per
 * kind, the encumbrance per option, and the blocks of writes that put the findings in one column beside
 * the data and the counts on an "ITS Review" sheet. No cell the user typed is ever in a write: the column
 * is one whose every cell is empty (or the review's own column from an earlier run, replaced only after
 * the confirmation says so). Pure: the Excel side reads, calls planReview, applies the blocks.
 */

import type { OptionNumber, RateTable } from "../../core";
import { type RangeRef, columnLetters, rangeAddress } from "../address";
import { BLOCK_BYTES, utf8Bytes } from "../fill/planner";
import { type CellValue, normalizeHeader } from "../fill/headers";
import { isSummaryRow } from "../fill/rows";
import { type SheetMark, markSteps, ownsColumn, parseMark } from "../ownership";
import type { PlanStep, WorkbookPlan } from "../plan";
import { COLUMN_LABELS, REVIEW_HEADER, type ReviewColumnName, type ReviewColumns } from "./columns";
import { FINDING_KINDS, type FindingKind, type RowReview, findingText, reviewRow } from "./rules";
import { type ExistingReviewSheet, type OptionTotal, REVIEW_ROLE, REVIEW_SHEET, REVIEW_SHEET_MARK, type ReviewSheetChoice, chooseReviewSheet, reviewSheet } from "./sheet";

/** Columns read beside the data, to find an empty one for the findings (or the review's own, from an earlier run). */
export const BESIDE_COLUMNS = 4;

/** What the Excel side read for a review. */
export interface ReviewSource {
  readonly sheet: string;
  /** The data: header row, then data rows (a table's totals row excluded). */
  readonly region: RangeRef;
  /** The Excel table the data is, if it is one. */
  readonly table: { readonly name: string } | null;
  /** Values of the region's cells; row 0 = headers. */
  readonly values: readonly (readonly CellValue[])[];
  /** Formulas (or constants) of the same cells: a total row is known by its SUM or SUBTOTAL. */
  readonly formulas: readonly (readonly CellValue[])[];
  /** Formulas (or constants; "" when empty) of the BESIDE_COLUMNS columns right of the region, over the region's rows. */
  readonly beside: readonly (readonly CellValue[])[];
  /** A sheet column right of the region and of every cell the sheet uses: empty in every row. */
  readonly freeColumn: number;
  /** Every sheet of the workbook, to name the ITS Review sheet without taking a user's. */
  readonly sheetNames: readonly string[];
  /** The data sheet's ownership mark (../ownership.ts), or null: it says which review column, if any, is ours. */
  readonly mark: string | null;
  /**
   * The review column the mark names, read wherever it is (inside the data, beside it or further right): its sheet
   * column and formulas over the region's rows. Null when the mark names none.
   */
  readonly markedColumn: { readonly column: number; readonly cells: readonly CellValue[] } | null;
  /** The sheets named "ITS Review", "ITS Review (2)", ... that exist, with their marks. */
  readonly reviewSheets: readonly ExistingReviewSheet[];
}

/** Where the findings go. */
export interface ReviewTarget {
  /** Sheet column (zero-based). */
  readonly column: number;
  /** The header row and data rows of that column, e.g. "G1:G1009". */
  readonly address: string;
  /** True when the column is one an earlier review wrote, by the sheet's mark (its non-empty cells are replaced). */
  readonly earlierReview: boolean;
  /** Non-empty cells the write replaces: 0 unless earlierReview. */
  readonly replaces: number;
}

export interface RowFinding {
  /** Sheet row number as Excel shows it. */
  readonly row: number;
  readonly site: string;
  readonly text: string;
}

export interface ReviewPlan {
  readonly sheet: string;
  readonly columns: ReviewColumns;
  /** Data rows (header excluded), blank ones included. */
  readonly rows: number;
  readonly blanks: number;
  /** Rows reviewed without a finding. */
  readonly ok: number;
  /** Rows with at least one finding. */
  readonly withFindings: number;
  /** Total and subtotal rows: not sites, so not reviewed. */
  readonly totalRows: number;
  readonly counts: Readonly<Record<FindingKind, number>>;
  readonly totals: readonly OptionTotal[];
  /** The first rows with findings, for the pane. */
  readonly examples: readonly RowFinding[];
  readonly target: ReviewTarget;
  /** The sheet the counts go to: one an earlier review made, or a new one (a user's "ITS Review" is left alone). */
  readonly reviewSheet: ReviewSheetChoice;
  /** What will be written, in words: every cell and sheet, for the confirmation. */
  readonly confirmation: string;
  /** One request each, in order. */
  readonly blocks: readonly WorkbookPlan[];
  /** Rows of the review column (header included) each block writes, for progress. */
  readonly blockRows: readonly number[];
  readonly blockBytes: readonly number[];
}

/** Why a review cannot be planned, in words the user can act on. */
export class ReviewError extends Error {}

const EXAMPLES = 5;
/** What the review column shows beside a total or subtotal row. */
export const TOTAL_ROW_FINDING = "Not reviewed: a total row.";
/** Columns in a worksheet (A to XFD). */
export const SHEET_COLUMNS = 16384;
const REQUIRED: readonly ReviewColumnName[] = ["days", "option", "cost"];

const isEmpty = (cell: CellValue | undefined): boolean => cell === undefined || cell === "";

/**
 * The column for the findings: the one an earlier review wrote (the sheet's mark names it, and its header is still
 * there), else the first empty one beside the data. A column headed "ITS review" that the mark does not name is a
 * user's, like any other.
 */
function chooseTarget(source: ReviewSource, mark: SheetMark | null): ReviewTarget {
  const { region, beside } = source;
  const address = (column: number) => rangeAddress({ start: { row: region.start.row, column }, rows: region.rows, columns: 1 });
  const right = region.start.column + region.columns;
  const earlier = source.markedColumn;
  if (earlier && earlier.column >= region.start.column && ownsColumn(mark, REVIEW_HEADER, earlier.column)) {
    const replaces = earlier.cells.filter((c) => !isEmpty(c)).length;
    // Ours while our header is there; still empty (a review Excel stopped before its first cells), it is taken again.
    if (normalizeHeader(earlier.cells[0] ?? "") === normalizeHeader(REVIEW_HEADER)) return { column: earlier.column, address: address(earlier.column), earlierReview: true, replaces };
    if (replaces === 0 && earlier.column >= right) return { column: earlier.column, address: address(earlier.column), earlierReview: false, replaces: 0 };
  }
  // Beside a table, one column stays empty between: a value written right next to a table can be taken into it
  // (AutoExpansion; office-js #6745 shows AutoCorrect acting on API writes), and the table is the user's.
  const gap = source.table ? 1 : 0;
  for (let c = gap; c < Math.min(BESIDE_COLUMNS, beside[0]?.length ?? 0); c++) {
    if (Array.from({ length: region.rows }, (_, r) => beside[r]?.[c]).every(isEmpty)) {
      return { column: right + c, address: address(right + c), earlierReview: false, replaces: 0 };
    }
  }
  const column = Math.max(source.freeColumn, right + gap);
  return { column, address: address(column), earlierReview: false, replaces: 0 };
}

/** The data sheet's mark with the review column in it (the mark's other entries kept: other parts of the add-in own them). */
function reviewedSheetMark(existing: SheetMark | null, column: number): SheetMark {
  const others = existing?.columns.filter((c) => normalizeHeader(c.header) !== normalizeHeader(REVIEW_HEADER)) ?? [];
  const base: SheetMark = existing ?? { version: REVIEW_SHEET_MARK.version, role: "reviewed", madeSheet: false, tables: [], columns: [], charts: [] };
  return { ...base, columns: [...others, { header: REVIEW_HEADER, column }] };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function confirmationText(source: ReviewSource, target: ReviewTarget, reviewSheet: ReviewSheetChoice): string {
  const where = `column ${columnLetters(target.column)} of "${source.sheet}", cells ${target.address}`;
  const column = target.earlierReview
    ? `Writes the findings in ${where}: the "${REVIEW_HEADER}" column an earlier review wrote, whose ${plural(target.replaces, "non-empty cell")} are replaced.`
    : `Writes the findings in ${where}, which are all empty now.`;
  const taken = reviewSheet.nameTaken ? ` (a sheet named "${REVIEW_SHEET}" exists and is left as it is)` : "";
  const sheet = reviewSheet.ours
    ? `Replaces the counts and totals on the sheet "${reviewSheet.name}" that an earlier review made${taken}.`
    : reviewSheet.empty
      ? `Writes the counts and totals on the sheet "${reviewSheet.name}", which is empty now${taken}.`
      : `Adds a new sheet "${reviewSheet.name}" with the counts and totals${taken}.`;
  return `${column} ${sheet} No other cell changes.`;
}

/**
 * Plans the review. Throws ReviewError when the columns do not fit the data (the message says what to
 * choose). `blockBytes` caps the cell data of one request (tests use small values to see blocks).
 */
export function planReview(source: ReviewSource, columns: ReviewColumns, rates: RateTable, blockBytes = BLOCK_BYTES): ReviewPlan {
  const { region, values, sheet } = source;
  if (region.rows < 2) throw new ReviewError("No data rows found below the header row. Select the budget with its header row, then try again.");
  for (const name of REQUIRED) {
    const column = columns[name];
    if (column === null || column < 0 || column >= region.columns) throw new ReviewError(`Choose the column that holds each site's ${COLUMN_LABELS[name].toLowerCase()}.`);
  }
  const mark = parseMark(source.mark);
  if (mark?.role === REVIEW_ROLE) throw new ReviewError(`"${sheet}" is the review's own sheet of counts. Open the sheet with the budget, then review again.`);
  const chosen = (Object.keys(columns) as ReviewColumnName[]).filter((name) => columns[name] !== null);
  const target = chooseTarget(source, mark);
  if (target.column >= SHEET_COLUMNS) throw new ReviewError(`Sheet "${sheet}" has no empty column right of the budget for the findings. Copy the budget to a new sheet, then review it there.`);
  const targetIndex = target.column - region.start.column;
  for (const name of chosen) {
    if (columns[name] === targetIndex) throw new ReviewError(`Column "${String(values[0]?.[targetIndex])}" is where the review writes its findings. Choose another column for the ${COLUMN_LABELS[name].toLowerCase()}.`);
  }

  const counts = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
  const totals = new Map<OptionNumber | null, { sites: number; days: number; cost: number; price: number }>();
  const examples: RowFinding[] = [];
  const cell = (row: readonly CellValue[] | undefined, column: number | null): CellValue => (column === null ? "" : (row?.[column] ?? ""));
  let blanks = 0;
  let ok = 0;
  let totalRows = 0;
  const texts: string[] = [REVIEW_HEADER];
  for (let i = 1; i < region.rows; i++) {
    const row = values[i];
    // The fill's rule: a label that says total (the site cell, else the row's first), or a SUM down a column or a
    // SUBTOTAL in the enrollment, days or cost.
    const formula = (column: number | null) => cell(source.formulas[i], column);
    if (isSummaryRow(cell(row, columns.site ?? 0), formula(columns.enrollment)) || [columns.days, columns.cost].some((c) => isSummaryRow("", formula(c)))) {
      totalRows++;
      texts.push(TOTAL_ROW_FINDING);
      continue;
    }
    const review: RowReview = reviewRow(
      { enrollment: cell(row, columns.enrollment), days: cell(row, columns.days), option: cell(row, columns.option), cost: cell(row, columns.cost), summerDays: cell(row, columns.summerDays) },
      rates,
    );
    const text = findingText(review);
    texts.push(text);
    if (review.kind === "blank") {
      blanks++;
      continue;
    }
    review.findings.forEach((f) => counts[f.kind]++);
    if (review.findings.length === 0) ok++;
    else if (examples.length < EXAMPLES) examples.push({ row: region.start.row + i + 1, site: String(cell(row, columns.site)), text });
    const p = review.purchase;
    if (p && p.days + p.summerDays > 0) {
      const t = totals.get(p.option) ?? { sites: 0, days: 0, cost: 0, price: 0 };
      totals.set(p.option, { sites: t.sites + 1, days: t.days + p.days, cost: t.cost + (p.cost ?? 0), price: t.price + (p.price ?? 0) });
    }
  }
  const optionTotals: OptionTotal[] = [...rates.options.map((o) => o.number), null].map((option) => ({ option, ...(totals.get(option) ?? { sites: 0, days: 0, cost: 0, price: 0 }) }));

  const choice = chooseReviewSheet(source.sheetNames, source.reviewSheets);
  const sheetName = choice.name;

  // The findings column in blocks of at most `blockBytes`, one 2-D write each.
  const blocks: PlanStep[][] = [];
  const blockRows: number[] = [];
  const blockBytesList: number[] = [];
  for (let start = 0; start < texts.length; ) {
    let bytes = 0;
    let end = start;
    for (; end < texts.length; end++) {
      const rowBytes = utf8Bytes(JSON.stringify(texts[end])) + 3; // the row's brackets and comma
      if (end > start && bytes + rowBytes > blockBytes) break;
      bytes += rowBytes;
    }
    const address = rangeAddress({ start: { row: region.start.row + start, column: target.column }, rows: end - start, columns: 1 });
    const steps: PlanStep[] = [{ kind: "setCells", sheet, address, cells: texts.slice(start, end).map((t) => [t]) }];
    if (start === 0) {
      // The mark first: once the header is written, the column is recorded as ours. A sheet whose mark is not one
      // this version reads (a newer add-in's) keeps it, and the column stays unrecorded. The header's bold last:
      // Excel keeps the actions before a failing one, and a bold cell counts as used, which would push a new
      // review one column further right while this one is still empty.
      const marking = source.mark !== null && mark === null ? [] : markSteps(sheet, reviewedSheetMark(mark, target.column), source.mark);
      steps.unshift(...marking);
      steps.push({ kind: "setBold", sheet, address: rangeAddress({ start: { row: region.start.row, column: target.column }, rows: 1, columns: 1 }) });
    }
    blocks.push(steps);
    blockRows.push(end - start);
    blockBytesList.push(bytes);
    start = end;
  }

  const withFindings = region.rows - 1 - blanks - ok - totalRows;
  const summary = reviewSheet({ sheet, target, rows: region, counts, ok, blanks, totalRows, withFindings, totals: optionTotals }, rates);
  const existingMark = source.reviewSheets.find((s) => s.name === sheetName)?.mark ?? null;
  blocks[blocks.length - 1].push(
    ...(choice.ours || choice.empty ? [] : [{ kind: "addSheet", sheet: sheetName } as const]),
    ...markSteps(sheetName, REVIEW_SHEET_MARK, existingMark),
    ...summary.bold.map((address) => ({ kind: "setBold", sheet: sheetName, address }) as const),
    ...summary.currency.map((address) => ({ kind: "setNumberFormat", sheet: sheetName, address, format: "$#,##0" }) as const),
    { kind: "setCells", sheet: sheetName, address: summary.area, cells: summary.cells },
    { kind: "autofitColumns", sheet: sheetName, address: summary.fit },
  );

  return {
    sheet,
    columns,
    rows: region.rows - 1,
    blanks,
    ok,
    withFindings,
    totalRows,
    counts,
    totals: optionTotals,
    examples,
    target,
    reviewSheet: choice,
    confirmation: confirmationText(source, target, choice),
    blocks: blocks.map((steps) => ({ steps })),
    blockRows,
    blockBytes: blockBytesList,
  };
}

