/**
 * Property-based tests of the custom functions over arbitrary inputs. Each property checks a contract a
 * spreadsheet user relies on: the function never fails as a whole (only CustomFunctions.Error, and only for a
 * bad option), each cell gets a number, a blank or its own error (never NaN or undefined), the result has the
 * input's shape, and every cell agrees with the domain core. Reproduce a failure with FUZZ_SEED=<seed>.
 */
import fc from "fast-check";
import {
  CURRENT_RATES,
  RATE_TABLES,
  annualCost,
  parseDays,
  parseEnrollment,
  parseFiscalYear,
  parseOption,
  recommendDays,
  type Parsed,
} from "../../src/core";
import { itsCost, itsDays, itsRates } from "../../src/functions/functions";
import { anyCell, anyNumber, daysCell, decoratedOption, documentedOption, matrixOf, numericText, optionArg, spelledYear, yearArg } from "./arbitraries";
import { CustomFunctionError, ErrorCode, installCustomFunctionsRuntime } from "./customFunctionsRuntime";

installCustomFunctionsRuntime();

const rates = CURRENT_RATES;
/** Total cells handed to the functions in this file; the last test checks the run was big enough. */
let cellsFuzzed = 0;
const MIN_CELLS = 100_000;

const cellCount = (m: unknown[][]): number => m.reduce((n, row) => n + row.length, 0);

/** What the core says a cell should become, in the function's terms. */
function expected(parsed: Parsed<number>, compute: (n: number) => number): unknown {
  if (parsed.kind === "blank") return "";
  if (parsed.kind === "invalid") {
    return { code: parsed.problem.kind === "number" ? ErrorCode.invalidNumber : ErrorCode.invalidValue, message: parsed.problem.message };
  }
  return compute(parsed.value);
}

function asComparable(cell: unknown): unknown {
  return cell instanceof CustomFunctionError ? { code: cell.code, message: cell.message } : cell;
}

/** Plain checks instead of expect() per cell: jest's matchers cost more than the functions under test. */
function check(ok: boolean, what: string, detail: unknown): void {
  if (!ok) throw new Error(`${what}: ${fc.stringify(detail)}`);
}

function sameCell(actual: unknown, wanted: unknown): boolean {
  if (actual instanceof CustomFunctionError) {
    const w = wanted as { code?: unknown; message?: unknown };
    return actual.code === w.code && actual.message === w.message;
  }
  return Object.is(actual, wanted);
}

/** A number (finite, never -0), a blank, or an error that says what is wrong. */
function wellFormed(cell: unknown): boolean {
  if (cell instanceof CustomFunctionError) {
    return (cell.code === ErrorCode.invalidValue || cell.code === ErrorCode.invalidNumber) && cell.message.length > 10;
  }
  if (typeof cell === "number") return Number.isFinite(cell) && !Object.is(cell, -0);
  return cell === "";
}

function sameShape(result: unknown, input: unknown[][]): boolean {
  return (
    Array.isArray(result) &&
    result.length === input.length &&
    result.every((row, r) => Array.isArray(row) && row.length === input[r].length)
  );
}

/** Checks every cell of a result against the core's verdict for the matching input cell. */
function checkCells(result: unknown[][], input: unknown[][], verdict: (cell: unknown) => unknown, extra?: (cell: unknown) => boolean): void {
  check(sameShape(result, input), "shape changed", { input, result });
  result.forEach((row, r) =>
    row.forEach((cell, c) => {
      check(wellFormed(cell), "malformed cell", { input: input[r][c], cell });
      check(sameCell(cell, verdict(input[r][c])), "disagrees with the core", { input: input[r][c], cell: asComparable(cell) });
      if (extra) check(extra(cell), "not a table price", { input: input[r][c], cell });
    }),
  );
}

/** Days by the memo's bands, read straight from the table's data: 1 + the number of band tops below n. */
function daysByBands(n: number): number {
  return 1 + rates.bands.filter((b) => b.maxEnrollment !== null && n > b.maxEnrollment).length;
}

const allPrices = new Set(rates.options.flatMap((o) => o.prices));

describe("ITSDAYS over arbitrary inputs", () => {
  test("never throws, keeps the shape, gives a number, blank or its own error per cell, and agrees with the core", () => {
    fc.assert(
      fc.property(matrixOf(anyCell), (input) => {
        cellsFuzzed += cellCount(input);
        checkCells(itsDays(input), input, (cell) => expected(parseEnrollment(cell), (n) => recommendDays(n, rates).days));
      }),
      { numRuns: 8_000 },
    );
  });

  test("a number of students gives the band's days (each band includes its upper end), negatives give #NUM!", () => {
    fc.assert(
      fc.property(anyNumber, (n) => {
        cellsFuzzed += 1;
        const [[cell]] = itsDays([[n]]);
        const refused = !Number.isFinite(n) || n < 0;
        if (refused) check(cell instanceof CustomFunctionError && cell.code === ErrorCode.invalidNumber, "not #NUM!", { n, cell });
        else check(cell === daysByBands(n), "wrong band", { n, cell });
      }),
      { numRuns: 20_000 },
    );
  });

  test("numeric text counts as its number", () => {
    fc.assert(
      fc.property(numericText, (text) => {
        cellsFuzzed += 2;
        const number = Number(text.trim().replace(/,/g, ""));
        const [[fromText], [fromNumber]] = itsDays([[text], [number]]);
        check(sameCell(fromText, asComparable(fromNumber)), "text and number differ", { text, fromText, fromNumber });
      }),
      { numRuns: 10_000 },
    );
  });

  test("one bad cell never spoils its neighbours", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 30 }), anyCell, fc.nat(), (column, bad, at) => {
        const input: unknown[][] = column.map((n) => [n]);
        const row = at % input.length;
        input[row] = [bad];
        cellsFuzzed += input.length;
        const result = itsDays(input);
        result.forEach(([cell], r) => {
          if (r !== row) check(cell === daysByBands(column[r]), "neighbour changed", { input, r, cell });
        });
      }),
      { numRuns: 3_000 },
    );
  });
});

describe("ITSCOST over arbitrary inputs", () => {
  test("throws only CustomFunctions.Error #VALUE! for a bad option; otherwise keeps the shape and agrees with the core", () => {
    fc.assert(
      fc.property(matrixOf(daysCell), optionArg, (input, option) => {
        cellsFuzzed += cellCount(input) + 1;
        const chosen = parseOption(option, rates);
        let result: unknown[][];
        try {
          result = itsCost(input, option as never);
        } catch (error) {
          const listsOptions = error instanceof CustomFunctionError && error.message.includes('"Summer Only"');
          check(listsOptions && error.code === ErrorCode.invalidValue, "not a #VALUE! listing the options", { option, error });
          check(chosen.kind === "invalid", "refused an option the core accepts", { option });
          return;
        }
        check(chosen.kind === "ok", "accepted an option the core refuses", { option });
        const optionNumber = chosen.kind === "ok" ? chosen.value : 1;
        checkCells(
          result,
          input,
          (cell) => expected(parseDays(cell, rates), (d) => annualCost(d, optionNumber, rates)),
          (cell) => typeof cell !== "number" || cell === 0 || allPrices.has(cell),
        );
      }),
      { numRuns: 8_000 },
    );
  });

  test("whole days 0-5 give the table's cell for the option (0 -> $0); anything else numeric gives #NUM!", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -3, max: 8 }), anyNumber), fc.constantFrom(...rates.options), (days, option) => {
        cellsFuzzed += 2;
        const byNumber = itsCost([[days]], option.number as never)[0][0];
        const byName = itsCost([[days]], option.name as never)[0][0];
        check(sameCell(byName, asComparable(byNumber)), "name and number differ", { days, byName, byNumber });
        if (Number.isInteger(days) && days >= 0 && days <= rates.maxDays) {
          check(byNumber === (days === 0 ? 0 : option.prices[days - 1]), "not the table's price", { days, byNumber });
        } else {
          check(byNumber instanceof CustomFunctionError && byNumber.code === ErrorCode.invalidNumber, "not #NUM!", { days, byNumber });
        }
      }),
      { numRuns: 15_000 },
    );
  });

  test("an omitted option is Full Year", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 10 }), (input) => {
        cellsFuzzed += cellCount(input);
        const omitted = itsCost(input);
        const fullYear = input.map((row) => row.map((d) => (d === 0 ? 0 : rates.options[0].prices[d - 1])));
        check(fc.stringify(omitted) === fc.stringify(fullYear), "not Full Year prices", { input, omitted });
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("option spellings", () => {
  test("every documented spelling (1-3 as number or text; a name in any case, spaces or hyphens between words) prices its option", () => {
    fc.assert(
      fc.property(documentedOption, fc.integer({ min: 1, max: rates.maxDays }), ([option, number], days) => {
        cellsFuzzed += 1;
        const [[cost]] = itsCost([[days]], option as never);
        check(cost === rates.options[number - 1].prices[days - 1], "documented spelling not priced as its option", { option, days, cost });
      }),
      { numRuns: 5_000 },
    );
  });

  test("an option with punctuation around or inside it is refused with #VALUE! saying what is accepted", () => {
    fc.assert(
      fc.property(decoratedOption, (option) => {
        cellsFuzzed += 1;
        try {
          itsCost([[1]], option as never);
        } catch (error) {
          check(error instanceof CustomFunctionError && error.code === ErrorCode.invalidValue && error.message.includes('1 or "Full Year"'), "not a #VALUE! listing the options", { option, error });
          return;
        }
        check(false, "priced an undocumented option spelling", { option });
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("the fiscalYear argument", () => {
  const bundled = new Map(RATE_TABLES.map((t) => [Number(t.fiscalYear.slice(0, 4)), t]));

  test("any documented spelling of a year gives that year's prices if it is bundled, else #VALUE! naming the bundled years", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 2000, max: 2098 }), fc.constantFrom(...bundled.keys())).chain((start) => spelledYear(start).map((text) => [start, text] as const)), ([start, year]) => {
        cellsFuzzed += 1;
        const table = bundled.get(start);
        try {
          const [[cost]] = itsCost([[3]], 1 as never, year);
          check(table !== undefined && cost === table.options[0].prices[2], "priced a year that is not bundled, or with another year's price", { year, cost });
        } catch (error) {
          const names = error instanceof CustomFunctionError && error.code === ErrorCode.invalidValue && error.message.endsWith(`Bundled years: ${RATE_TABLES.map((t) => t.fiscalYear).join(", ")}.`);
          check(table === undefined && names, "refused a bundled year, or without naming the bundled years", { year, error });
        }
      }),
      { numRuns: 5_000 },
    );
  });

  test("every function agrees with the core on any year argument: the named table, or one #VALUE! for the whole call", () => {
    fc.assert(
      fc.property(yearArg, matrixOf(daysCell), (year, days) => {
        cellsFuzzed += cellCount(days) * 2;
        const parsed = parseFiscalYear(year);
        const calls = [() => itsCost(days, undefined, year as never), () => itsDays(days, year as never), () => itsRates(year as never)];
        for (const call of calls) {
          let result: unknown[][] | undefined;
          try {
            result = call();
          } catch (error) {
            const same = parsed.kind === "invalid" && error instanceof CustomFunctionError && error.code === ErrorCode.invalidValue && error.message === parsed.problem.message;
            check(same, "refused unlike the core", { year, error });
          }
          if (result) check(parsed.kind === "ok", "accepted a year the core refuses", { year });
        }
        if (parsed.kind === "ok") {
          const table = parsed.value;
          checkCells(itsCost(days, undefined, year as never), days, (cell) => expected(parseDays(cell, table), (d) => annualCost(d, 1, table)));
          checkCells(itsDays(days, year as never), days, (cell) => expected(parseEnrollment(cell), (n) => recommendDays(n, table).days));
        }
      }),
      { numRuns: 3_000 },
    );
  });
});

test("ITSRATES spills exactly the bundled table under its header", () => {
  const table = itsRates();
  expect(table[0]).toEqual(["Days per week", ...rates.options.map((o) => o.name)]);
  expect(table.slice(1)).toEqual(rates.options[0].prices.map((_, i) => [i + 1, ...rates.options.map((o) => o.prices[i])]));
});

test(`the fuzz handed the functions at least ${MIN_CELLS.toLocaleString("en-US")} inputs`, () => {
  expect(cellsFuzzed).toBeGreaterThanOrEqual(MIN_CELLS);
  console.info(`fuzz: ${cellsFuzzed.toLocaleString("en-US")} function inputs`);
});
