/**
 * The day a second fiscal year ships: the bundled list holds FY 2025-26 and a made-up FY 2026-27
 * (test/support/fy2026-27.fake.ts), as src/core/rates/bundled.ts would. A formula that names 2025-26 keeps
 * 2025-26's prices and bands; one that names no year moves to the newest, so the add-in's formulas name theirs.
 */
import { installCustomFunctionsHost } from "../support/customFunctionsHost";
import { itsCost, itsDays, itsRates } from "../../src/functions/functions";
import { FY2025_26 } from "../../src/core/rates/fy2025-26";
import { FAKE_FY2026_27 } from "../support/fy2026-27.fake";

jest.mock("../../src/core/rates/bundled", () => ({ RATE_TABLES: jest.requireActual("../support/fy2026-27.fake").TWO_YEARS }));

beforeAll(() => installCustomFunctionsHost());

const DAYS = [[0, 1, 2, 3, 4, 5]];
const withZero = (prices: readonly number[]) => [[0, ...prices]];

describe("two bundled years", () => {
  it.each(["2025-26", "FY2025-26", "FY 2025-26", "2025-2026", "FY25-26"])("ITSCOST naming %p keeps FY 2025-26 prices for every option", (year) => {
    FY2025_26.options.forEach((option) => {
      expect(itsCost(DAYS, option.name as never, year)).toEqual(withZero(option.prices));
      expect(itsCost(DAYS, String(option.number) as never, year)).toEqual(withZero(option.prices));
    });
    expect(itsCost([[3]], 1 as never, year)).toEqual([[78452]]);
  });

  it("ITSCOST naming 2026-27, or no year, gives the new year's prices", () => {
    FAKE_FY2026_27.options.forEach((option) => {
      expect(itsCost(DAYS, option.name as never, "2026-27")).toEqual(withZero(option.prices));
      expect(itsCost(DAYS, option.name as never)).toEqual(withZero(option.prices));
    });
  });

  it("ITSDAYS uses the bands of the year it names", () => {
    const students = [[200, 300, 301, 500, 501, 900, 901]];
    expect(itsDays(students, "2025-26")).toEqual([[1, 2, 2, 3, 3, 5, 5]]);
    expect(itsDays(students, "FY26-27")).toEqual([[1, 1, 2, 2, 3, 4, 5]]);
    expect(itsDays(students)).toEqual(itsDays(students, "2026-27"));
  });

  it("ITSRATES spills the year it names", () => {
    expect(itsRates("2025-26")[3]).toEqual([3, 78452, 75013, 3376]);
    expect(itsRates("2026-27")[3]).toEqual([3, 33333, 30003, 303]);
    expect(itsRates()).toEqual(itsRates("2026-27"));
  });

  it("an unknown year lists both bundled years", () => {
    const listsBoth = expect.objectContaining({ code: "#VALUE!", message: "No rates for fiscal year 2019-20. Bundled years: 2025-26, 2026-27." });
    expect(() => itsCost([[3]], 1 as never, "2019-20")).toThrow(listsBoth);
    expect(() => itsDays([[3]], "2019-20")).toThrow(listsBoth);
    expect(() => itsRates("2019-20")).toThrow(listsBoth);
  });
});
