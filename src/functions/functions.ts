/*
 * Excel custom functions in the LAUSD namespace. The JSDoc below is the source of functions.json
 * (custom-functions-metadata-plugin generates it at build time and appends the associate calls):
 * edit the comments, not the JSON. Every rule lives in src/core; this file only adapts cells to it.
 */
import {
  type Parsed,
  type Problem,
  type RateTable,
  annualCost,
  parseDays,
  parseEnrollment,
  parseFiscalYear,
  parseOption,
  recommendDays,
} from "../core";

/**
 * The purchase options of the ITS memo.
 * @customenum {string}
 */
export enum ItsOption {
  /** Option 1: Full Year - A Basis, July 1 through June 30. */
  FullYear = "Full Year",
  /** Option 2: Outside of Summer, July 17 through June 30. */
  OutsideSummer = "Outside Summer",
  /** Option 3: Summer Only, July 1 through July 16. */
  SummerOnly = "Summer Only",
}

function toExcelError(problem: Problem): CustomFunctions.Error {
  const code = problem.kind === "number" ? CustomFunctions.ErrorCode.invalidNumber : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, problem.message);
}

/** The rate table a call names; an unknown year fails the whole call, since no cell of it can be priced. */
function ratesOf(fiscalYear: unknown): RateTable {
  const parsed = parseFiscalYear(fiscalYear);
  if (parsed.kind === "invalid") throw toExcelError(parsed.problem);
  return parsed.value;
}

/** A cell's result: blank stays blank, a refused input becomes its own cell's error. */
function cellResult(parsed: Parsed<number>, compute: (value: number) => number): number | string | CustomFunctions.Error {
  if (parsed.kind === "blank") return "";
  if (parsed.kind === "invalid") return toExcelError(parsed.problem);
  return compute(parsed.value);
}

/**
 * Recommended IT support technician days a week for a school's enrollment, by the ITS memo's bands (FY 2025-26:
 * 200 or fewer students 1, 201-400 2, 401-600 3, 601-800 4, more than 800 5). Blank cells stay blank.
 * @customfunction ITSDAYS
 * @helpurl https://localhost:3000/help.html#itsdays
 * @param enrollment Number of students: a cell or a range. Each band includes its upper end (200 gives 1 day).
 * @param [fiscalYear] Fiscal year of the rates, as text: "2025-26", "FY2025-26", "FY25-26" or "2025-2026". Omitted: the newest bundled year.
 * @returns Days a week from 1 to 5, in the shape of the input.
 */
export function itsDays(enrollment: any[][], fiscalYear?: string): any[][] {
  const rates = ratesOf(fiscalYear);
  return enrollment.map((row) => row.map((cell) => cellResult(parseEnrollment(cell), (n) => recommendDays(n, rates).days)));
}

/**
 * Annual price in whole dollars of IT support technician days a week, from the ITS memo's table of the fiscal year.
 * 0 days costs $0 and means remote support only, with an average wait of 4-6 weeks.
 * @customfunction ITSCOST
 * @helpurl https://localhost:3000/help.html#itscost
 * @param days Days a week: a whole number from 0 to 5 (5 = a full-time technician). A cell or a range.
 * @param [option] 1 or "Full Year" (Jul 1-Jun 30, the default), 2 or "Outside Summer" (Jul 17-Jun 30), 3 or "Summer Only" (Jul 1-Jul 16).
 * @param [fiscalYear] Fiscal year of the rates, as text: "2025-26", "FY2025-26", "FY25-26" or "2025-2026". Omitted: the newest bundled year.
 * @returns Annual cost in dollars, in the shape of the input.
 */
export function itsCost(days: any[][], option?: ItsOption, fiscalYear?: string): any[][] {
  const rates = ratesOf(fiscalYear);
  const chosen = parseOption(option, rates);
  if (chosen.kind === "invalid") throw toExcelError(chosen.problem);
  return days.map((row) => row.map((cell) => cellResult(parseDays(cell, rates), (d) => annualCost(d, chosen.value, rates))));
}

/**
 * The bundled ITS rate table of a fiscal year (ITS memo): annual cost by days a week and option.
 * @customfunction ITSRATES
 * @helpurl https://localhost:3000/help.html#itsrates
 * @param [fiscalYear] Fiscal year of the rates, as text: "2025-26", "FY2025-26", "FY25-26" or "2025-2026". Omitted: the newest bundled year.
 * @returns A table with a header row: Days per week, Full Year, Outside Summer, Summer Only.
 */
export function itsRates(fiscalYear?: string): any[][] {
  const rates = ratesOf(fiscalYear);
  const header = ["Days per week", ...rates.options.map((o) => o.name)];
  const rows = Array.from({ length: rates.maxDays }, (_, i) => i + 1).map((days) => [days, ...rates.options.map((o) => annualCost(days, o.number, rates))]);
  return [header, ...rows];
}
