/**
 * The bulk fill, planned: from what was read of a sheet to the blocks of writes that add (or update)
 * Recommended days and the chosen options' costs beside the data, a summary block with a chart, and,
 * for portable formulas, the rates sheet. Pure: the Excel side reads, calls planFill, applies blocks.
 */

import { BAND_READING, type OptionNumber, type RateTable } from "../../core";
import { type RangeRef, cellAddress, columnLetters, quoteSheetName, rangeAddress, withoutSheetQuotes } from "../address";
import { markSteps, parseMark } from "../ownership";
import { type CellInput, type PlanStep, type WorkbookPlan, plannedCells } from "../plan";
import { type FillMode, at, costCell, daysCell, ratesSheet, ratesSheetName } from "./cells";
import { type CellValue, DAYS_HEADER, costHeader, normalizeHeader } from "./headers";
import {
  type ExistingSheet,
  type OwnSheetChoice,
  RATES_ROLE,
  SUMMARY_ROLE,
  chooseOwnSheet,
  filledSheetMark,
  ownSheetMark,
  ownsFillColumn,
} from "./ownership";
import { type FillPreview, type RowResult, isSummaryRow, previewOf, rowResult } from "./rows";

/** Columns read beside the data: room for the fill's own columns (days + 3 options) on a first run. */
export const EXTRA_COLUMNS = 4;

/**
 * Most bytes of cell data and number formats in one write request. Excel on the web refuses requests over 5 MB; the
 * rest of the request (addresses, formats, the envelope) fits in the margin.
 */
export const BLOCK_BYTES = 4_000_000;

export const SUMMARY_SHEET = "ITS Summary";
/** Where the Excel side reads the rates and summary sheets: it covers everything the fill writes there. */
export const OWN_SHEET_AREA = "A1:H30";
export const SUMMARY_CHART = "ITS cost by recommended days";
const SUMMARY_COLUMNS = 5;
const SUMMARY_HEADER_ROW = 3;

/** What the Excel side read for the fill. */
export interface FillSource {
  readonly sheet: string;
  /** The data: header row, then data rows (a table's totals row excluded). */
  readonly region: RangeRef;
  /** The Excel table the data is, if it is one (its totals row, if shown, is below the region). */
  readonly table: { readonly name: string; readonly totalsRow: boolean } | null;
  /**
   * Formulas (or constants) of the region's rows over its columns and the columns beside it, at least EXTRA_COLUMNS
   * and up to the used range's right edge; row 0 = headers.
   */
  readonly formulas: readonly (readonly CellValue[])[];
  /** The values of the same cells. */
  readonly values: readonly (readonly CellValue[])[];
  /** The data sheet's used range (values only), null when it is empty. */
  readonly used: RangeRef | null;
  /**
   * The used part of the cells below the region (to the used range's end) right of it, null when none:
   * a column there is not empty, so no new column goes there.
   */
  readonly usedBelow: RangeRef | null;
  /** The data sheet's ownership mark as read (the custom property's value), null when it has none. */
  readonly mark: string | null;
  /** The existing sheets of the rates and summary sheets' candidate names ("ITS Summary", "ITS Summary (2)", ...). */
  readonly ratesSheets: readonly ExistingSheet[];
  readonly summarySheets: readonly ExistingSheet[];
}

export interface FillChoice {
  /** Column of the enrollment, as an index into the header row. */
  readonly enrollmentColumn: number;
  /** Column of the site names, or null. */
  readonly siteColumn: number | null;
  /** Options whose cost is added, in order. */
  readonly options: readonly OptionNumber[];
  readonly mode: FillMode;
}

export interface TargetColumn {
  readonly header: string;
  /** Index into the header row read (region column 0 = 0). */
  readonly column: number;
  /** True when the column is added by this fill, false when an earlier fill's column is updated. */
  readonly added: boolean;
  readonly option: OptionNumber | null;
}

/** The cells of one sheet the plan changes (content differs from what was read). */
export interface SheetChanges {
  readonly sheet: string;
  /** The fill adds the sheet. */
  readonly added: boolean;
  readonly cells: number;
  /** Of those, cells that hold something now. */
  readonly replaced: number;
  /** The first few changed cells' addresses, in reading order (row by row). */
  readonly examples: readonly string[];
  /** The first few replaced cells' addresses. */
  readonly replacedExamples: readonly string[];
}

export interface FillPlan {
  readonly preview: FillPreview;
  /** The data sheet and its region, as read. */
  readonly sheet: string;
  readonly region: RangeRef;
  readonly targets: readonly TargetColumn[];
  /** Where the summary (and, for portable formulas, the rates) go. */
  readonly summarySheet: OwnSheetChoice;
  readonly ratesSheet: OwnSheetChoice | null;
  /** Every sheet whose cells change, from the plan's own writes (plannedCells) compared with what was read. */
  readonly changed: readonly SheetChanges[];
  /** Non-empty cells whose content would change: the user must confirm this many. */
  readonly changes: number;
  /** Empty cells that would receive content. */
  readonly additions: number;
  /** One request each, in order; empty when the workbook already holds this fill. */
  readonly blocks: readonly WorkbookPlan[];
  /** Bytes of cell data and number formats in each block (its request is a little larger). */
  readonly blockBytes: readonly number[];
  /** Rows of the data (header row included) each block writes, for progress. */
  readonly blockRows: readonly number[];
}

const CUSTOM_FUNCTION_CALL = /\bLAUSD\.[A-Z]+\(/g;

/**
 * How many custom-function calls the plan writes (each LAUSD.* in a formula is one call Excel makes to the add-in's
 * runtime on every recalculation): the figure that decides whether Excel can keep up (office-js #901).
 */
export function customFunctionCalls(plan: Pick<FillPlan, "blocks">): number {
  let calls = 0;
  for (const block of plan.blocks)
    for (const step of block.steps)
      if (step.kind === "setCells") for (const row of step.cells) for (const cell of row) if (typeof cell === "string") calls += cell.match(CUSTOM_FUNCTION_CALL)?.length ?? 0;
  return calls;
}

/** Why a fill cannot be planned, in words the user can act on. */
export class FillError extends Error {}

/** Whether a cell as read already holds what is planned (formulas compared as Excel reads them back). */
function sameCell(a: CellValue | undefined, b: CellInput): boolean {
  const old = a ?? "";
  if (old === b) return true;
  return typeof old === "string" && typeof b === "string" && b.startsWith("=") && withoutSheetQuotes(old) === withoutSheetQuotes(b);
}

/** Whether any cell of `planned` differs from `existing` (whether a block is written; the counts are changedCells'). */
const differs = (existing: readonly (readonly CellValue[])[] | null, planned: readonly (readonly CellInput[])[]): boolean =>
  planned.some((row, r) => row.some((cell, c) => !sameCell(existing?.[r]?.[c] ?? "", cell)));

const isEmpty = (cell: CellValue | undefined): boolean => cell === undefined || cell === "";

/**
 * The fill's columns. An earlier fill's own columns (the sheet's mark names them, their header is still there) are
 * updated in place, the chosen options' and any other cost column of the mark's (a fill Excel stopped half-way, re-run
 * with fewer options, finishes it). New columns go in the first block of columns right of the region where every
 * cell, header row included and down to the used range's end, is empty.
 */
function assignTargets(source: FillSource, choice: FillChoice, rates: RateTable): TargetColumn[] {
  const { region } = source;
  const headers = source.formulas[0] ?? [];
  const width = Math.max(0, ...source.formulas.map((r) => r.length));
  const mark = parseMark(source.mark);
  const owned = (c: number) => ownsFillColumn(mark, headers[c], region.start.column + c);
  const ownedWith = (header: string) => {
    const i = headers.findIndex((h, c) => normalizeHeader(h) === normalizeHeader(header) && owned(c));
    return i >= 0 ? i : null;
  };
  const options = rates.options.map((o) => o.number).filter((o) => choice.options.includes(o) || ownedWith(costHeader(o, rates)) !== null);
  const ordered = [...choice.options, ...options.filter((o) => !choice.options.includes(o))];
  const wanted = [{ header: DAYS_HEADER, option: null }, ...ordered.map((option) => ({ header: costHeader(option, rates), option }))];
  const usedRight = source.used ? source.used.start.column + source.used.columns : 0;
  const below = source.usedBelow;
  const free = (c: number) => {
    const column = region.start.column + c;
    if (column >= usedRight) return true;
    if (c >= width) return false; // not read: it may hold something
    if (below && column >= below.start.column && column < below.start.column + below.columns) return false;
    return source.formulas.every((row) => isEmpty(row[c]));
  };
  const found = wanted.map((w) => ownedWith(w.header));
  const missing = found.filter((c) => c === null).length;
  let next = region.columns;
  while (!Array.from({ length: missing }, (_, k) => next + k).every(free)) next++;
  return wanted.map((w, i) => {
    const existing = found[i];
    if (existing !== null) return { header: String(headers[existing]), column: existing, added: false, option: w.option };
    return { header: w.header, column: next++, added: true, option: w.option };
  });
}

/** Target columns in runs of adjacent columns, each written as one 2-D range. */
function adjacentRuns(targets: readonly TargetColumn[]): TargetColumn[][] {
  const sorted = [...targets].sort((a, b) => a.column - b.column);
  const runs: TargetColumn[][] = [];
  for (const t of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].column === t.column - 1) last.push(t);
    else runs.push([t]);
  }
  return runs;
}

/** UTF-8 length of text, as requests travel (counted by hand: TextEncoder is missing in some test environments). */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

const bytesOf = (cells: readonly (readonly CellInput[])[]): number => utf8Bytes(JSON.stringify(cells));

const daysLabel = (days: number, rates: RateTable): string =>
  `${days} ${days === 1 ? "day" : "days"}${days === rates.maxDays ? " (full-time)" : ""}`;

/** Summary block: sites and total cost per option for each recommended number of days, then all sites. */
function summaryCells(source: FillSource, choice: FillChoice, targets: readonly TargetColumn[], preview: FillPreview, rates: RateTable): CellInput[][] {
  const { region, sheet } = source;
  const dataRange = (column: number) =>
    `${quoteSheetName(sheet)}!${rangeAddress({ start: { row: region.start.row + 1, column: region.start.column + column }, rows: region.rows - 1, columns: 1 }, true)}`;
  const daysRange = dataRange(targets[0].column);
  const costColumn = (option: OptionNumber) => targets.find((t) => t.option === option);
  const enrollmentHeader = String(source.formulas[0]?.[choice.enrollmentColumn] ?? "");
  const rows: CellInput[][] = [
    [`ITS support by recommended days, FY ${rates.fiscalYear}`],
    [`Sites of sheet "${sheet}", rows ${region.start.row + 2}-${region.start.row + region.rows}; enrollment from column "${enrollmentHeader}". ${BAND_READING}`],
    [],
    ["Recommended days a week", ...rates.options.map((o) => o.name), "Sites"],
  ];
  const first = SUMMARY_HEADER_ROW + 1;
  for (let days = 1; days <= rates.maxDays; days++) {
    const costs = rates.options.map((o): CellInput => {
      const target = costColumn(o.number);
      if (!target) return "";
      if (choice.mode === "values") return preview.costPerDays[days - 1][o.number - 1];
      return `=SUMIF(${daysRange},${days},${dataRange(target.column)})`;
    });
    const sites = choice.mode === "values" ? preview.sitesPerDays[days - 1] : `=COUNTIF(${daysRange},${days})`;
    rows.push([daysLabel(days, rates), ...costs, sites]);
  }
  const last = first + rates.maxDays - 1;
  const sum = (col: number) => `=SUM(${at(first, col)}:${at(last, col)})`;
  rows.push([
    "All sites",
    ...rates.options.map((o, i): CellInput => {
      if (!costColumn(o.number)) return "";
      return choice.mode === "values" ? preview.totals[i] : sum(i + 1);
    }),
    choice.mode === "values" ? preview.filled : sum(SUMMARY_COLUMNS - 1),
  ]);
  return rows.map((row) => [...row, ...Array<CellInput>(SUMMARY_COLUMNS - row.length).fill("")]);
}

/**
 * Plans the fill. Throws FillError when the choice does not fit the data (the message says what to
 * change). `blockBytes` caps the cell data of one request (tests use small values to see blocks).
 */
export function planFill(source: FillSource, choice: FillChoice, rates: RateTable, blockBytes = BLOCK_BYTES): FillPlan {
  const { region, sheet } = source;
  const role = parseMark(source.mark)?.role;
  if (role === SUMMARY_ROLE || role === RATES_ROLE) {
    throw new FillError(`"${sheet}" is written by the fill itself. Select the sheet that lists your sites, then fill again.`);
  }
  const taken = (base: string) =>
    new FillError(`Sheets "${base}" to "${base} (9)" all exist and are not the fill's. Rename or delete one of them, then fill again.`);
  const summarySheet = chooseOwnSheet(SUMMARY_SHEET, SUMMARY_ROLE, source.summarySheets);
  if (!summarySheet) throw taken(SUMMARY_SHEET);
  const ratesChoice = choice.mode === "portable" ? chooseOwnSheet(ratesSheetName(rates), RATES_ROLE, source.ratesSheets) : null;
  if (choice.mode === "portable" && !ratesChoice) throw taken(ratesSheetName(rates));
  const layout = ratesSheet(rates, ratesChoice?.name);
  if (region.rows < 2) throw new FillError("No data rows found below the header row. Select your sites with their header row, then try again.");
  const headers = source.formulas[0] ?? [];
  if (choice.enrollmentColumn < 0 || choice.enrollmentColumn >= region.columns) {
    throw new FillError("Choose the column that holds each site's enrollment.");
  }
  const targets = assignTargets(source, choice, rates);
  if (targets.some((t) => t.column === choice.enrollmentColumn)) {
    throw new FillError(`Column "${String(headers[choice.enrollmentColumn])}" is where the fill writes its results. Choose the column with the enrollment.`);
  }

  const dataRows = region.rows - 1;
  const results: RowResult[] = [];
  const sites: CellValue[] = [];
  for (let i = 1; i <= dataRows; i++) {
    const label = source.values[i]?.[choice.siteColumn ?? 0] ?? "";
    const summary = isSummaryRow(label, source.formulas[i]?.[choice.enrollmentColumn] ?? "");
    results.push(summary ? { kind: "summary" } : rowResult(source.values[i]?.[choice.enrollmentColumn] ?? "", rates));
    sites.push(choice.siteColumn === null && !summary ? "" : label);
  }
  const firstRow = region.start.row; // zero-based sheet row of the header
  const preview = previewOf(results, sites, firstRow + 2, rates);

  const runs = adjacentRuns(targets);
  const sheetColumn = (c: number) => region.start.column + c;
  const daysColumn = targets[0].column;
  /** Cells of read row i (0 = header) for one run of target columns. */
  const rowCells = (i: number, run: readonly TargetColumn[]): CellInput[] =>
    run.map((t) => {
      if (i === 0) return t.header;
      const r = results[i - 1];
      const row = firstRow + i;
      if (t.option === null) return daysCell(choice.mode, r, at(row, sheetColumn(choice.enrollmentColumn)), layout);
      return costCell(choice.mode, r, t.option, at(row, sheetColumn(daysColumn)), rates, layout);
    });

  const formatOf = (t: TargetColumn) => (t.option === null ? "0" : "$#,##0");
  const formatBytes = targets.reduce((n, t) => n + bytesOf([[formatOf(t)]]), 0);
  // Rows in blocks of at most `blockBytes` of cell data; a block is written only if a cell in it changes.
  const blocks: PlanStep[][] = [];
  const blockBytesList: number[] = [];
  const blockRowsList: number[] = [];
  let start = 0;
  while (start <= dataRows) {
    const cellsByRun = runs.map(() => [] as CellInput[][]);
    let bytes = 0;
    let end = start;
    let dirty = false;
    for (; end <= dataRows; end++) {
      const rowsOfRuns = runs.map((run) => rowCells(end, run));
      // Number formats travel as 2-D arrays the size of their range, so they count too.
      const rowBytes = rowsOfRuns.reduce((n, cells) => n + bytesOf([cells]), 0) + (end > 0 ? formatBytes : 0);
      if (end > start && bytes + rowBytes > blockBytes) break;
      bytes += rowBytes;
      rowsOfRuns.forEach((cells, k) => {
        cellsByRun[k].push(cells);
        if (differs([runs[k].map((t) => source.formulas[end]?.[t.column] ?? "")], [cells])) dirty = true;
      });
    }
    // Order inside a block: the headers' bold, the headers, formats, then the rows' cells. Excel keeps the
    // actions of a request that fails part-way, and a later fill rewrites only blocks whose cells differ, so
    // cells go last (in a block of the header row alone, the headers): while they are not all right, a new
    // fill redoes every step of the block.
    const steps: PlanStep[] = [];
    if (dirty) {
      const dataTop = Math.max(start, 1);
      const range = (top: number, rows: number, column: number, columns: number) =>
        rangeAddress({ start: { row: firstRow + top, column: sheetColumn(column) }, rows, columns });
      if (start === 0) {
        // The fill's own headers are bold, like a header row; a header the user renamed keeps its style.
        for (const t of targets.filter((t) => t.header === (t.option === null ? DAYS_HEADER : costHeader(t.option, rates)))) {
          steps.push({ kind: "setBold", sheet, address: at(firstRow, sheetColumn(t.column)) });
        }
        runs.forEach((run, k) => steps.push({ kind: "setCells", sheet, address: range(0, 1, run[0].column, run.length), cells: [cellsByRun[k][0]] }));
      }
      if (end > dataTop) {
        for (const t of targets) steps.push({ kind: "setNumberFormat", sheet, address: range(dataTop, end - dataTop, t.column, 1), format: formatOf(t) });
        runs.forEach((run, k) =>
          steps.push({ kind: "setCells", sheet, address: range(dataTop, end - dataTop, run[0].column, run.length), cells: cellsByRun[k].slice(dataTop - start) }),
        );
      }
    }
    blocks.push(steps);
    blockBytesList.push(bytes);
    blockRowsList.push(end - start);
    start = end;
  }

  const first = blocks[0];
  // The data sheet's mark names the fill's columns, in the batch that writes their headers: from the next action on
  // they are the fill's, and only while the header it wrote is there.
  const dataMark = filledSheetMark(parseMark(source.mark), targets.map((t) => ({ header: t.header, column: sheetColumn(t.column) })));
  first.unshift(...markSteps(sheet, dataMark, source.mark));
  // A table grows to take in the fill's columns once their headers are written; checked on every run, so a
  // fill interrupted before the resize still ends with the columns inside the table. Only when they are right
  // beside it: a table never takes in a user's column between.
  const outside = targets.filter((t) => t.column >= region.columns);
  const beside = outside.length > 0 && outside.every((t) => t.column < region.columns + outside.length);
  if (source.table && beside) {
    const columns = Math.max(...outside.map((t) => t.column + 1));
    const rows = region.rows + (source.table.totalsRow ? 1 : 0);
    first.push({ kind: "resizeTable", table: source.table.name, address: rangeAddress({ start: region.start, rows, columns }) });
  }

  // Portable formulas read the rates sheet: write it before the first block so every block's formulas work.
  if (choice.mode === "portable") {
    const existing = ratesChoice!.existing;
    const stale = differs(existing?.cells ?? null, layout.cells);
    const mark = markSteps(layout.name, ownSheetMark(RATES_ROLE, []), existing?.mark ?? null);
    if (stale || mark.length > 0) {
      first.unshift(
        ...(existing ? [] : [{ kind: "addSheet", sheet: layout.name } as const]),
        ...mark,
        { kind: "setNumberFormat", sheet: layout.name, address: layout.currency, format: "$#,##0" },
        ...layout.boldRows.map((row) => ({ kind: "setBold", sheet: layout.name, address: `A${row + 1}:D${row + 1}` }) as const),
        { kind: "setCells", sheet: layout.name, address: layout.area, cells: layout.cells },
        { kind: "autofitColumns", sheet: layout.name, address: `A6:D${layout.cells.length}` },
      );
    }
  }

  // The summary and its chart go last, once every row is written.
  const last = blocks[blocks.length - 1];
  if (blocks.some((b) => b.length > 0)) {
    // Fitting to the header row is enough (headers are wider than the numbers) and stays cheap at 100,000 rows.
    for (const t of targets) last.push({ kind: "autofitColumns", sheet, address: at(firstRow, sheetColumn(t.column)) });
  }
  const summary = summaryCells(source, choice, targets, preview, rates);
  const existingSummary = summarySheet.existing;
  const summaryStale = differs(existingSummary?.cells ?? null, summary);
  const summaryMark = markSteps(summarySheet.name, ownSheetMark(SUMMARY_ROLE, [SUMMARY_CHART]), existingSummary?.mark ?? null);
  const summaryArea = rangeAddress({ start: { row: 0, column: 0 }, rows: summary.length, columns: SUMMARY_COLUMNS });
  const headerRange = rangeAddress({ start: { row: SUMMARY_HEADER_ROW, column: 0 }, rows: 1, columns: SUMMARY_COLUMNS });
  const moneyRange = rangeAddress({ start: { row: SUMMARY_HEADER_ROW + 1, column: 1 }, rows: summary.length - SUMMARY_HEADER_ROW - 1, columns: 3 });
  const summaryName = summarySheet.name;
  if (summaryStale || summaryMark.length > 0) {
    last.push(
      ...(existingSummary ? [] : [{ kind: "addSheet", sheet: summaryName } as const]),
      ...summaryMark,
      { kind: "setNumberFormat", sheet: summaryName, address: moneyRange, format: "$#,##0" },
      { kind: "setBold", sheet: summaryName, address: headerRange },
      { kind: "setCells", sheet: summaryName, address: summaryArea, cells: summary },
      { kind: "autofitColumns", sheet: summaryName, address: `A${SUMMARY_HEADER_ROW + 1}:${columnLetters(SUMMARY_COLUMNS - 1)}${summary.length}` },
    );
  }
  // One chart on the summary sheet (it bears the fill's mark, or was taken empty): ours by name, else the one a fill
  // left when Excel stopped it between charts.add and the chart's name (Excel keeps the actions before a failing one). The adapter names a chart last, so a chart bearing our name and title is
  // complete; any other is repaired in place (title, place, data, then name) rather than doubled.
  const chart = {
    name: SUMMARY_CHART,
    title: `Annual cost by recommended days, FY ${rates.fiscalYear}`,
    // Day labels and the three options' totals (the Sites column is on another scale).
    source: rangeAddress({ start: { row: SUMMARY_HEADER_ROW, column: 0 }, rows: rates.maxDays + 1, columns: 4 }),
    position: "G2:N20",
  };
  const charts = existingSummary?.charts ?? [];
  // A leftover has our title or none yet; a chart a user added to the sheet, titled, is left alone.
  const found = charts.find((c) => c.name === SUMMARY_CHART) ?? charts.find((c) => c.title === chart.title || c.title === "");
  if (!found) last.push({ kind: "addChart", sheet: summaryName, ...chart });
  else if (found.name !== chart.name || found.title !== chart.title) last.push({ kind: "updateChart", sheet: summaryName, chart: found.name, ...chart });

  const kept = blocks.map((steps, i) => ({ steps, bytes: blockBytesList[i], rows: blockRowsList[i] })).filter((b) => b.steps.length > 0);
  const changed = sheetChanges(source, kept, [summarySheet, ...(ratesChoice ? [ratesChoice] : [])]);
  const replaced = changed.reduce((n, c) => n + c.replaced, 0);
  return {
    preview,
    sheet,
    region,
    targets,
    summarySheet,
    ratesSheet: ratesChoice,
    changed,
    changes: replaced,
    additions: changed.reduce((n, c) => n + c.cells, 0) - replaced,
    blocks: kept.map((b) => ({ steps: b.steps })),
    blockBytes: kept.map((b) => b.bytes),
    blockRows: kept.map((b) => b.rows),
  };
}

/** A cell the plan changes: its sheet, zero-based place, and whether it holds something now. */
export interface ChangedCell {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
  readonly replaces: boolean;
}

/**
 * Every cell the plan's steps write (plannedCells) whose content differs from what was read: the data sheet's cells
 * as read, the fill's own sheets' cells over their area (a sheet the fill adds is empty). The confirmation's list.
 */
export function changedCells(source: FillSource, plan: Pick<FillPlan, "blocks" | "summarySheet" | "ratesSheet">): ChangedCell[] {
  const own = new Map<string, ExistingSheet | null>();
  for (const choice of [plan.summarySheet, plan.ratesSheet]) if (choice) own.set(choice.name, choice.existing);
  const { region } = source;
  const read = (sheet: string, row: number, column: number): CellValue => {
    if (sheet === source.sheet) return source.formulas[row - region.start.row]?.[column - region.start.column] ?? "";
    return own.get(sheet)?.cells[row]?.[column] ?? "";
  };
  const cells: ChangedCell[] = [];
  for (const cell of plannedCells({ steps: plan.blocks.flatMap((b) => b.steps) })) {
    if (cell.input === undefined) continue;
    const old = read(cell.sheet, cell.row, cell.column);
    if (!sameCell(old, cell.input)) cells.push({ sheet: cell.sheet, row: cell.row, column: cell.column, replaces: old !== "" });
  }
  return cells;
}

/** How many examples of changed cells a sheet's line names. */
const EXAMPLES = 4;

function sheetChanges(source: FillSource, blocks: readonly { steps: readonly PlanStep[] }[], own: readonly OwnSheetChoice[]): SheetChanges[] {
  const [summarySheet, ratesChoice] = own;
  type Place = { row: number; column: number };
  const bySheet = new Map<string, { sheet: string; added: boolean; cells: number; replaced: number; first: Place[]; firstReplaced: Place[] }>();
  const added = (sheet: string) => own.some((o) => o.name === sheet && !o.existing);
  // The first few in reading order (row by row), kept without sorting every cell.
  const keepFirst = (list: Place[], cell: Place) => {
    const last = list[EXAMPLES - 1];
    if (last && (cell.row > last.row || (cell.row === last.row && cell.column > last.column))) return;
    list.push(cell);
    list.sort((a, b) => a.row - b.row || a.column - b.column);
    if (list.length > EXAMPLES) list.pop();
  };
  for (const cell of changedCells(source, { blocks, summarySheet, ratesSheet: ratesChoice ?? null })) {
    let entry = bySheet.get(cell.sheet);
    if (!entry) bySheet.set(cell.sheet, (entry = { sheet: cell.sheet, added: added(cell.sheet), cells: 0, replaced: 0, first: [], firstReplaced: [] }));
    entry.cells++;
    keepFirst(entry.first, cell);
    if (!cell.replaces) continue;
    entry.replaced++;
    keepFirst(entry.firstReplaced, cell);
  }
  return [...bySheet.values()].map(({ first, firstReplaced, ...counts }) => ({ ...counts, examples: first.map((c) => cellAddress(c)), replacedExamples: firstReplaced.map((c) => cellAddress(c)) }));
}

/** Sheet columns of the fill's columns, in order: added ones and updated ones. */
export const targetColumns = (plan: Pick<FillPlan, "region" | "targets">, added: boolean): number[] =>
  plan.targets.filter((t) => t.added === added).map((t) => plan.region.start.column + t.column).sort((a, b) => a - b);

/** The fill's columns over the data rows (the block from the first to the last of them), e.g. "E1:H14". */
export function resultsAddress(plan: Pick<FillPlan, "region" | "targets">): string {
  const columns = plan.targets.map((t) => plan.region.start.column + t.column);
  const left = Math.min(...columns);
  return rangeAddress({ start: { row: plan.region.start.row, column: left }, rows: plan.region.rows, columns: Math.max(...columns) - left + 1 });
}
