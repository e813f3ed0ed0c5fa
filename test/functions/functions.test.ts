import { StubCustomFunctionError, installCustomFunctionsHost } from "../support/customFunctionsHost";
import { ItsOption, itsCost, itsDays, itsRates } from "../../src/functions/functions";

beforeAll(() => installCustomFunctionsHost());

/** What Excel would show in a cell: the number, "" for blank, or the error code with its message. */
function shown(cell: unknown): unknown {
  return cell instanceof StubCustomFunctionError ? `${cell.code} ${cell.message}` : cell;
}
const grid = (result: unknown[][]) => result.map((row) => row.map(shown));

describe("=LAUSD.ITSDAYS(enrollment)", () => {
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

  it("keeps blanks blank", () => {
    expect(itsDays([[null], [""], ["  "], [250]])).toEqual([[""], [""], [""], [2]]);
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

describe("=LAUSD.ITSCOST(days, [option])", () => {
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

  it("costs $0 for 0 days and keeps blanks blank", () => {
    expect(itsCost([[0], [null], [""]], ItsOption.OutsideSummer)).toEqual([[0], [""], [""]]);
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
        '#VALUE! Unknown option "Winter". Use 1 or "Full Year", 2 or "Outside Summer", 3 or "Summer Only".',
      );
    }
  });
});

describe("=LAUSD.ITSRATES()", () => {
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
