/**
 * The domain core's invariants, for every bundled fiscal year: more students never means fewer recommended
 * days, more days never cost less, and every price the core gives is a cell of the memo's table (never computed).
 */
import fc from "fast-check";
import {
  CURRENT_RATES,
  RATE_TABLES,
  annualCost,
  bundledYears,
  compareOptions,
  normalizeFiscalYear,
  parseFiscalYear,
  parseOption,
  pricePurchase,
  recommendDays,
  type OptionNumber,
} from "../../src/core";
import { decoratedOption, documentedOption, spelledYear, yearArg } from "./arbitraries";
const enrollment = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 200, 200.5, 400, 401, 600, 601, 800, 801, Number.MAX_VALUE),
);
const optionNumber = fc.constantFrom<OptionNumber>(1, 2, 3);

describe.each(RATE_TABLES.map((rates) => [rates.fiscalYear, rates] as const))("FY %s rate table", (_, rates) => {
  const days = fc.integer({ min: 0, max: rates.maxDays });
  const tableCells = new Set([0, ...rates.options.flatMap((o) => o.prices)]);

  test("recommended days never decrease as enrollment grows, and stay within 1 to the maximum", () => {
    fc.assert(
      fc.property(enrollment, enrollment, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [dLow, dHigh] = [recommendDays(low, rates).days, recommendDays(high, rates).days];
        return dLow <= dHigh && dLow >= 1 && dHigh <= rates.maxDays;
      }),
      { numRuns: 20_000 },
    );
  });

  test("the price never decreases as days grow, for every option", () => {
    fc.assert(
      fc.property(days, days, optionNumber, (a, b, option) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return annualCost(low, option, rates) <= annualCost(high, option, rates);
      }),
      { numRuns: 5_000 },
    );
  });

  test("every price is one of the table's cells, for single options, splits and comparisons", () => {
    fc.assert(
      fc.property(days, days, optionNumber, (a, b, option) => {
        const single = pricePurchase({ kind: "single", option, days: a }, rates);
        const split = pricePurchase({ kind: "split", outsideSummerDays: a, summerOnlyDays: b }, rates);
        const lines = [...single.lines, ...split.lines, ...compareOptions(a, rates)];
        return (
          lines.every((line) => tableCells.has(line.cost)) &&
          single.total === (a === 0 ? 0 : rates.options[option - 1].prices[a - 1]) &&
          split.total === split.lines[0].cost + split.lines[1].cost
        );
      }),
      { numRuns: 5_000 },
    );
  });

  test("days outside 0 to the maximum, or not whole, are refused rather than priced", () => {
    fc.assert(
      fc.property(fc.double(), optionNumber, (d, option) => {
        fc.pre(!(Number.isInteger(d) && d >= 0 && d <= rates.maxDays));
        try {
          annualCost(d, option, rates);
          return false;
        } catch (error) {
          return error instanceof RangeError;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("parsing the arguments people type", () => {
  test("an option is read only from a documented spelling; punctuation around or inside it is refused", () => {
    fc.assert(
      fc.property(documentedOption, decoratedOption, ([text, number], decorated) => {
        const read = parseOption(text, CURRENT_RATES);
        const refused = parseOption(decorated, CURRENT_RATES);
        return read.kind === "ok" && read.value === number && refused.kind === "invalid" && refused.problem.kind === "value";
      }),
      { numRuns: 5_000 },
    );
  });

  // Two-digit years ("FY25-26") are 20xx, so the property runs over this century.
  test("every documented spelling of a fiscal year reads as that year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2098 }).chain((start) => spelledYear(start).map((text) => [start, text] as const)), ([start, text]) => {
        return normalizeFiscalYear(text) === `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
      }),
      { numRuns: 5_000 },
    );
  });

  test("a fiscal year is bundled or refused with the bundled years named, never another year's table", () => {
    fc.assert(
      fc.property(yearArg, (year) => {
        const parsed = parseFiscalYear(year);
        if (parsed.kind === "invalid") return parsed.problem.message.includes(`Bundled years: ${bundledYears()}.`);
        return RATE_TABLES.includes(parsed.value) && (parsed.value === CURRENT_RATES || parsed.value.fiscalYear === normalizeFiscalYear(String(year)));
      }),
      { numRuns: 5_000 },
    );
  });
});
