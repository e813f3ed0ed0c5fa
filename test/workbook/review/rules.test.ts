/** The review's rules, one kind at a time, at their boundaries, and every price of the memo's table. */
import { CURRENT_RATES } from "../../../src/core";
import { type FindingKind, OK_FINDING, type RowCells, findingText, reviewRow } from "../../../src/workbook/review";

const rates = CURRENT_RATES;

/** The memo's table (ITS memo of December 5, 2024), typed here from the memo, not from src/core. */
const MEMO: Record<string, number[]> = {
  "Full Year": [26151, 52301, 78452, 104602, 130753],
  "Outside Summer": [25004, 50008, 75013, 100017, 125021],
  "Summer Only": [1125, 2251, 3376, 4502, 5627],
};

const row = (cells: Partial<RowCells>): RowCells => ({ enrollment: "", days: "", option: "", cost: "", summerDays: "", ...cells });
const review = (cells: Partial<RowCells>) => reviewRow(row(cells), rates);
const kinds = (cells: Partial<RowCells>): FindingKind[] => {
  const r = review(cells);
  return r.kind === "blank" ? [] : r.findings.map((f) => f.kind);
};
const text = (cells: Partial<RowCells>) => findingText(review(cells));

describe("every option and day count of the memo's table", () => {
  const cases = Object.entries(MEMO).flatMap(([option, prices]) => [0, 1, 2, 3, 4, 5].map((days) => [option, days, days === 0 ? 0 : prices[days - 1]] as const));

  it.each(cases)("%s, %i days at the memo's price $%i is OK", (option, days, price) => {
    expect(text({ days, option, cost: price })).toBe(OK_FINDING);
  });

  it.each(cases)("%s, %i days: a cost $1 off names the memo's price", (option, days, price) => {
    const shown = (n: number) => `${n < 0 ? "-" : ""}$${Math.abs(n).toLocaleString("en-US")}`;
    expect(text({ days, option, cost: price + 1 })).toBe(
      `Cost ${shown(price + 1)} is not the memo's price for ${days} ${days === 1 ? "day" : "days"} ${option}: ${shown(price)}.`,
    );
  });

  it("words the issue's example exactly", () => {
    expect(text({ days: 2, option: "Outside Summer", cost: 50000 })).toBe("Cost $50,000 is not the memo's price for 2 days Outside Summer: $50,008.");
  });
});

describe("option names: the spellings the core accepts", () => {
  it.each([
    ["Full Year", 26151],
    ["full year", 26151],
    ["FULL YEAR - A BASIS", 26151],
    ["A Basis", 26151],
    [1, 26151],
    ["1", 26151],
    ["Outside of Summer", 25004],
    ["outside summer", 25004],
    [2, 25004],
    ["Summer Only", 1125],
    [3, 1125],
  ])("%p with 1 day at its price is OK", (option, cost) => expect(text({ days: 1, option, cost })).toBe(OK_FINDING));

  it.each(["Winter", "Full", 4, "Option 1", "Summer"])("%p is none of the three, and the cost is not checked against a guess", (option) => {
    expect(kinds({ days: 1, option, cost: 1 })).toEqual(["unknownOption"]);
    expect(text({ days: 1, option, cost: 1 })).toMatch(/^Unknown option .*Use 1 or "Full Year", 2 or "Outside Summer", 3 or "Summer Only"/);
  });

  it("a blank option beside days is a finding (the functions would read it as Full Year); beside 0 days it is not", () => {
    expect(kinds({ days: 2, cost: 52301 })).toEqual(["blankOption"]);
    expect(text({ days: 2, cost: 52301 })).toMatch(/^Option is blank beside 2 days: enter 1 or "Full Year"/);
    expect(kinds({ days: 0, cost: 0 })).toEqual([]);
  });
});

describe("days bought", () => {
  it.each([2.5, -1, 6, 5.0001, "two", true])("%p is not a whole number from 0 to 5", (days) => {
    expect(kinds({ days, option: "Full Year", cost: 52301 })).toEqual(["invalidDays"]);
  });

  it.each([0, 5, "3", " 4 "])("%p is whole and within 0-5", (days) => {
    expect(kinds({ days, option: "Full Year", cost: [0, 26151, 52301, 78452, 104602, 130753][Number(days)] })).toEqual([]);
  });

  it("says what the memo allows", () => {
    expect(text({ days: 6, option: 1, cost: 1 })).toBe("Days a week must be a whole number from 0 to 5 (5 = a full-time technician); got 6.");
  });

  it("blank days beside a cost or an option is a finding", () => {
    expect(kinds({ option: "Full Year", cost: 26151 })).toEqual(["blankDays"]);
    expect(text({ cost: 26151 })).toBe('Days bought is blank beside a cost of $26,151: enter the days a week bought, 0 to 5.');
    expect(text({ option: "Full Year" })).toBe('Days bought is blank beside option "Full Year": enter the days a week bought, 0 to 5.');
  });
});

describe("days against the recommendation for the enrollment", () => {
  // Band edges: 200 is 1 day, 201 is 2, 800 is 4, 801 is 5; 200.5 is 2 (the core's reading).
  it.each([
    [200, 1],
    [201, 2],
    [400, 2],
    [401, 3],
    [600, 3],
    [601, 4],
    [800, 4],
    [801, 5],
    [200.5, 2],
    [0, 1],
  ])("%p students: %i days is OK, one fewer is below", (enrollment, days) => {
    const price = (d: number) => (d === 0 ? 0 : MEMO["Full Year"][d - 1]);
    expect(kinds({ enrollment, days, option: 1, cost: price(days) })).toEqual([]);
    expect(kinds({ enrollment, days: days - 1, option: 1, cost: price(days - 1) })).toEqual(["belowRecommendation"]);
    if (days < 5) expect(kinds({ enrollment, days: days + 1, option: 1, cost: price(days + 1) })).toEqual([]);
  });

  it("names the enrollment and the recommended days", () => {
    expect(text({ enrollment: 523, days: 2, option: 1, cost: 52301 })).toBe("Days 2 is below the memo's recommendation for 523 students: 3 days.");
    expect(text({ enrollment: 1200, days: 0, option: 1, cost: 0 })).toMatch(/^Days 0 is below the memo's recommendation for 1,200 students: 5 days \(0 days: no technician is assigned\. Support is remote only/);
  });

  it("a site with an enrollment and no days bought is below the recommendation", () => {
    expect(text({ enrollment: 150 })).toBe("Days bought is blank, below the memo's recommendation for 150 students: 1 day.");
  });

  it("no enrollment (an office) is not checked against a recommendation", () => {
    expect(kinds({ days: 1, option: 1, cost: 26151 })).toEqual([]);
  });

  it.each(["n/a", -4])("enrollment %p cannot be checked, and says why", (enrollment) => {
    expect(kinds({ enrollment, days: 1, option: 1, cost: 26151 })).toEqual(["invalidEnrollment"]);
    expect(text({ enrollment, days: 1, option: 1, cost: 26151 })).toMatch(/^Recommendation not checked: Enrollment/);
  });
});

describe("cost", () => {
  it("blank beside days names the memo's price; blank beside 0 days is fine", () => {
    expect(text({ days: 3, option: "Summer Only" })).toBe("Cost is blank beside 3 days Summer Only: the memo's price is $3,376.");
    expect(kinds({ days: 0, option: "Summer Only" })).toEqual([]);
  });

  it("a cost that is not a number names the price", () => {
    expect(text({ days: 1, option: 2, cost: "TBD" })).toBe('Cost "TBD" is not a number: the memo\'s price for 1 day Outside Summer is $25,004.');
  });

  it("numeric text counts as its number, with or without a dollar sign", () => {
    expect(kinds({ days: 2, option: 1, cost: "52,301" })).toEqual([]);
    expect(kinds({ days: 2, option: 1, cost: "$52,301" })).toEqual([]);
    expect(kinds({ days: 2, option: 1, cost: "$52,300" })).toEqual(["wrongCost"]);
  });

  it("cents are shown, so the two numbers never read alike", () => {
    expect(text({ days: 2, option: 1, cost: 52301.4 })).toBe("Cost $52,301.4 is not the memo's price for 2 days Full Year: $52,301.");
  });
});

describe("several findings in one row, and blank rows", () => {
  it("lists every rule a row breaks", () => {
    expect(kinds({ enrollment: 700, days: 2, option: "Outside Summer" })).toEqual(["belowRecommendation", "blankCost"]);
    expect(kinds({ enrollment: 700, days: 2, option: "Spring", cost: 5 })).toEqual(["belowRecommendation", "unknownOption"]);
  });

  it("a row with nothing to review is blank: no text at all", () => {
    expect(review({})).toEqual({ kind: "blank" });
    expect(text({ days: "  " })).toBe("");
  });
});

describe("a split: days Outside Summer plus Summer Only days (the quote tab's own rows)", () => {
  it("is priced as the sum of both, as the quote writes it", () => {
    expect(text({ enrollment: 523, days: 3, option: "Outside Summer", summerDays: 2, cost: 75013 + 2251 })).toBe(OK_FINDING);
    expect(text({ days: 3, option: "Outside Summer", summerDays: 2, cost: 75013 })).toBe("Cost $75,013 is not the memo's price for 3 days Outside Summer + 2 days Summer Only: $77,264.");
    expect(text({ days: 3, option: "Outside Summer", summerDays: 1 })).toBe("Cost is blank beside 3 days Outside Summer + 1 day Summer Only: the memo's price is $76,138.");
  });

  it("Summer Only days that are not whole 0-5 are a finding, and the cost is then not checked", () => {
    expect(kinds({ days: 3, option: 2, summerDays: 1.5, cost: 1 })).toEqual(["invalidDays"]);
    expect(text({ days: 3, option: 2, summerDays: 1.5, cost: 1 })).toMatch(/^Summer Only days: Days a week must be a whole number/);
  });

  it("blank or 0 Summer Only days is no split", () => {
    expect(kinds({ days: 1, option: 2, summerDays: 0, cost: 25004 })).toEqual([]);
    expect(kinds({ days: 1, option: 2, summerDays: "", cost: 25004 })).toEqual([]);
  });
});
