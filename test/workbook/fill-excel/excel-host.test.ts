/**
 * The fill's Excel side on hosts that differ from the emulation's defaults: an Excel too old for the add-in, a user
 * typing in a cell, several areas selected, blank cells reaching functions as 0, sheet names Excel must quote.
 * Each is a behaviour of real Excel that the emulation reproduces (see src/preview/excel-emulation/README.md).
 */
import { CURRENT_RATES } from "../../../src/core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { type FillScope, readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { type FillMode, SUMMARY_SHEET, detectColumns, planFill } from "../../../src/workbook/fill";

const rates = CURRENT_RATES;
type Spec = Parameters<typeof createWorkbook>[0];

function use(spec: Spec): EmulatedWorkbook {
  const book = createWorkbook(spec);
  installEmulatedOffice(globalThis, book);
  return book;
}

const sites = () => [
  ["Site", "Enrollment"],
  ["Alpha ES", 200],
  ["Beta ES", 523],
  ["Gamma HS", 801],
];

async function fill(mode: FillMode, scope: FillScope = { kind: "usedRange" }) {
  const read = await readFillSource(scope);
  if (read.kind !== "read") throw new Error(`read: ${JSON.stringify(read)}`);
  const columns = detectColumns(read.source.formulas[0], rates);
  const plan = planFill(read.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [1, 2, 3], mode }, rates);
  return { plan, result: await writeFill(plan) };
}

describe("every Excel batch of the fill goes through runExcel", () => {
  test("an Excel without ExcelApi 1.13 gets the versions it needs, and nothing is read or written (docs: requirement-sets/excel/excel-api-requirement-sets.md)", async () => {
    const book = use({ sheets: { Sites: sites() }, host: { requirementSets: { ExcelApi: "1.12", SharedRuntime: "1.1" } } });
    const before = book.snapshot();
    const read = await readFillSource({ kind: "usedRange" });
    expect(read).toEqual({ kind: "failed", message: expect.stringMatching(/needs ExcelApi 1\.13 \(Excel for Windows Version 2102 or later.*Update Excel/) });
    expect(book.instrumentation.requests).toHaveLength(0);

    // A plan made on a newer Excel and written on this one (the workbook opened elsewhere) writes nothing either.
    use({ sheets: { Sites: sites() } });
    const { plan } = await fill("values");
    const old = use({ sheets: { Sites: sites() }, host: { requirementSets: { ExcelApi: "1.12", SharedRuntime: "1.1" } } });
    expect(await writeFill(plan)).toEqual({ kind: "failed", blocksDone: 0, message: expect.stringMatching(/needs ExcelApi 1\.13/) });
    expect(old.instrumentation.requests).toHaveLength(0);
    expect(old.snapshot()).toEqual(before);
  });

  test("a fill started while the user edits a cell waits for Enter or Esc, then fills (delayForCellEdit, docs: excel/excel-add-ins-delay-in-cell-edit.md)", async () => {
    const book = use({ sheets: { Sites: sites() } });
    book.host.enterCellEditMode();
    let settled = false;
    const running = fill("values").then((r) => ((settled = true), r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect(book.values("Sites", "C1")).toEqual([[""]]);
    book.host.exitCellEditMode();
    const { result } = await running;
    expect(result.kind).toBe("done");
    expect(book.values("Sites", "C2:D4")).toEqual([
      [1, 26151],
      [3, 78452],
      [5, 130753],
    ]);
  });

  test.each([
    ["InvalidOperationInCellEditMode", /Finish editing the cell \(press Enter or Esc\)/],
    ["InvalidOperation", /If you are typing in a cell, finish editing it/],
    ["AccessDenied", /unprotect it/],
  ])("Excel's %s is worded as errors.ts words it; only AccessDenied mentions protection", async (code, wording) => {
    const book = use({ sheets: { Sites: sites() } });
    const read = await readFillSource({ kind: "usedRange" });
    if (read.kind !== "read") throw new Error("read");
    const plan = planFill(read.source, { enrollmentColumn: 1, siteColumn: 0, options: [1], mode: "values" }, rates);
    const excel = book.Excel as unknown as { run: (...args: unknown[]) => Promise<unknown> };
    const run = excel.run;
    excel.run = () => Promise.reject(Object.assign(new Error(`emulated ${code}`), { code }));
    try {
      const result = await writeFill(plan);
      expect(result).toEqual({ kind: "failed", blocksDone: 0, message: expect.stringMatching(wording) });
      if (result.kind === "failed") expect(/protect/i.test(result.message)).toBe(code === "AccessDenied");
    } finally {
      excel.run = run;
    }
  });
});

describe("sheet names in the fill's formulas are always quoted (Excel refuses FY25!A1; jmcnamara/XlsxWriter #1078)", () => {
  test.each(["live", "portable"] as const)("%s mode: sheets named FY25, Q1, R1C1, My Sheet and O'Brien fill, with the right numbers", async (mode) => {
    for (const name of ["FY25", "Q1", "R1C1", "My Sheet", "O'Brien"]) {
      const book = use({ sheets: { [name]: sites() } });
      const { result } = await fill(mode);
      expect({ name, result }).toEqual({ name, result: { kind: "done", blocks: 1 } });
      expect(book.values(name, "C2:F4")).toEqual([
        [1, 26151, 25004, 1125],
        [3, 78452, 75013, 3376],
        [5, 130753, 125021, 5627],
      ]);
      expect({ name, total: book.values(SUMMARY_SHEET, "A10:E10") }).toEqual({ name, total: [["All sites", 235356, 225038, 10128, 3]] });
      // Excel reads the formulas back without the quotes it does not need; the next fill still finds nothing to do.
      expect((await fill(mode)).plan.blocks).toEqual([]);
    }
  });
});

describe("the selection is read only for the selection scope (Workbook.getSelectedRange throws with several areas selected)", () => {
  test("several areas selected: the whole-sheet scope and a table still fill", async () => {
    const book = use({ sheets: { Sites: sites() }, tables: [{ name: "Schools", sheet: "Sites", address: "A1:B4" }] });
    book.select("Sites", "A1:A2, B3:B4");
    expect((await fill("values")).result.kind).toBe("done");
    expect(book.values("Sites", "C4")).toEqual([[5]]);
    expect((await fill("values", { kind: "table", name: "Schools" })).result.kind).toBe("done");
  });

  test("several areas selected with the selection scope: a message asks for one block, and nothing is written", async () => {
    const book = use({ sheets: { Sites: sites() } });
    book.select("Sites", "A1:B2, A4:B4");
    const before = book.snapshot();
    expect(await readFillSource({ kind: "selection" })).toEqual({ kind: "failed", message: expect.stringMatching(/^2 separate blocks of cells are selected\. Select one block of cells/) });
    expect(book.snapshot()).toEqual(before);
  });

  test("one block selected: exactly that block is filled", async () => {
    const book = use({ sheets: { Sites: sites() } });
    book.select("Sites", "A1:B3");
    expect((await fill("values", { kind: "selection" })).result.kind).toBe("done");
    expect(book.values("Sites", "C2:C4")).toEqual([[1], [3], [""]]);
  });
});

describe("a blank cell is never priced, on a host that passes blanks to custom functions as 0 (office-js #4702, #5262)", () => {
  test.each(["live", "portable"] as const)("%s mode: an enrollment cleared after the fill leaves its row blank, and the summary leaves it out", async (mode) => {
    const book = use({ sheets: { Sites: [...sites(), ["Delta ES", ""]] }, host: { blanksAsZero: true } });
    expect((await fill(mode)).result.kind).toBe("done");
    expect(book.values("Sites", "C5:F5")).toEqual([["", "", "", ""]]);
    book.userTypes("Sites", "B3", "");
    expect(book.values("Sites", "C3:F3")).toEqual([["", "", "", ""]]);
    expect(book.values(SUMMARY_SHEET, "A10:E10")).toEqual([["All sites", 26151 + 130753, 25004 + 125021, 1125 + 5627, 2]]);
  });
});
