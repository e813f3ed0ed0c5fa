/**
 * "Make this sheet work without the add-in" through the real adapter on the Excel emulation: a live fill of the sample
 * sheet and live quotes become portable formulas (or values) that show the same numbers, with no LAUSD left but the
 * listed ones, and no cell changed but the listed ones (snapshot diff).
 */
import { CURRENT_RATES } from "../../../src/core";
import { createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { SAMPLE_SHEET } from "../../../src/preview/sample";
import { applyPortable, checkPortable } from "../../../src/workbook/excel/portable";
import { ratesSheetName } from "../../../src/workbook/fill";
import { type PortableMode, confirmationLines } from "../../../src/workbook/portable/planner";
import { changedCells, liveWorkbook, valuesOf } from "./support";

const RATES = ratesSheetName(CURRENT_RATES);
const lausdCells = (formulas: unknown[][]) => formulas.flat().filter((f) => typeof f === "string" && /LAUSD\./i.test(f));

async function check(mode: PortableMode, sheet?: string) {
  const result = await checkPortable(mode, sheet);
  if (result.kind !== "plan") throw new Error(result.message);
  return result.plan;
}

describe.each(["portable", "values"] as const)("%s", (mode) => {
  test.each([SAMPLE_SHEET, "ITS Budget"])("the live formulas of %s are converted, the numbers stay, nothing else changes", async (sheet) => {
    const book = await liveWorkbook();
    const before = book.snapshot();
    const shown = valuesOf(book, sheet);
    expect(lausdCells(book.formulas(sheet, shown.used)).length).toBeGreaterThan(0);

    const plan = await check(mode, sheet);
    // Checking writes nothing.
    expect(book.snapshot()).toEqual(before);
    expect(plan.left).toEqual([]);
    expect(plan.ratesSheetsAdded).toEqual(mode === "portable" ? [RATES] : []);
    const unnamed = plan.changes.filter((c) => !c.before.includes(`"${CURRENT_RATES.fiscalYear}"`)).length;
    expect(plan.unnamedYear).toEqual({ formulas: unnamed, year: CURRENT_RATES.fiscalYear });
    const lines = confirmationLines(plan);
    expect(lines[0]).toMatch(new RegExp(`^${plan.changes.length} cells on "${sheet}" become`));
    expect(lines.some((l) => l.includes(`fixed to FY ${CURRENT_RATES.fiscalYear}`))).toBe(unnamed > 0);

    const result = await applyPortable(mode, plan.token, sheet);
    expect(result.kind).toBe("done");
    expect(lausdCells(book.formulas(sheet, shown.used))).toEqual([]);
    expect(valuesOf(book, sheet)).toEqual(shown);
    const after = book.snapshot();
    expect(changedCells(before, after, sheet)).toEqual(plan.changes.map((c) => c.address).sort());
    // No other sheet changed; the rates sheet is added in portable mode only.
    expect(after.sheets.map((s) => s.name)).toEqual([...before.sheets.map((s) => s.name), ...(mode === "portable" ? [RATES] : [])]);
    for (const other of before.sheets.filter((s) => s.name !== sheet)) expect(after.sheets.find((s) => s.name === other.name)).toEqual(other);
    expect(after.tables).toEqual(before.tables);

    // The sheet now follows its inputs without the add-in: a new enrollment re-prices the row (portable) or not (values).
    if (sheet === SAMPLE_SHEET) {
      book.userTypes(SAMPLE_SHEET, "C2", 801);
      expect(book.values(SAMPLE_SHEET, "E2:H2")[0]).toEqual(mode === "portable" ? [5, 130753, 125021, 5627] : [1, 26151, 25004, 1125]);
    }
    // A second run finds nothing to do.
    const again = await check(mode, sheet);
    expect([again.changes.length, again.ratesSheetsAdded]).toEqual([0, []]);
  });
});

test("a confirmation is honoured only for the plan it showed: after a new live formula, the new plan is returned and nothing is written", async () => {
  const book = await liveWorkbook();
  const plan = await check("portable", "ITS Budget");
  book.userTypes("ITS Budget", "K2", "=LAUSD.ITSDAYS(C2)");
  const before = book.snapshot();
  const result = await applyPortable("portable", plan.token, "ITS Budget");
  expect(result.kind).toBe("changed");
  expect(book.snapshot()).toEqual(before);
  if (result.kind !== "changed") return;
  expect(result.plan.changes.map((c) => c.address)).toContain("K2");
  expect((await applyPortable("portable", result.plan.token, "ITS Budget")).kind).toBe("done");
  expect(book.value("ITS Budget", "K2")).toBe(3);
});

test("the user's own LAUSD formulas, inside larger formulas, are converted; an option from a cell is read as the function reads it; a spilling call is listed and left", async () => {
  const book = createWorkbook({
    sheets: {
      "My sheet": [
        ["Site", "Enrollment", "Days", "Cost", "Note"],
        ["A", 523, "=IF(B2=\"\",\"\",LAUSD.ITSDAYS(B2)*1)", "=LAUSD.ITSCOST(C2,\"outside-summer\")+0", "=\"LAUSD.ITSCOST(\"&B2"],
        ["B", 150, "=LAUSD.ITSDAYS(B2:B3)", "=LAUSD.ITSCOST(2,A5)", ""],
        ["", "", "", "", ""],
        ["Summer Only", "", "", "", ""],
      ],
    },
  });
  installEmulatedOffice(globalThis, book);
  const shown = book.values("My sheet", "A1:E5");
  const plan = await check("portable");
  expect(plan.changes.map((c) => c.address)).toEqual(["C2", "D2", "D3"]);
  expect(plan.left.map((l) => [l.address, l.reason])).toEqual([["C3", expect.stringMatching(/B2:B3 is a range/)]]);
  expect(confirmationLines(plan).join("\n")).toMatch(/Not converted \(1\)[\s\S]*C3 =LAUSD.ITSDAYS\(B2:B3\)/);
  expect((await applyPortable("portable", plan.token)).kind).toBe("done");
  // C3 is left as it was (its spill into C4 included); E2 is text that only mentions the function.
  expect(book.values("My sheet", "A1:E5")).toEqual(shown);
  expect(book.formulas("My sheet", "C3:E3")[0]).toEqual(["=LAUSD.ITSDAYS(B2:B3)", expect.not.stringMatching(/LAUSD/), ""]);
  expect(book.value("My sheet", "D3")).toBe(2251);
});

test("an existing rates sheet that does not hold the memo's table stops the conversion with what to do", async () => {
  const book = createWorkbook({ sheets: { Budget: [["Days", "Cost"], [3, "=LAUSD.ITSCOST(A2)"]], [RATES]: [["my own notes"]] } });
  installEmulatedOffice(globalThis, book);
  const result = await checkPortable("portable", "Budget");
  expect(result).toEqual({ kind: "failed", message: expect.stringMatching(new RegExp(`^The sheet "${RATES}" does not hold the memo's FY 2025-26 rates .*Rename or delete that sheet`)) });
  // Values need no rates sheet.
  expect((await checkPortable("values", "Budget")).kind).toBe("plan");
});

test("formulas naming their year, and others naming none, keep their numbers; the confirmation counts those fixed to the newest year", async () => {
  const book = createWorkbook({
    sheets: {
      Budget: [
        ["Enrollment", "Days", "Cost", "Named cost"],
        [523, '=LAUSD.ITSDAYS(A2,"2025-26")', '=LAUSD.ITSCOST(B2,"Outside Summer","FY2025-26")', '=LAUSD.ITSCOST(3, 1, "2025-26")'],
        [150, "=LAUSD.ITSDAYS(A3)", "=LAUSD.ITSCOST(B3,2)", '=LAUSD.ITSCOST(3,1,"2019-20")'],
      ],
    },
  });
  installEmulatedOffice(globalThis, book);
  const shown = book.values("Budget", "A1:D3");
  expect(shown.slice(1)).toEqual([[523, 3, 75013, 78452], [150, 1, 25004, "#VALUE!"]]);
  const plan = await check("portable");
  expect(plan.unnamedYear).toEqual({ formulas: 2, year: "2025-26" });
  expect(plan.left).toEqual([{ address: "D3", header: "Named cost", formula: '=LAUSD.ITSCOST(3,1,"2019-20")', reason: expect.stringMatching(/No rates for fiscal year 2019-20/) }]);
  expect(confirmationLines(plan)).toContain("2 of these formulas name no fiscal year: they are fixed to FY 2025-26, the newest bundled year.");
  expect((await applyPortable("portable", plan.token)).kind).toBe("done");
  expect(book.values("Budget", "A1:D3")).toEqual(shown);
  expect(lausdCells(book.formulas("Budget", "A1:D3"))).toEqual(['=LAUSD.ITSCOST(3,1,"2019-20")']);
});

test.each(["portable", "values"] as const)("=LAUSD.ITSRATES() alone becomes the rates table over its spill (%s), showing the same", async (mode) => {
  const book = createWorkbook({ sheets: { Rates: [["Our rates"], ["=LAUSD.ITSRATES()"]] } });
  installEmulatedOffice(globalThis, book);
  const shown = book.values("Rates", "A1:D8");
  expect(shown[2]).toEqual([1, 26151, 25004, 1125]);
  const plan = await check(mode);
  expect([plan.changes.length, plan.left]).toEqual([24, []]);
  expect((await applyPortable(mode, plan.token)).kind).toBe("done");
  expect(book.values("Rates", "A1:D8")).toEqual(shown);
  expect(lausdCells(book.formulas("Rates", "A1:D8"))).toEqual([]);
});
