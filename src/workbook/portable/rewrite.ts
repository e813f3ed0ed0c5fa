/**
 * One formula without the add-in: each LAUSD.ITSDAYS / LAUSD.ITSCOST call becomes the fill's portable expression over
 * the rates sheet of the year the call names (../fill/cells.ts: one rule in one place), the rest of the formula is
 * kept as written. A call the rewrite cannot express (a range argument, which spills; a year from a cell; a year or
 * option the functions refuse; a formula over Excel's limits) leaves the whole formula as it is, with the reason.
 */
import { type OptionNumber, type Parsed, RATE_TABLES, type RateTable, parseDays, parseEnrollment, parseFiscalYear, parseOption } from "../../core";
import { type RatesSheet, type RowResult, costCell, daysCell, ratesSheet } from "../fill";
import { type Node, FormulaSyntaxError, calls, children, parseFormula, stringValue } from "./formula";

/** Excel's limits (Microsoft Support, "Excel specifications and limits"): 8,192 characters and 64 nested functions. */
export const MAX_FORMULA_LENGTH = 8192;
export const MAX_NESTING = 64;

export type Conversion =
  /** No LAUSD function in the formula. */
  | { readonly kind: "none" }
  | {
      readonly kind: "formula";
      readonly formula: string;
      /** The fiscal years whose rates sheets the formula reads. */
      readonly years: readonly RateTable[];
      /** Some call named no year: it is fixed to the newest bundled year. */
      readonly unnamedYear: boolean;
    }
  /** The whole formula is =LAUSD.ITSRATES(year): a table of (maxDays + 1) rows by (options + 1) columns. */
  | { readonly kind: "ratesTable"; readonly year: RateTable; readonly unnamedYear: boolean }
  /** `valuesOnly`: the formula's value can still replace it (the reason concerns only a portable formula). */
  | { readonly kind: "notConverted"; readonly reason: string; readonly valuesOnly: boolean };

const FUNCTIONS = { days: "LAUSD.ITSDAYS", cost: "LAUSD.ITSCOST", rates: "LAUSD.ITSRATES" } as const;
const isLausd = (name: string) => /^LAUSD\./i.test(name);

/** Functions that give one value from single values (so from a cell of each argument, one cell). */
const ELEMENTWISE = new Set(
  ["IF", "IFERROR", "IFNA", "IFS", "VALUE", "TRIM", "ROUND", "ROUNDUP", "ROUNDDOWN", "INT", "ABS", "N", "TEXT", "UPPER", "LOWER", "PROPER", "LEN", "LEFT", "RIGHT", "MID", "CONCATENATE", "CONCAT", "NOT", "ISBLANK", "ISNUMBER", "ISTEXT", "ISERROR", "MOD", "CEILING", "FLOOR", "SIGN", "SQRT", "POWER", "CHOOSE", "SWITCH"].map((f) => f.toUpperCase()),
);
/** Functions that give one value whatever their arguments' size. */
const AGGREGATES = new Set(["SUM", "MIN", "MAX", "AVERAGE", "COUNT", "COUNTA", "COUNTBLANK", "COUNTIF", "COUNTIFS", "SUMIF", "SUMIFS", "SUMPRODUCT", "AND", "OR", "SUBTOTAL", "ROWS", "COLUMNS", "ROW", "COLUMN"]);

class NotConvertible extends Error {
  constructor(
    reason: string,
    readonly valuesOnly = false,
  ) {
    super(reason);
  }
}

/** The fill's portable formulas take a row that is priced: only `kind` matters to them. */
const PRICED: RowResult = { kind: "ok", enrollment: 0, days: 0 };
const expressionOf = (formula: string): string => formula.replace(/^=/, "");

/** "fullyearabasis" for "Full Year - A Basis": the core's name matching (src/core/pricing.ts) ignores case, spaces and hyphens. */
const nameKey = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, "");

/**
 * The option number of the option in `o` (a cell or an expression), as the core's parseOption reads it: blank is 1;
 * a number 1-3; a digit 1-3 as text; a name or alias whatever the case, spaces, hyphens or en dashes between words;
 * anything else #VALUE!. Known limits: tabs or non-breaking spaces between words (the core accepts them) are #VALUE!.
 */
function optionNumberOf(o: string, rates: RateTable): string {
  const t = `TRIM(${o})`;
  const key = `LOWER(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${t}," ",""),"-",""),"\u2013",""))`;
  const numbers = rates.options.map((option) => option.number);
  const anyOf = (tests: readonly string[]) => (tests.length === 1 ? tests[0] : `OR(${tests.join(",")})`);
  const byName = rates.options.reduceRight(
    (otherwise, option) => {
      const keys = [...new Set([option.name, option.memoName, ...option.aliases].map(nameKey))];
      return `IF(${anyOf(keys.map((k) => `${key}="${k}"`))},${option.number},${otherwise})`;
    },
    "#VALUE!",
  );
  // A name starts and ends with a letter: "Full Year-" is refused by the core, so here too.
  const edges = anyOf(["LEFT", "RIGHT"].flatMap((side) => ["-", "\u2013"].map((dash) => `${side}(${t})="${dash}"`)));
  return (
    `IF(${t}="",1,IF(ISNUMBER(${o}),IF(${anyOf(numbers.map((n) => `${o}=${n}`))},${o},#VALUE!),` +
    `IF(ISLOGICAL(${o}),#VALUE!,IF(${anyOf(numbers.map((n) => `${t}="${n}"`))},VALUE(${t}),IF(${edges},#VALUE!,${byName})))))`
  );
}

/** Why `node` may stand for more than one cell (then a call on it spills), or null when it is one value. */
function rangeProblem(node: Node, text: string): string | null {
  const shown = text.slice(node.start, node.end);
  switch (node.kind) {
    case "reference":
      return node.area ? `${shown} is a range` : null;
    case "structured":
      return node.thisRow ? null : `${shown} is a table column`;
    case "name":
      return `${shown} is a defined name, which may stand for a range`;
    case "array":
      return `${shown} is an array`;
    case "binary":
      return node.op === ":" ? `${shown} is a range` : (rangeProblem(node.left, text) ?? rangeProblem(node.right, text));
    case "call": {
      const name = node.name.toUpperCase();
      if (name === FUNCTIONS.rates) return `${shown} spills a table`;
      if (AGGREGATES.has(name)) return null;
      if (isLausd(name) || ELEMENTWISE.has(name)) return node.args.map((a) => rangeProblem(a, text)).find((p) => p !== null) ?? null;
      return `${shown} uses ${node.name}, which may give a range`;
    }
    default:
      return children(node).map((c) => rangeProblem(c, text)).find((p) => p !== null) ?? null;
  }
}

/** A literal's value as a cell would hand it to the functions, or undefined for anything computed. */
function literal(node: Node): { value: unknown } | undefined {
  switch (node.kind) {
    case "missing":
      return { value: null };
    case "string":
      return { value: stringValue(node) };
    case "number":
      return { value: Number(node.text) };
    case "boolean":
      return { value: node.text.toUpperCase() === "TRUE" };
    default:
      return undefined;
  }
}

/** Converts one formula as Range.formulas gives it (anything else is not a formula: "none"). */
export function convertFormula(formula: unknown, tables: readonly RateTable[] = RATE_TABLES): Conversion {
  if (typeof formula !== "string" || !formula.startsWith("=")) return { kind: "none" };
  const outsideStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  if (!/LAUSD\./i.test(outsideStrings)) return { kind: "none" };
  let tree: Node;
  try {
    tree = parseFormula(formula);
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    return { kind: "notConverted", reason: `the add-in cannot read this formula (${error.message})`, valuesOnly: true };
  }
  // A quoted sheet name may mention the functions too ('LAUSD.ITSDAYS(1)'!B2).
  if (!mentionsLausd(tree)) return { kind: "none" };
  const text = formula.slice(1);
  const years = new Set<RateTable>();
  let unnamedYear = false;

  function yearOf(node: Node | undefined): RateTable {
    const value = node && literal(node);
    if (!node || value) {
      const parsed = parseFiscalYear(value?.value ?? null, tables);
      if (parsed.kind === "invalid") throw new NotConvertible(`${parsed.problem.message} The formula shows #VALUE!; correct its year first`);
      if (value?.value === null || value?.value === undefined || String(value.value).trim() === "") unnamedYear = true;
      years.add(parsed.value);
      return parsed.value;
    }
    throw new NotConvertible(`its fiscal year is ${text.slice(node.start, node.end)}, not written in the formula; type the year in it (like "${tables[tables.length - 1].fiscalYear}") to convert it`, true);
  }

  /** An argument as the portable expression can repeat it: converted, and in parentheses unless it is one term. */
  function operand(node: Node, what: string, call: string, parse?: (value: unknown) => Parsed<number>): string {
    const fixed = parse && literal(node);
    if (fixed && node.kind !== "missing") {
      // Typed in the formula: read now as the function reads it ("3" is 3), so the portable formula compares numbers.
      const parsed = parse!(fixed.value);
      if (parsed.kind === "invalid") throw new NotConvertible(`${parsed.problem.message} The formula shows an error; correct it first`);
      return parsed.kind === "blank" ? '""' : String(parsed.value);
    }
    const problem = rangeProblem(node, text);
    if (problem) throw new NotConvertible(`the ${what} of ${call} (${problem}) gives a spilled result, which one portable formula per cell cannot`);
    if (node.kind === "missing") throw new NotConvertible(`${call} has no ${what}`);
    const rendered = render(node);
    return ["unary", "binary", "percent"].includes(node.kind) ? `(${rendered})` : rendered;
  }

  function lausdCall(node: Extract<Node, { kind: "call" }>): string {
    const name = node.name.toUpperCase();
    const call = text.slice(node.start, node.end);
    if (name === FUNCTIONS.days && node.args.length >= 1 && node.args.length <= 2) {
      const enrollment = operand(node.args[0], "enrollment", call, parseEnrollment);
      const rates = yearOf(node.args[1]);
      return expressionOf(daysCell("portable", PRICED, enrollment, ratesSheet(rates)) as string);
    }
    if (name === FUNCTIONS.cost && node.args.length >= 1 && node.args.length <= 3) {
      const rates = yearOf(node.args[2]);
      const days = operand(node.args[0], "days", call, (value) => parseDays(value, rates));
      const layout = ratesSheet(rates);
      const cost = (option: OptionNumber) => expressionOf(costCell("portable", PRICED, option, days, rates, layout) as string);
      const optionNode = node.args[1];
      const fixed = optionNode === undefined ? { value: null } : literal(optionNode);
      if (fixed) {
        const option = parseOption(fixed.value, rates);
        if (option.kind === "invalid") throw new NotConvertible(`${option.problem.message} The formula shows #VALUE!; correct its option first`);
        return cost(option.value);
      }
      const option = operand(optionNode, "option", call);
      return `CHOOSE(${optionNumberOf(option, rates)},${rates.options.map((o) => cost(o.number)).join(",")})`;
    }
    if (name === FUNCTIONS.rates) throw new NotConvertible(`${call} spills the rate table inside a larger formula; refer to the rates sheet's table instead`, true);
    throw new NotConvertible(`${call} is not a function of this add-in, or has the wrong number of arguments`);
  }

  /** The node's text with every LAUSD call in it replaced. */
  function render(node: Node): string {
    const own = text.slice(node.start, node.end);
    if (node.kind === "name" && isLausd(node.text)) throw new NotConvertible(`${own} is not a call (no parentheses)`);
    if (node.kind === "call" && isLausd(node.name)) return lausdCall(node);
    if (!mentionsLausd(node)) return own;
    // The implicit-intersection @ that Excel may show before a function is Excel's only: LibreOffice does not read it.
    if (node.kind === "unary" && node.op === "@") return render(node.operand);
    let out = "";
    let at = node.start;
    for (const child of children(node)) {
      out += text.slice(at, child.start) + render(child);
      at = child.end;
    }
    return out + text.slice(at, node.end);
  }

  try {
    const whole = tree.kind === "unary" && tree.op === "@" ? tree.operand : tree;
    if (whole.kind === "call" && whole.name.toUpperCase() === FUNCTIONS.rates && whole.args.length <= 1) {
      const year = yearOf(whole.args[0]);
      return { kind: "ratesTable", year, unnamedYear };
    }
    const converted = `=${render(tree)}`;
    if (converted.length > MAX_FORMULA_LENGTH) {
      throw new NotConvertible(`the portable formula would have ${converted.length.toLocaleString("en-US")} characters, more than Excel's ${MAX_FORMULA_LENGTH.toLocaleString("en-US")}`, true);
    }
    if (nesting(converted) > MAX_NESTING) throw new NotConvertible(`the portable formula would nest functions more than Excel's ${MAX_NESTING} levels`, true);
    return { kind: "formula", formula: converted, years: [...years].sort((a, b) => tables.indexOf(a) - tables.indexOf(b)), unnamedYear };
  } catch (error) {
    if (!(error instanceof NotConvertible)) throw error;
    return { kind: "notConverted", reason: error.message, valuesOnly: error.valuesOnly };
  }
}

function mentionsLausd(node: Node): boolean {
  return calls(node).some((c) => isLausd(c.name)) || (node.kind === "name" && isLausd(node.text)) || children(node).some(mentionsLausd);
}

/** Deepest nesting of parentheses outside strings. */
function nesting(formula: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of formula.replace(/"(?:[^"]|"")*"/g, "")) {
    if (ch === "(") deepest = Math.max(deepest, ++depth);
    else if (ch === ")") depth--;
  }
  return deepest;
}

/** The cells of the rates table ITSRATES spills, header first: for a portable sheet, references to the rates sheet. */
export function ratesTableCells(rates: RateTable, mode: "portable" | "values", layout: RatesSheet = ratesSheet(rates)): (string | number)[][] {
  const header = ["Days per week", ...rates.options.map((o) => o.name)];
  const rows = Array.from({ length: rates.maxDays }, (_, i) => i + 1).map((days) =>
    [layout.priceDays, ...rates.options.map((o) => layout.prices(o.number))].map((column) => (mode === "values" ? valueAt(column, days, layout, rates) : `=${cellOf(column, days)}`)),
  );
  return [header, ...rows];
}

/** The cell of `days` in a rates-sheet column such as 'ITS Rates FY2025-26'!$B$14:$B$19 (its first row is 0 days). */
function cellOf(column: string, days: number): string {
  const [sheet, area] = [column.slice(0, column.lastIndexOf("!")), column.slice(column.lastIndexOf("!") + 1)];
  const [first] = area.split(":");
  const m = /^\$([A-Z]+)\$(\d+)$/.exec(first)!;
  return `${sheet}!$${m[1]}$${Number(m[2]) + days}`;
}

function valueAt(column: string, days: number, layout: RatesSheet, rates: RateTable): number {
  if (column === layout.priceDays) return days;
  const option = rates.options.find((o) => layout.prices(o.number) === column)!;
  return option.prices[days - 1];
}
