/**
 * "Check this Excel" (src/workbook/excel/diagnostic.ts) on the emulation, as CI runs it: every check passes on
 * the emulation's pessimistic readings (test/excel-contract/), a check can fail (a host where blanks reach the
 * functions as 0), and the workbook is exactly as it was afterwards, also when Excel fails any request or any
 * action of the run.
 */
import { type EmulatedWorkbook, type FormulaEvaluator, type WorkbookSpec, createWorkbook, hyperFormulaEvaluator, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { EmWorksheetCollection } from "../../src/preview/excel-emulation/api";
import { CHECKS, type CheckResult, type DiagnosticReport } from "../../src/workbook/diagnostic/checks";
import { checkThisExcel } from "../../src/workbook/excel/diagnostic";

const NOW = new Date(Date.UTC(2026, 11, 2, 15, 40, 12));

/** A budget workbook as a user has it: data, a table, a formula, a selection on the second sheet. */
const budget = (extra: Partial<WorkbookSpec> = {}): WorkbookSpec => ({
  sheets: {
    Schools: [["Site", "Enrollment", "Days"], ["Lincoln HS", 523, "=LAUSD.ITSDAYS(B2)"], ["Roosevelt", 150, "=LAUSD.ITSDAYS(B3)"]],
    Notes: [["keep me", 1]],
  },
  tables: [{ name: "Sites", sheet: "Schools", address: "A1:C3" }],
  activeSheet: "Notes",
  selection: "A1:B1",
  ...extra,
});

function use(spec: WorkbookSpec): EmulatedWorkbook {
  const book = createWorkbook(spec);
  installEmulatedOffice(globalThis, book);
  return book;
}

const outcomes = (report: DiagnosticReport) => Object.fromEntries(report.results.map((r) => [r.id, r.outcome]));
const byId = (report: DiagnosticReport, id: CheckResult["id"]) => report.results.find((r) => r.id === id)!;

test("every check passes on the emulation's pessimistic readings, and the workbook is exactly as it was", async () => {
  const book = use(budget());
  const before = book.snapshot();
  book.instrumentation.reset();
  const report = await checkThisExcel(NOW);
  expect(report.results.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
  expect(report.results.filter((r) => r.outcome !== "pass")).toEqual([]);
  expect(report.leftSheets).toEqual([]);
  expect(book.snapshot()).toEqual(before);
  expect(book.sheetNames()).toEqual(["Schools", "Notes"]);
  expect(book.activeSheet()).toBe("Notes");
  expect(report.excel).toBe("Excel on OfficeOnline, version 16.0.0.0 (emulated); ExcelApi 1.17");
  expect(report.ranAt).toBe("2026-12-02T15:40:12.000Z");
  // An Excel.run per check (two for the checks that provoke a refusal), two to set up, one to clean up (two syncs).
  expect([book.instrumentation.runs, book.instrumentation.syncCalls, book.instrumentation.requests.length]).toEqual([12, 13, 13]);
});

test("what each check observed on the emulation", async () => {
  use(budget());
  const report = await checkThisExcel(NOW);
  expect(Object.fromEntries(report.results.map((r) => [r.id, r.observed]))).toEqual({
    failedBatch: "The request failed (InvalidArgument); the action before the failure was kept, the one after it did not run.",
    resizeTotals: 'After resize to L1:M4: table L1:M4, body L2:M3; the totals label is in row 3.',
    nullObjectLoads: "The reads gave no error; the missing sheet and table are null objects.",
    blanksToFunctions: "=LAUSD.ITSDAYS of an empty cell shows a blank.",
    formulaReadBack: "=if(sum('ITS_check_20261202_154012'!f1:f2)>0,true,#n/a) reads back as =IF(SUM(ITS_check_20261202_154012!F1:F2)>0,TRUE,#N/A).",
    sheetQuoting: "='FY25'!A1 shows 7; =FY25!A1 is refused (InvalidArgument).",
    textStaysText: "All four stay text. Range.formulas gives the text without the apostrophe.",
  });
});

test("the scratch sheets never take a user's sheet name: FY25 and an earlier check's name are left alone", async () => {
  const book = use(budget({ sheets: { FY25: [["Site"], ["A"]], ITS_check_20261202_154012: [["mine"]] }, tables: [], activeSheet: "FY25" }));
  const before = book.snapshot();
  const report = await checkThisExcel(NOW);
  expect(byId(report, "sheetQuoting").observed).toBe("='FY26'!A1 shows 7; =FY26!A1 is refused (InvalidArgument).");
  expect(byId(report, "formulaReadBack").observed).toContain("ITS_check_20261202_154012_2!F1:F2");
  expect(book.snapshot()).toEqual(before);
});

test("a host where blanks reach the functions as 0 (office-js #4702, #5262): that check fails and says what it saw", async () => {
  const book = use(budget({ host: { blanksAsZero: true } }));
  const before = book.snapshot();
  const report = await checkThisExcel(NOW);
  expect(outcomes(report)).toMatchObject({ blanksToFunctions: "fail", failedBatch: "pass", textStaysText: "pass" });
  expect(byId(report, "blanksToFunctions").observed).toBe("=LAUSD.ITSDAYS of an empty cell shows 1 (1 day: the blank arrived as 0).");
  expect(book.snapshot()).toEqual(before);
});

/** HyperFormula, except that the blanks check's function cell shows #BUSY! for its first `reads` reads (Excel still calculating). */
function busyAtFirst(reads: number): FormulaEvaluator {
  const engine = hyperFormulaEvaluator();
  return (book) => {
    const valueAt = engine(book);
    return (sheet, row, column) => (sheet.name.startsWith("ITS_check") && row === 0 && column === 4 && reads-- > 0 ? "#BUSY!" : valueAt(sheet, row, column));
  };
}

describe("a function still calculating (#BUSY!) is read once more, 3 seconds later", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function run(busyReads: number) {
    const book = use(budget({ evaluator: busyAtFirst(busyReads) }));
    let report: DiagnosticReport | undefined;
    const running = checkThisExcel(NOW).then((r) => (report = r));
    while (!report) await jest.advanceTimersByTimeAsync(500);
    await running;
    return { book, report };
  }

  test("then blank: pass", async () => {
    const { report } = await run(1);
    expect(byId(report, "blanksToFunctions").outcome).toBe("pass");
  });

  test("still #BUSY!: could not run, and says to run the check again", async () => {
    const { report, book } = await run(2);
    expect(byId(report, "blanksToFunctions")).toMatchObject({ outcome: "could not run", observed: "=LAUSD.ITSDAYS still shows #BUSY!: the function did not finish. Run the check again." });
    expect(book.sheetNames()).toEqual(["Schools", "Notes"]);
  });
});

test("an Excel older than ExcelApi 1.13: nothing runs, nothing changes, the message names the versions needed", async () => {
  const book = use(budget({ host: { requirementSets: { ExcelApi: "1.12", SharedRuntime: "1.1" } } }));
  const before = book.snapshot();
  const report = await checkThisExcel(NOW);
  expect(new Set(report.results.map((r) => r.outcome))).toEqual(new Set(["could not run"]));
  expect(report.results[0].observed).toMatch(/^Excel could not list the sheets \(LausdExcelTooOld: This Excel is too old .*Version 2102.*16\.50/);
  expect(report.excel).toMatch(/ExcelApi 1\.12$/);
  expect(book.snapshot()).toEqual(before);
});

test("Excel refuses the scratch sheets (a protected workbook): every check could not run, with how to unprotect", async () => {
  const book = use(budget());
  const before = book.snapshot();
  book.instrumentation.reset();
  // The second request adds the scratch sheets.
  book.instrumentation.failRequest(2, Object.assign(new Error("Access denied."), { code: "AccessDenied" }));
  const report = await checkThisExcel(NOW);
  expect(new Set(report.results.map((r) => r.outcome))).toEqual(new Set(["could not run"]));
  expect(report.results[0].observed).toBe("Excel could not add the scratch sheets. Excel refused the change (Access denied.). If the sheet or workbook is protected, unprotect it (Review > Unprotect Sheet).");
  expect(book.snapshot()).toEqual(before);
});

test("if Excel made a scratch sheet active, the user's sheet is shown again", async () => {
  // Schools, not the sheet next to the scratch sheets, which Excel would show anyway once they are deleted.
  const book = use(budget({ activeSheet: "Schools" }));
  const before = book.snapshot();
  const add = EmWorksheetCollection.prototype.add;
  const spy = jest.spyOn(EmWorksheetCollection.prototype, "add").mockImplementation(function (this: EmWorksheetCollection, name?: string) {
    const sheet = add.call(this, name);
    sheet.activate();
    return sheet;
  });
  try {
    const report = await checkThisExcel(NOW);
    expect(report.leftSheets).toEqual([]);
  } finally {
    spy.mockRestore();
  }
  expect(book.activeSheet()).toBe("Schools");
  expect(book.snapshot().sheets).toEqual(before.sheets);
});

describe("Excel fails mid-way: the workbook is still exactly as it was, and no check reports a failure it did not see", () => {
  let requests = 0;
  let actions = 0;
  beforeAll(async () => {
    const book = use(budget());
    book.instrumentation.reset();
    await checkThisExcel(NOW);
    requests = book.instrumentation.requests.length;
    actions = book.instrumentation.requests.reduce((n, r) => n + r.actions, 0);
  });

  async function runFailing(arm: (book: EmulatedWorkbook) => void): Promise<{ book: EmulatedWorkbook; report: DiagnosticReport; before: ReturnType<EmulatedWorkbook["snapshot"]> }> {
    const book = use(budget());
    const before = book.snapshot();
    book.instrumentation.reset();
    arm(book);
    return { book, report: await checkThisExcel(NOW), before };
  }

  test("the run makes 13 requests of 40 or more actions", () => {
    expect(requests).toBe(13);
    expect(actions).toBeGreaterThan(40);
  });

  test.each([
    ["request", () => requests, (book: EmulatedWorkbook, n: number) => book.instrumentation.failRequest(n)],
    ["action (earlier actions of its request applied)", () => actions, (book: EmulatedWorkbook, n: number) => book.instrumentation.failAction(n)],
  ])("any one %s fails", async (_, count, fail) => {
    for (let n = 1; n <= count(); n++) {
      const { book, report, before } = await runFailing((b) => fail(b, n));
      expect({ n, snapshot: book.snapshot(), left: report.leftSheets }).toEqual({ n, snapshot: before, left: [] });
      expect({ n, fails: report.results.filter((r) => r.outcome === "fail") }).toEqual({ n, fails: [] });
    }
  });

  test("a failure in a check makes that check 'could not run' and the others still pass", async () => {
    // Request 5 is the resize check's only request (2 to set up, 2 for the failed-batch check).
    const { report } = await runFailing((b) => b.instrumentation.failRequest(5));
    expect(outcomes(report)).toEqual({ ...Object.fromEntries(CHECKS.map((c) => [c.id, "pass"])), resizeTotals: "could not run" });
    expect(byId(report, "resizeTotals").observed).toMatch(/^Excel stopped the check \(GeneralException: /);
  });

  test("Excel refuses to remove the scratch sheets twice: the report names them for the user to delete", async () => {
    const { book, report, before } = await runFailing((b) => {
      b.instrumentation.failRequest(requests - 1);
      b.instrumentation.failRequest(requests);
    });
    expect(report.leftSheets).toEqual(["ITS_check_20261202_154012", "FY25"]);
    expect(book.sheetNames()).toEqual(["Schools", "Notes", "ITS_check_20261202_154012", "FY25"]);
    const mine = (name: string) => name === "Schools" || name === "Notes";
    const untouched = (s: ReturnType<EmulatedWorkbook["snapshot"]>) => ({ ...s, sheets: s.sheets.filter((x) => mine(x.name)), tables: s.tables.filter((t) => mine(t.sheet)) });
    expect(untouched(book.snapshot())).toEqual(untouched(before));
  });
});
