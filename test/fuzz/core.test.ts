/**
 * The domain core's invariants, for every bundled fiscal year: more students never means fewer recommended
 * days, more days never cost less, and every price the core gives is a cell of the memo's table (never computed).
 */
import fc from "fast-check";
import { RATE_TABLES, annualCost, compareOptions, pricePurchase, recommendDays, type OptionNumber } from "../../src/core";


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
