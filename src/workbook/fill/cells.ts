/**
 * What each filled cell holds in each output mode, and the rates sheet that portable formulas read.
 * All three modes show the same numbers: values are the core's results, live formulas call the
 * custom functions (which call the core), portable formulas look the core's rate table up on the
 * rates sheet the fill writes from that same table.
 */

import { BAND_READING, FULL_TIME_NOTE, type OptionNumber, REMOTE_ONLY_NOTE, type RateTable, annualCost } from "../../core";
import { cellAddress, quoteSheetName, rangeAddress } from "../address";
import type { CellInput } from "../plan";
import { portableDays } from "./portable";
import type { RowResult } from "./rows";

export type FillMode = "live" | "portable" | "values";

export const MODE_LABELS: Record<FillMode, string> = {
  live: "Live formulas (LAUSD functions; needs the add-in)",
  portable: "Portable formulas (any Excel, LibreOffice, Google Sheets)",
  values: "Values only",
};

export const ratesSheetName = (rates: RateTable): string => `ITS Rates FY${rates.fiscalYear}`;

const BAND_HEADER_ROW = 5;
const PRICE_HEADER_ROW = 12;

/**
 * The rates sheet: the memo's table, its source, and the two lookup tables the portable formulas read. `name`: the
 * sheet's name (another one when a user's sheet bears the usual name).
 */
export function ratesSheet(rates: RateTable, name = ratesSheetName(rates)) {
  const { source } = rates;
  const cells: CellInput[][] = [
    [`ITS support technician rates, FY ${rates.fiscalYear}`],
    [`Source: "${source.title}", ${source.issuer}, ${source.date}, from ${source.from}.`],
    [`Prices are the memo's table in whole dollars a year. ${REMOTE_ONLY_NOTE} ${FULL_TIME_NOTE}`],
    [BAND_READING],
    [],
    ["Enrollment from", "Enrollment to", "Recommended days a week"],
    ...rates.bands.map((band, i): CellInput[] => [
      i === 0 ? 0 : (rates.bands[i - 1].maxEnrollment as number) + 1,
      band.maxEnrollment ?? "and more",
      band.days,
    ]),
    [],
    ["Days a week", ...rates.options.map((o) => o.name)],
    ...Array.from({ length: rates.maxDays + 1 }, (_, days) => [days, ...rates.options.map((o) => annualCost(days, o.number, rates))]),
  ];
  const width = 4;
  const grid = cells.map((row) => [...row, ...Array<CellInput>(width - row.length).fill("")]);
  const column = (col: number, headerRow: number, count: number) =>
    `${quoteSheetName(name)}!${rangeAddress({ start: { row: headerRow + 1, column: col }, rows: count, columns: 1 }, true)}`;
  return {
    name,
    fiscalYear: rates.fiscalYear,
    cells: grid,
    area: rangeAddress({ start: { row: 0, column: 0 }, rows: grid.length, columns: width }),
    boldRows: [BAND_HEADER_ROW, PRICE_HEADER_ROW],
    currency: rangeAddress({ start: { row: PRICE_HEADER_ROW + 1, column: 1 }, rows: rates.maxDays + 1, columns: 3 }),
    bandFrom: column(0, BAND_HEADER_ROW, rates.bands.length),
    bandDays: column(2, BAND_HEADER_ROW, rates.bands.length),
    priceDays: column(0, PRICE_HEADER_ROW, rates.maxDays + 1),
    prices: (option: OptionNumber) => column(option, PRICE_HEADER_ROW, rates.maxDays + 1),
  };
}

export type RatesSheet = ReturnType<typeof ratesSheet>;

/**
 * A live formula that leaves its row blank while `input` is blank. Some Excel desktop builds pass a blank cell to a
 * custom function as 0 (office-js #4702, #5262; no requirement set tells them apart), and ITSDAYS(0) is 1 day: so
 * Excel decides blank, not the function. `X=""` is TRUE for an empty cell and for a formula showing "" (the days
 * cell of a blank row), as in the quote's rows (quote/budgetSheet.ts).
 */
const unlessBlank = (input: string, formula: string): string => `=IF(${input}="","",${formula})`;

/**
 * The recommended-days cell of a row. Blank enrollment, and a total row, stay blank in every mode. An invalid
 * enrollment shows an error in the row: the formula's own error (#VALUE!, #NUM! or #N/A), or the
 * core's message as text in values mode.
 */
export function daysCell(mode: FillMode, result: RowResult, enrollment: string, rates: RatesSheet): CellInput {
  if (result.kind === "blank" || result.kind === "summary") return "";
  if (mode === "values") return result.kind === "ok" ? result.days : `Error: ${result.message}`;
  // The year is named so the row keeps this year's bands when a newer year is bundled (a formula naming none
  // would move to it whenever Excel happens to recalculate it, office-js #2012, #3332), matching its costs.
  if (mode === "live") return unlessBlank(enrollment, `LAUSD.ITSDAYS(${enrollment},"${rates.fiscalYear}")`);
  return portableDays(enrollment, rates.bandDays, rates.bandFrom);
}

/**
 * The annual-cost cell of a row for one option, reading the row's recommended-days cell `days`. In live mode the
 * days are the row's one custom-function call; the cost picks the memo's price with CHOOSE (prices of the fill's
 * fiscal year, from the core), so a row costs Excel one call to the add-in instead of four, and no custom function
 * waits on another (office-js #901, #794). Days that are not 0-5 give an error, as ITSCOST would.
 */
export function costCell(mode: FillMode, result: RowResult, option: OptionNumber, days: string, table: RateTable, rates: RatesSheet): CellInput {
  if (result.kind === "blank" || result.kind === "summary") return "";
  if (mode === "values") return result.kind === "ok" ? annualCost(result.days, option, table) : "";
  if (mode === "live") {
    const prices = Array.from({ length: table.maxDays + 1 }, (_, d) => annualCost(d, option, table));
    return unlessBlank(days, `CHOOSE(${days}+1,${prices.join(",")})`);
  }
  return `=IF(${days}="","",INDEX(${rates.prices(option)},MATCH(${days},${rates.priceDays},0)))`;
}

/** "B7" for a zero-based sheet row and column. */
export const at = (row: number, column: number): string => cellAddress({ row, column });
