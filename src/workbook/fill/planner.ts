/**
 * The bulk fill, planned: from what was read of a sheet to the blocks of writes that add (or update)
 * Recommended days and the chosen options' costs beside the data, a summary block with a chart, and,
 * for portable formulas, the rates sheet. Pure: the Excel side reads, calls planFill, applies blocks.
 */

import { BAND_READING, type OptionNumber, type RateTable } from "../../core";
import { type RangeRef, columnLetters, quoteSheetName, rangeAddress, withoutSheetQuotes } from "../address";
import type { CellInput, PlanStep, WorkbookPlan } from "../plan";
import { type FillMode, at, costCell, daysCell, ratesSheet } from "./cells";
import { type CellValue, DAYS_HEADER, costHeader, findHeader } from "./headers";
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

/** A chart as read: what the fill can check of it (Excel gives no cell address for a chart's place or data). */
export interface ExistingChart {
  readonly name: string;
  readonly title: string;
}

/** A sheet the fill writes besides the data sheet, as read: its cells over the fill's area and its charts. */
export interface ExistingSheet {
  readonly cells: readonly (readonly CellValue[])[];
  readonly charts: readonly ExistingChart[];
}

/** What the Excel side read for the fill. */
export interface FillSource {
  readonly sheet: string;
  /** The data: header row, then data rows (a table's totals row excluded). */
  readonly region: RangeRef;
  /** The Excel table the data is, if it is one (its totals row, if shown, is below the region). */
  readonly table: { readonly name: string; readonly totalsRow: boolean } | null;
  /** Formulas (or constants) of the region's rows over its columns plus EXTRA_COLUMNS beside it; row 0 = headers. */
  readonly formulas: readonly (readonly CellValue[])[];
  /** The values of the same cells. */
  readonly values: readonly (readonly CellValue[])[];
  /** null when the sheet does not exist. */
  readonly ratesSheet: ExistingSheet | null;
  readonly summarySheet: ExistingSheet | null;
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

export interface FillPlan {
  readonly preview: FillPreview;
  readonly targets: readonly TargetColumn[];
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

/** Counts cells of `planned` that differ from `existing`: non-empty ones are changes, empty ones additions. */
function diff(existing: readonly (readonly CellValue[])[] | null, planned: readonly (readonly CellInput[])[]) {
  let changes = 0;
  let additions = 0;
  planned.forEach((row, r) =>
    row.forEach((cell, c) => {
      const old = existing?.[r]?.[c] ?? "";
      if (sameCell(old, cell)) return;
      if (old === "") additions++;
      else changes++;
    }),
  );
  return { changes, additions };
}

function assignTargets(source: FillSource, choice: FillChoice, rates: RateTable): TargetColumn[] {
  const headers = source.formulas[0] ?? [];
  const wanted = [
    { header: DAYS_HEADER, option: null },
    ...choice.options.map((option) => ({ header: costHeader(option, rates), option })),
  ];
  const found = wanted.map((w) => findHeader(headers, w.header));
  const taken = new Set(found.filter((c): c is number => c !== null));
  let next = source.region.columns;
  return wanted.map((w, i) => {
    const existing = found[i];
    if (existing !== null) return { header: String(headers[existing]), column: existing, added: false, option: w.option };
    while (taken.has(next)) next++;
    taken.add(next);
    return { header: w.header, column: next, added: true, option: w.option };
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
  const layout = ratesSheet(rates);
  if (sheet === SUMMARY_SHEET || sheet === layout.name) {
    throw new FillError(`"${sheet}" is written by the fill itself. Select the sheet that lists your sites, then fill again.`);
  }
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

  let changes = 0;
  let additions = 0;
  const count = (d: { changes: number; additions: number }) => {
    changes += d.changes;
    additions += d.additions;
  };

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
        const d = diff([runs[k].map((t) => source.formulas[end]?.[t.column] ?? "")], [cells]);
        if (d.changes + d.additions > 0) dirty = true;
        count(d);
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
  // A table grows to take in the fill's columns once their headers are written; checked on every run, so a
  // fill interrupted before the resize still ends with the columns inside the table.
  const outside = targets.filter((t) => t.column >= region.columns);
  if (source.table && outside.length > 0) {
    const columns = Math.max(...outside.map((t) => t.column + 1));
    const rows = region.rows + (source.table.totalsRow ? 1 : 0);
    first.push({ kind: "resizeTable", table: source.table.name, address: rangeAddress({ start: region.start, rows, columns }) });
  }

  // Portable formulas read the rates sheet: write it before the first block so every block's formulas work.
  if (choice.mode === "portable") {
    const existing = source.ratesSheet;
    const d = diff(existing?.cells ?? null, layout.cells);
    count(d);
    if (d.changes + d.additions > 0) {
      first.unshift(
        ...(existing ? [] : [{ kind: "addSheet", sheet: layout.name } as const]),
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
  const existingSummary = source.summarySheet;
  const ds = diff(existingSummary?.cells ?? null, summary);
  count(ds);
  const summaryArea = rangeAddress({ start: { row: 0, column: 0 }, rows: summary.length, columns: SUMMARY_COLUMNS });
  const headerRange = rangeAddress({ start: { row: SUMMARY_HEADER_ROW, column: 0 }, rows: 1, columns: SUMMARY_COLUMNS });
  const moneyRange = rangeAddress({ start: { row: SUMMARY_HEADER_ROW + 1, column: 1 }, rows: summary.length - SUMMARY_HEADER_ROW - 1, columns: 3 });
  if (ds.changes + ds.additions > 0) {
    last.push(
      ...(existingSummary ? [] : [{ kind: "addSheet", sheet: SUMMARY_SHEET } as const]),
      { kind: "setNumberFormat", sheet: SUMMARY_SHEET, address: moneyRange, format: "$#,##0" },
      { kind: "setBold", sheet: SUMMARY_SHEET, address: headerRange },
      { kind: "setCells", sheet: SUMMARY_SHEET, address: summaryArea, cells: summary },
      { kind: "autofitColumns", sheet: SUMMARY_SHEET, address: `A${SUMMARY_HEADER_ROW + 1}:${columnLetters(SUMMARY_COLUMNS - 1)}${summary.length}` },
    );
  }
  // One chart. The summary sheet is the fill's own, so a chart on it is the fill's: ours by name, else the one a
  // fill left when Excel stopped it between charts.add and the chart's name (Excel keeps the actions before a
  // failing one). The adapter names a chart last, so a chart bearing our name and title is complete; any other
  // is repaired in place (title, place, data, then name) rather than doubled.
  const chart = {
    name: SUMMARY_CHART,
    title: `Annual cost by recommended days, FY ${rates.fiscalYear}`,
    // Day labels and the three options' totals (the Sites column is on another scale).
    source: rangeAddress({ start: { row: SUMMARY_HEADER_ROW, column: 0 }, rows: rates.maxDays + 1, columns: 4 }),
    position: "G2:N20",
  };
  const charts = existingSummary?.charts ?? [];
  const found = charts.find((c) => c.name === SUMMARY_CHART) ?? charts[0];
  if (!found) last.push({ kind: "addChart", sheet: SUMMARY_SHEET, ...chart });
  else if (found.name !== chart.name || found.title !== chart.title) last.push({ kind: "updateChart", sheet: SUMMARY_SHEET, chart: found.name, ...chart });

  const kept = blocks.map((steps, i) => ({ steps, bytes: blockBytesList[i], rows: blockRowsList[i] })).filter((b) => b.steps.length > 0);
  return {
    preview,
    targets,
    changes,
    additions,
    blocks: kept.map((b) => ({ steps: b.steps })),
    blockBytes: kept.map((b) => b.bytes),
    blockRows: kept.map((b) => b.rows),
  };
}
