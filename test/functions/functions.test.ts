import { StubCustomFunctionError, installCustomFunctionsHost } from "../support/customFunctionsHost";
import { ItsOption, itsCost, itsDays, itsRates } from "../../src/functions/functions";

beforeAll(() => installCustomFunctionsHost());

/** What Excel would show in a cell: the number, "" for blank, or the error code with its message. */
function shown(cell: unknown): unknown {
  return cell instanceof StubCustomFunctionError ? `${cell.code} ${cell.message}` : cell;
}
const grid = (result: unknown[][]) => result.map((row) => row.map(shown));

describe("=LAUSD.ITSDAYS(enrollment, [fiscalYear])", () => {
  it("gives the days for a single cell, as Excel passes it (a 1x1 matrix)", () => {
    expect(itsDays([[523]])).toEqual([[3]]);
  });

  it("returns a range in the same shape, so it spills", () => {
    const input = [
      [0, 1, 199, 200, 201],
      [399, 400, 401, 600, 601],
      [800, 801, 200.5, 1e9, "1,024"],
    ];
    expect(itsDays(input)).toEqual([
      [1, 1, 1, 1, 2],
      [2, 2, 3, 3, 4],
      [4, 5, 2, 5, 5],
    ]);
  });

  it("keeps blanks (null, \"\" or spaces) blank, and reads 0 as 0 students: 1 day", () => {
    // A function cannot tell a blank that some desktop builds pass as 0 (office-js #4702, #5262) from a typed 0;
    // the help says so and tells users to guard with IF(cell="","",...), as the add-in's own formulas do.
    expect(itsDays([[null], [""], ["  "], [0], [250]])).toEqual([[""], [""], [""], [1], [2]]);
  });

  it("reads numeric text", () => {
    expect(itsDays([["523", " 523 ", "1,024"]])).toEqual([[3, 3, 5]]);
  });

  it("puts an error in the bad cell only, with a message", () => {
    const result = grid(itsDays([[300, "n/a", -4, true, 900]]));
    expect(result[0][0]).toBe(2);
    expect(result[0][1]).toMatch(/^#VALUE! Enrollment must be a number; "n\/a" is text/);
    expect(result[0][2]).toMatch(/^#NUM! Enrollment cannot be negative \(got -4\)/);
    expect(result[0][3]).toMatch(/^#VALUE! Enrollment must be a number, not TRUE/);
    expect(result[0][4]).toBe(5);
  });
});

describe("=LAUSD.ITSCOST(days, [option], [fiscalYear])", () => {
  it("defaults to Full Year", () => {
    expect(itsCost([[1, 2, 3, 4, 5]])).toEqual([[26151, 52301, 78452, 104602, 130753]]);
  });

  it.each([
    [2, [[25004, 50008, 75013, 100017, 125021]]],
    ["Outside Summer", [[25004, 50008, 75013, 100017, 125021]]],
    ["outside of summer", [[25004, 50008, 75013, 100017, 125021]]],
    [3, [[1125, 2251, 3376, 4502, 5627]]],
    [ItsOption.SummerOnly, [[1125, 2251, 3376, 4502, 5627]]],
    ["A Basis", [[26151, 52301, 78452, 104602, 130753]]],
    [ItsOption.FullYear, [[26151, 52301, 78452, 104602, 130753]]],
  ])("prices option %p from the memo's table", (option, expected) => {
    expect(itsCost([[1, 2, 3, 4, 5]], option as ItsOption)).toEqual(expected);
  });

  it("costs $0 for 0 days (also a blank passed as 0) and keeps blanks (null, \"\") blank", () => {
    expect(itsCost([[0], [null], [""], [" "]], ItsOption.OutsideSummer)).toEqual([[0], [""], [""], [""]]);
    expect(itsCost([[0], [null], [""]])).toEqual([[0], [""], [""]]);
  });

  it("a blank option (null or \"\") is Full Year; 0 is not an option", () => {
    expect(itsCost([[3]], null as never)).toEqual([[78452]]);
    expect(itsCost([[3]], "" as never)).toEqual([[78452]]);
    expect(() => itsCost([[3]], 0 as never)).toThrow(expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/^Unknown option 0\./) }));
  });

  // Each of these was read as an option before, because punctuation was stripped.
  it.each(["-1", "$1", "1%", "(2)", "#3"])("refuses option %p with #VALUE! saying what is accepted", (option) => {
    expect(() => itsCost([[1]], option as ItsOption)).toThrow(
      expect.objectContaining({
        code: "#VALUE!",
        message: `Unknown option "${option}". Use 1 or "Full Year", 2 or "Outside Summer", 3 or "Summer Only" (any case; spaces or hyphens between words).`,
      }),
    );
  });

  it.each([
    ["FULL YEAR", 78452],
    ["outside-summer", 75013],
    [" Summer  Only ", 3376],
    ["2", 75013],
  ])("accepts the documented spelling %p", (option, price) => {
    expect(itsCost([[3]], option as ItsOption)).toEqual([[price]]);
  });

  it("gives #NUM! for days that cannot be bought, in that cell only", () => {
    const result = grid(itsCost([[6, 2.5, -1, 3]]));
    for (const cell of result[0].slice(0, 3)) {
      expect(cell).toMatch(/^#NUM! Days a week must be a whole number from 0 to 5 \(5 = a full-time technician\)/);
    }
    expect(result[0][3]).toBe(78452);
  });

  it("gives #VALUE! for text days", () => {
    expect(shown(itsCost([["three"]])[0][0])).toMatch(/^#VALUE! Days a week must be a number/);
  });

  it("throws #VALUE! listing the valid options for an unknown option", () => {
    expect(() => itsCost([[1]], "Winter" as ItsOption)).toThrow(StubCustomFunctionError);
    try {
      itsCost([[1]], "Winter" as ItsOption);
    } catch (error) {
      expect(shown(error)).toBe(
        '#VALUE! Unknown option "Winter". Use 1 or "Full Year", 2 or "Outside Summer", 3 or "Summer Only" (any case; spaces or hyphens between words).',
      );
    }
  });
});

describe("the optional fiscalYear argument (one bundled year)", () => {
  it.each(["2025-26", "FY2025-26", "FY 2025-26", "2025-2026", "FY25-26", "fy25-26", undefined, null, ""])("%p prices FY 2025-26", (year) => {
    expect(itsCost([[3]], 1 as never, year as string)).toEqual([[78452]]);
    expect(itsCost([[3]], undefined, year as string)).toEqual([[78452]]);
    expect(itsDays([[523]], year as string)).toEqual([[3]]);
    expect(itsRates(year as string)[3]).toEqual([3, 78452, 75013, 3376]);
  });

  it.each([
    ["2019-20", "No rates for fiscal year 2019-20. Bundled years: 2025-26."],
    ["FY19-20", "No rates for fiscal year 2019-20. Bundled years: 2025-26."],
    ["last year", '"last year" is not a fiscal year: write it as text, like "2025-26", "FY2025-26", "FY 2025-26", "2025-2026" or "FY25-26". Bundled years: 2025-26.'],
  ])("%p makes the whole call #VALUE!, naming the bundled years", (year, message) => {
    const refused = expect.objectContaining({ code: "#VALUE!", message });
    expect(() => itsCost([[3]], 1 as never, year)).toThrow(refused);
    expect(() => itsDays([[523]], year)).toThrow(refused);
    expect(() => itsRates(year)).toThrow(refused);
  });

  it("checks the year before the option, so a bad year is reported even with a bad option", () => {
    expect(() => itsCost([[3]], "Winter" as never, "2019-20")).toThrow(expect.objectContaining({ message: expect.stringMatching(/^No rates for fiscal year 2019-20/) }));
  });
});

describe("=LAUSD.ITSRATES([fiscalYear])", () => {
  it("spills the bundled table with its header row", () => {
    expect(itsRates()).toEqual([
      ["Days per week", "Full Year", "Outside Summer", "Summer Only"],
      [1, 26151, 25004, 1125],
      [2, 52301, 50008, 2251],
      [3, 78452, 75013, 3376],
      [4, 104602, 100017, 4502],
      [5, 130753, 125021, 5627],
    ]);
  });
});
