/**
 * The rewrite of one formula: where the calls are found (nested, after strings that mention them, on sheets whose
 * names need quotes), which year's rates sheet they read, and that the portable result computes what the function
 * computes (evaluated on the emulation beside the live call, for the option and days spellings staff type).
 */
import { CURRENT_RATES, annualCost, parseDays, parseEnrollment, parseOption, recommendDays } from "../../../src/core";
import { createWorkbook } from "../../../src/preview/excel-emulation";
import { ratesSheet, ratesSheetName } from "../../../src/workbook/fill";
import { parseFormula } from "../../../src/workbook/portable/formula";
import { type Conversion, convertFormula } from "../../../src/workbook/portable/rewrite";
import { FAKE_FY2026_27, TWO_YEARS } from "../../support/fy2026-27.fake";

const RATES_2025 = `'${ratesSheetName(CURRENT_RATES)}'!`;
const RATES_2026 = `'${ratesSheetName(FAKE_FY2026_27)}'!`;

function converted(formula: string, tables = TWO_YEARS): Extract<Conversion, { kind: "formula" }> {
  const result = convertFormula(formula, tables);
  if (result.kind !== "formula") throw new Error(`${formula}: ${JSON.stringify(result)}`);
  return result;
}
const reasonOf = (formula: string, tables = TWO_YEARS) => {
  const result = convertFormula(formula, tables);
  return result.kind === "notConverted" ? result : null;
};

describe("finding the calls", () => {
  test("a formula without a call, or only text that mentions one, is not touched", () => {
    for (const f of ['="LAUSD.ITSCOST(" & A1', "=SUM(A1:A3)", "LAUSD.ITSDAYS(3)", 42, '=\'LAUSD.ITSDAYS(1)\'!B2+1']) expect(convertFormula(f)).toEqual({ kind: "none" });
  });

  test("the call inside IF is replaced and the rest of the formula is kept as written, strings mentioning the function included", () => {
    const { formula } = converted('=IF(C2="LAUSD.ITSCOST(","x",  LAUSD.ITSDAYS(C2, "2025-26")&" days")');
    expect(formula.startsWith('=IF(C2="LAUSD.ITSCOST(","x",  IF(TRIM(C2)="","",')).toBe(true);
    expect(formula.endsWith('&" days")')).toBe(true);
    expect(formula).not.toMatch(/LAUSD\.ITSDAYS/);
    expect(formula).toContain(RATES_2025);
  });

  test("nested calls, lower case, implicit intersection and sheet names needing quotes", () => {
    const nested = converted("=lausd.itscost(LAUSD.ITSDAYS('It''s FY25'!B2,\"2025-26\"),2,\"2025-26\")").formula;
    expect(nested).not.toMatch(/LAUSD/i);
    expect(nested).toContain("ISNUMBER('It''s FY25'!B2)");
    expect(converted("=@LAUSD.ITSDAYS('LAUSD.ITSDAYS(1)'!B2)").formula).toMatch(/^=IF\(TRIM\('LAUSD.ITSDAYS\(1\)'!B2\)=""/);
    expect(converted("=LAUSD.ITSDAYS([@Enrollment])").formula).toContain("ISNUMBER([@Enrollment])");
    // An expression argument is kept whole: 2*B2 < 0, not 2*(B2<0).
    expect(converted("=LAUSD.ITSDAYS(B2*2=4)").formula).toContain("IF((B2*2=4)<0");
  });

  test("the parser keeps every node's place in the text", () => {
    const tree = parseFormula('=IF(A1="a""b",SUM(Sheet1!A1:B2),-2^2%)');
    expect(tree).toMatchObject({ kind: "call", name: "IF", start: 0, end: 37 });
    if (tree.kind !== "call") throw new Error("call");
    expect(tree.args.map((a) => a.kind)).toEqual(["binary", "call", "binary"]);
    expect(tree.args[1]).toMatchObject({ kind: "call", args: [{ kind: "reference", area: true, text: "Sheet1!A1:B2" }] });
  });
});

describe("the fiscal year", () => {
  test("a named year reads that year's rates sheet, in any spelling the functions accept; with two bundled years", () => {
    for (const year of ['"2025-26"', '"FY2025-26"', '"fy 25-26"', '"2025-2026"']) {
      const result = converted(`=LAUSD.ITSCOST(E2,F2,${year})`);
      expect([result.years.map((t) => t.fiscalYear), result.unnamedYear]).toEqual([["2025-26"], false]);
      expect(result.formula).toContain(RATES_2025);
      expect(result.formula).not.toContain(RATES_2026);
    }
    expect(converted('=LAUSD.ITSDAYS(B2,"2026-27")').formula).toContain(RATES_2026);
  });

  test("no year (omitted, or blank text) is fixed to the newest bundled year, and says so", () => {
    for (const f of ["=LAUSD.ITSDAYS(B2)", '=LAUSD.ITSDAYS(B2,"")', "=LAUSD.ITSCOST(3,,)", "=LAUSD.ITSCOST(3)"]) {
      const result = converted(f);
      expect([f, result.years.map((t) => t.fiscalYear), result.unnamedYear]).toEqual([f, ["2026-27"], true]);
    }
    expect(converted("=LAUSD.ITSDAYS(B2)", [CURRENT_RATES]).years).toEqual([CURRENT_RATES]);
  });

  test("a year the functions refuse, and a year from a cell, are not converted, with why", () => {
    expect(reasonOf('=LAUSD.ITSCOST(3,1,"2019-20")')).toEqual({ kind: "notConverted", reason: expect.stringMatching(/No rates for fiscal year 2019-20\. Bundled years: 2025-26, 2026-27\..*#VALUE!/), valuesOnly: false });
    expect(reasonOf("=LAUSD.ITSCOST(3,1,2025)")?.reason).toMatch(/is not a fiscal year/);
    // The value of a formula whose year is in a cell can still replace it.
    expect(reasonOf("=LAUSD.ITSDAYS(B2,$A$1)")).toEqual({ kind: "notConverted", reason: expect.stringMatching(/fiscal year is \$A\$1, not written in the formula/), valuesOnly: true });
  });
});

describe("what cannot be expressed", () => {
  test.each([
    ["=LAUSD.ITSDAYS(B2:B9)", /B2:B9 is a range/],
    ["=SUM(LAUSD.ITSCOST(E2:E9,2))", /E2:E9 is a range/],
    ["=LAUSD.ITSDAYS(Sites[Enrollment])", /Sites\[Enrollment\] is a table column/],
    ["=LAUSD.ITSDAYS(Enrollments)", /defined name/],
    ["=LAUSD.ITSDAYS(OFFSET(B1,1,0))", /uses OFFSET, which may give a range/],
    ["=LAUSD.ITSCOST(3,B2:B3)", /option of .*B2:B3 is a range/],
    ['=LAUSD.ITSCOST(3,"Option 1")', /Unknown option "Option 1"/],
    ["=LAUSD.ITSCOST(6)", /whole number from 0 to 5/],
    ["=INDEX(LAUSD.ITSRATES(),2,2)", /spills the rate table inside a larger formula/],
    ["=LAUSD.ITSDAYS(1,2,3)", /wrong number of arguments/],
    ["=LAUSD.ITSDAYS", /not a call/],
    ["=LAUSD.ITSDAYS(B2", /cannot read this formula/],
  ])("%s", (formula, reason) => {
    expect(reasonOf(formula)?.reason).toMatch(reason);
  });

  test("a rewrite over Excel's 8,192 characters is refused rather than written", () => {
    expect(converted("=LAUSD.ITSCOST(LAUSD.ITSDAYS(B2),C2)").formula.length).toBeLessThanOrEqual(8192);
    expect(reasonOf("=LAUSD.ITSCOST(LAUSD.ITSDAYS(LAUSD.ITSDAYS(B2)),C2)")).toEqual({ kind: "notConverted", reason: expect.stringMatching(/would have 48,396 characters, more than Excel's 8,192/), valuesOnly: true });
  });

  test("=LAUSD.ITSRATES(year) alone is the rates table", () => {
    expect(convertFormula('=LAUSD.ITSRATES("FY2025-26")', TWO_YEARS)).toEqual({ kind: "ratesTable", year: CURRENT_RATES, unnamedYear: false });
    expect(convertFormula("=LAUSD.ITSRATES()", TWO_YEARS)).toEqual({ kind: "ratesTable", year: FAKE_FY2026_27, unnamedYear: true });
  });
});

/**
 * The portable formulas on a workbook with both years' rates sheets, computed by the emulation's engine, against the
 * core. Inputs in column A, the converted formula in column B.
 */
function computed(inputs: readonly unknown[], formula: (ref: string) => string) {
  const sheets: Record<string, unknown[][]> = {
    // Text typed with ' stays text, as a user types "02" or "-1" to keep it.
    Inputs: inputs.map((input, i) => [typeof input === "string" && input !== "" ? `'${input}` : input, converted(formula(`A${i + 1}`)).formula]),
    ...Object.fromEntries(TWO_YEARS.map((t) => [ratesSheet(t).name, ratesSheet(t).cells])),
  };
  const book = createWorkbook({ sheets: sheets as never });
  return inputs.map((_, i) => book.value("Inputs", `B${i + 1}`));
}
const isError = (v: unknown) => typeof v === "string" && v.startsWith("#");

test("an option from a cell is read as the function reads it: numbers, digits as text, names and aliases in any case and spacing; anything else is #VALUE!", () => {
  const spellings = [null, "", "  ", 1, 2, 3, "2", " 3 ", "Full Year", "full year", "A Basis", "Full Year - A Basis", "outside-summer", "Outside of Summer", "SUMMER  ONLY", "FullYear", "summer\u2013only", 0, 4, 1.5, "02", "-1", "Option 1", "Full Year-", "-Summer Only", "(2)", true];
  for (const table of TWO_YEARS) {
    const year = `"${table.fiscalYear}"`;
    const shown = computed(spellings, (ref) => `=LAUSD.ITSCOST(3,${ref},${year})`);
    const wanted = spellings.map((s) => {
      const option = parseOption(s, table);
      return option.kind === "ok" ? annualCost(3, option.value, table) : "#VALUE!";
    });
    expect(spellings.map((s, i) => [s, shown[i]])).toEqual(spellings.map((s, i) => [s, wanted[i]]));
  }
});

test("days and enrollment from cells give the core's numbers for each year; refused inputs show an error", () => {
  const enrollments = [0, 150, 200, 200.5, 201, 400, 401, 523, 600, 601, 800, 801, 5000, "523", " 1,024 ", "", -4, "n/a", true];
  const days = [0, 1, 2, 3, 4, 5, "", 6, -1, "x"];
  for (const table of TWO_YEARS) {
    const year = `"${table.fiscalYear}"`;
    const shownDays = computed(enrollments, (ref) => `=LAUSD.ITSDAYS(${ref},${year})`);
    enrollments.forEach((e, i) => {
      const parsed = parseEnrollment(e);
      const wanted = parsed.kind === "ok" ? recommendDays(parsed.value, table).days : parsed.kind === "blank" ? "" : "an error";
      expect([e, isError(shownDays[i]) ? "an error" : shownDays[i]]).toEqual([e, wanted]);
    });
    const shownCost = computed(days, (ref) => `=LAUSD.ITSCOST(${ref},"Outside Summer",${year})`);
    days.forEach((d, i) => {
      const parsed = parseDays(d, table);
      const wanted = parsed.kind === "ok" ? annualCost(parsed.value, 2, table) : parsed.kind === "blank" ? "" : "an error";
      expect([d, isError(shownCost[i]) ? "an error" : shownCost[i]]).toEqual([d, wanted]);
    });
  }
});
