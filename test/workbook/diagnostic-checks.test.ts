/**
 * How "Check this Excel" judges what an Excel did (src/workbook/diagnostic/checks.ts), for the behaviours a real
 * Excel might show and the emulation does not: each other reading is a fail, and a request stopped for another
 * reason is "could not run", never a fail.
 */
import {
  CHECKS,
  type DiagnosticReport,
  judgeBlanks,
  judgeFailedBatch,
  judgeNullObjectLoads,
  judgeQuoting,
  judgeReadBack,
  judgeResizeTotals,
  judgeTexts,
  reportText,
  scratchNames,
} from "../../src/workbook/diagnostic/checks";

const NOW = new Date(Date.UTC(2026, 0, 5, 9, 3, 7));
const BEFORE = "written before the failure";
const AFTER = "written after the failure";

test.each([
  ["InvalidArgument", [BEFORE, "", ""], "pass", "kept, the one after it did not run"],
  ["InvalidArgument", ["", "", ""], "fail", "rolled back, the one after it did not run"],
  ["InvalidArgument", [BEFORE, "", AFTER], "fail", "kept, the one after it ran anyway"],
  ["GeneralException", ["", "", ""], "could not run", "failed with GeneralException, not with the InvalidArgument"],
  ["", [BEFORE, "wrong size", AFTER], "could not run", "Excel accepted a write it should have refused"],
])("failed batch: %s with cells %j is %s", (error, cells, outcome, observed) => {
  const r = judgeFailedBatch(error, cells);
  expect(r.outcome).toBe(outcome);
  expect(r.observed).toContain(observed);
});

test("resize: the totals moving to the new last row still passes (the add-in rewrites them); a range outside the totals fails", () => {
  expect(judgeResizeTotals("L1:M4", "L2:M3", [["", ""], ["Total", "=SUBTOTAL(109,[Cost])"]])).toEqual({
    id: "resizeTotals",
    outcome: "pass",
    observed: "After resize to L1:M4: table L1:M4, body L2:M3; the totals label is in row 4.",
  });
  expect(judgeResizeTotals("L1:M5", "L2:M4", [["Total", ""], ["", ""]]).outcome).toBe("fail");
});

test("null objects: an ItemNotFound from the chain fails, another error could not run, a non-null result fails", () => {
  expect(judgeNullObjectLoads({ error: "ItemNotFound" }).outcome).toBe("fail");
  expect(judgeNullObjectLoads({ error: "GeneralException" }).outcome).toBe("could not run");
  expect(judgeNullObjectLoads({ nulls: [true, false] })).toMatchObject({ outcome: "fail", observed: "The reads gave no error, but isNullObject is true, false (sheet, table)." });
});

test.each([
  ["", "pass"],
  [1, "fail"],
  [0, "fail"],
  ["#NAME?", "could not run"],
  ["#BUSY!", "could not run"],
])("blanks: =LAUSD.ITSDAYS(blank) showing %j is %s", (value, outcome) => {
  expect(judgeBlanks(value).outcome).toBe(outcome);
});

test("#NAME? says how to load the functions", () => {
  expect(judgeBlanks("#NAME?").observed).toMatch(/functions are not loaded in this Excel\. Open the add-in \(Home > ITS Support\)/);
});

test("read-back: a formula given back as written (not rewritten) fails", () => {
  expect(judgeReadBack("S", "=IF(SUM(S!F1:F2)>0,TRUE,#N/A)").outcome).toBe("pass");
  expect(judgeReadBack("S", "=if(sum('S'!f1:f2)>0,true,#n/a)")).toMatchObject({ outcome: "fail", observed: expect.stringContaining("reads back as \"=if(sum('S'!f1:f2)>0,true,#n/a)\"") });
});

test("quoting: an accepted unquoted name fails; a quoted one that does not work fails; another error could not run", () => {
  expect(judgeQuoting("FY25", 7, { error: "InvalidArgument" }).outcome).toBe("pass");
  expect(judgeQuoting("FY25", 7, { value: 7 })).toMatchObject({ outcome: "fail", observed: "='FY25'!A1 shows 7; =FY25!A1 is accepted and shows 7." });
  expect(judgeQuoting("FY25", "#REF!", { error: "InvalidArgument" }).outcome).toBe("fail");
  expect(judgeQuoting("FY25", 7, { error: "GeneralException" }).outcome).toBe("could not run");
});

test("texts: any one coerced fails and names it; an apostrophe kept in formulas is noted, not a failure", () => {
  const texts = ["-Lincoln Annex", "00123", "=1+1", "6-8"];
  const strings = ["String", "String", "String", "String"];
  expect(judgeTexts(texts, texts.map((t) => `'${t}`), strings)).toEqual({ id: "textStaysText", outcome: "pass", observed: "All four stay text. Range.formulas keeps the apostrophe." });
  expect(judgeTexts(["-Lincoln Annex", 123, "=1+1", "6-8"], texts, ["String", "Double", "String", "String"])).toMatchObject({
    outcome: "fail",
    observed: "\"'00123\" became 123 (Double). Range.formulas gives the text without the apostrophe.",
  });
});

test("scratch names: never a name the workbook has (in any case); null when none is free", () => {
  expect(scratchNames(["Schools"], NOW)).toEqual({ scratch: "ITS_check_20260105_090307", reference: "FY25", missing: "ITS_missing_20260105_090307" });
  expect(scratchNames(["its_check_20260105_090307", "fy25", "FY26"], NOW)).toMatchObject({ scratch: "ITS_check_20260105_090307_2", reference: "FY27" });
  const everyFY = Array.from({ length: 75 }, (_, i) => `FY${25 + i}`);
  expect(scratchNames(everyFY, NOW)).toBeNull();
});

test("the copied text: Excel, time, tally, each check with what it observed, and what a failure means", () => {
  const report: DiagnosticReport = {
    ranAt: "2026-01-05T09:03:07.000Z",
    excel: "Excel on Mac, version 16.92; ExcelApi 1.17",
    results: CHECKS.map((c) => ({ id: c.id, outcome: c.id === "sheetQuoting" ? "fail" : "pass", observed: `observed ${c.id}` })),
    leftSheets: ["FY25"],
  };
  const text = reportText(report);
  expect(text.split("\n").slice(0, 5)).toEqual([
    "Check this Excel (ITS Support Budget add-in)",
    "Excel: Excel on Mac, version 16.92; ExcelApi 1.17",
    "Run at: 2026-01-05T09:03:07.000Z",
    "7 checks: 6 pass, 1 fail, 0 could not run",
    "",
  ]);
  expect(text).toContain("6. A sheet named like a cell (FY25) must be quoted: FAIL\n   Observed: observed sheetQuoting\n");
  expect(text.match(/ {3}Means: /g)).toHaveLength(1);
  expect(text).toContain("   Means: This Excel reads sheet names in formulas differently");
  expect(text.endsWith('If the workbook has a sheet named "FY25", right-click its tab and choose Delete. Nothing else was changed.')).toBe(true);
});
