/**
 * Which fiscal year an ITS Budget table is priced with, so a quote of another year is never added to it silently:
 * the year its mark records, else the year its formulas name. Rows an earlier version wrote name no year: their
 * formulas price with whatever year is newest when Excel recalculates them.
 */
import { RATE_TABLES, type RateTable, bundledYears, normalizeFiscalYear } from "../../core";
import { FormulaSyntaxError, calls, parseFormula, stringValue } from "../portable/formula";

/** The argument that names the year, by function (zero-based). */
const YEAR_ARGUMENT: Readonly<Record<string, number>> = { "LAUSD.ITSDAYS": 1, "LAUSD.ITSCOST": 2 };

/** What one formula says about its year: the years its LAUSD calls name, and whether any call names none in its text. */
function yearsOf(formula: unknown): { readonly named: readonly string[]; readonly unnamed: boolean } {
  if (typeof formula !== "string" || !formula.startsWith("=") || !/LAUSD\./i.test(formula)) return { named: [], unnamed: false };
  let tree;
  try {
    tree = parseFormula(formula);
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    return { named: [], unnamed: true };
  }
  const named: string[] = [];
  let unnamed = false;
  for (const call of calls(tree)) {
    const at = YEAR_ARGUMENT[call.name.toUpperCase()];
    if (at === undefined) continue;
    const argument = call.args[at];
    // A year from a cell or an expression is not one this add-in wrote: the formula names no year we can read.
    const text = argument?.kind === "string" ? stringValue(argument) : null;
    if (text === null || text.trim() === "") unnamed = true;
    else named.push(normalizeFiscalYear(text) ?? text.trim());
  }
  return { named, unnamed };
}

export interface BudgetYear {
  /** The year the table's mark records, or null (a mark from before years were recorded, or an adopted table). */
  readonly recorded: string | null;
  /** Every year the rows' formulas name, in order of first appearance. */
  readonly named: readonly string[];
  /** One-based sheet rows whose formulas call LAUSD functions without naming a year. */
  readonly unnamedRows: readonly number[];
  /** Data rows with a site. */
  readonly rows: number;
}

/**
 * The year of a table from its mark's `recorded` year and the formulas of its data rows (our columns only, in
 * BUDGET_HEADERS order, so the site is first; `firstRow` is the zero-based sheet row of the first).
 */
export function budgetYear(recorded: string | null, rows: readonly (readonly unknown[])[], firstRow: number): BudgetYear {
  const named = new Set<string>();
  const unnamedRows: number[] = [];
  let used = 0;
  rows.forEach((row, i) => {
    if (typeof row[0] === "string" && row[0].trim() !== "") used++;
    const years = row.map(yearsOf);
    years.forEach((y) => y.named.forEach((year) => named.add(year)));
    if (years.some((y) => y.unnamed)) unnamedRows.push(firstRow + i + 1);
  });
  return { recorded, named: [...named], unnamedRows, rows: used };
}

/** "rows 3, 4 and 7" */
export function rowList(rows: readonly number[]): string {
  const shown = rows.length > 6 ? [...rows.slice(0, 5).map(String), `${rows.length - 5} more`] : rows.map(String);
  const words = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown.join("");
  return `${rows.length === 1 ? "row" : "rows"} ${words}`;
}

/** Why a quote of one year is not added to a budget of another without the user's answer. */
export interface YearQuestion {
  readonly kind: "otherYear";
  readonly sheet: string;
  /** The year the budget is priced with, or null when it records and names none. */
  readonly budgetYear: string | null;
  readonly quoteYear: string;
  /** The years the user can add this quote at (each bundled); the pane offers one button each. */
  readonly choices: readonly string[];
  readonly message: string;
}

/** How the user sets a budget aside so the next quote starts a new one (the add-in keeps one ITS Budget table). */
function newBudgetHow(budget: string | null): string {
  const [sheet, table] = budget ? [`ITS Budget ${budget}`, `ITSBudget${budget.replace("-", "_")}`] : ["ITS Budget (old)", "ITSBudgetOld"];
  return (
    `To start a new budget sheet instead, rename this budget's sheet and its table first (for example "${sheet}" and ${table}: ` +
    `right-click the sheet tab > Rename, then Table Design > Table Name); the next quote then starts a new ITS Budget sheet.`
  );
}

/**
 * The question to ask before adding a quote priced with `quoteYear` to the budget on `sheet`, a block when its
 * formulas name two years, or null when the quote fits. `agreedYear` is the year the user chose in answer to an
 * earlier question (about a budget that names no year, or whose rows naming none price with another year).
 */
export function yearQuestion(
  sheet: string,
  year: BudgetYear,
  quoteYear: string,
  agreedYear: string | undefined,
  tables: readonly RateTable[] = RATE_TABLES,
): YearQuestion | { readonly kind: "blocked"; readonly message: string } | null {
  const newest = tables[tables.length - 1].fiscalYear;
  const budget = year.recorded ?? (year.named.length === 1 ? year.named[0] : null);
  if (year.recorded === null && year.named.length > 1) {
    return {
      kind: "blocked",
      message:
        `The ITS Budget table on "${sheet}" has formulas naming more than one fiscal year (${year.named.map((y) => `FY ${y}`).join(", ")}), so its total mixes years. ` +
        `Make every row's formulas name one year (or move the other year's rows to a sheet of their own), then add the quote again.`,
    };
  }
  const howNew = newBudgetHow(budget);
  const unnamed =
    year.unnamedRows.length === 0
      ? ""
      : ` The formulas in ${rowList(year.unnamedRows)} name no year (an earlier version wrote them), so they price with the newest bundled year, FY ${newest}.`;
  if (budget !== null && budget === quoteYear) {
    // Rows naming no year price with the newest year: when that is not the budget's, its total mixes years already.
    if (year.unnamedRows.length === 0 || budget === newest || agreedYear === quoteYear) return null;
    return {
      kind: "otherYear",
      sheet,
      budgetYear: budget,
      quoteYear,
      choices: [budget],
      message:
        `This budget is priced with FY ${budget} rates, but its total mixes years:${unnamed} ` +
        `To price them with FY ${budget}, add those sites again (each update lists what changes). Add this quote at FY ${budget} rates now? Nothing has been changed yet.`,
    };
  }
  if (budget !== null) {
    const bundled = tables.some((t) => t.fiscalYear === budget);
    return {
      kind: "otherYear",
      sheet,
      budgetYear: budget,
      quoteYear,
      choices: bundled ? [budget] : [],
      message:
        `This budget is priced with FY ${budget} rates; this quote uses FY ${quoteYear}. ` +
        (bundled
          ? `Add it at FY ${budget} rates, or start a new budget sheet for FY ${quoteYear}.`
          : `This version of the add-in has no FY ${budget} rates (bundled years: ${bundledYears(tables)}): update the add-in to add to this budget, or start a new budget sheet for FY ${quoteYear}.`) +
        unnamed +
        ` Nothing has been changed yet. ${howNew}`,
    };
  }
  // No year recorded or named: rows an earlier version wrote. With one bundled year there is nothing to mix them with.
  if (year.rows === 0 || tables.length === 1 || agreedYear === quoteYear) return null;
  const choices = [quoteYear, ...(year.unnamedRows.length > 0 && newest !== quoteYear ? [newest] : [])];
  return {
    kind: "otherYear",
    sheet,
    budgetYear: null,
    quoteYear,
    choices,
    message:
      `This budget records no fiscal year: its rows were written before the add-in named years, so which year's rates priced them is not known.` +
      unnamed +
      ` This quote uses FY ${quoteYear}. Add it at ${choices.map((c) => `FY ${c}`).join(" or ")} rates (the budget is then recorded as that year), or start a new budget sheet for FY ${quoteYear}. ` +
      `Nothing has been changed yet. ${howNew}`,
  };
}
