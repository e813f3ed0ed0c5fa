/**
 * Issue 11's done-when on the Excel emulation with the real adapter: the fill never lands on a user's cells (a
 * selection next to data, columns bearing the fill's headers without its mark) and keeps a user's own "ITS Summary"
 * and "ITS Rates" sheets, cells and charts, byte for byte; the data sheet's mark names the fill's columns.
 */
import { CURRENT_RATES, type OptionNumber } from "../../../src/core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { SAMPLE_SHEET, sampleWorkbook } from "../../../src/preview/sample";
import { type FillScope, readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { type FillMode, SUMMARY_CHART, SUMMARY_SHEET, detectColumns, planFill, ratesSheetName } from "../../../src/workbook/fill";
import { MARK_KEY, parseMark } from "../../../src/workbook/ownership";
import { placementText } from "../../../src/taskpane/fill/fillView";

const rates = CURRENT_RATES;
const RATES_SHEET = ratesSheetName(rates);

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  installEmulatedOffice(globalThis, book);
  return book;
}

async function plan(scope: FillScope, mode: FillMode = "portable", options: readonly OptionNumber[] = [1, 2, 3]) {
  const read = await readFillSource(scope);
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const columns = detectColumns(read.source.formulas[0], rates);
  return planFill(read.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [...options], mode }, rates);
}

async function fill(scope: FillScope, mode: FillMode = "portable") {
  const p = await plan(scope, mode);
  expect(await writeFill(p)).toEqual({ kind: "done", blocks: p.blocks.length });
  return p;
}

const cellsOf = (book: EmulatedWorkbook, sheet: string) => book.snapshot().sheets.find((s) => s.name === sheet)!.cells;
const markOf = (book: EmulatedWorkbook, sheet: string) =>
  parseMark(book.snapshot().sheets.find((s) => s.name === sheet)!.customProperties[MARK_KEY] ?? null);

describe("a selection next to the user's data (A1:C6 of the sample sheet)", () => {
  it("leaves column D and every other user cell unchanged, fills E:H, says so and selects them", async () => {
    const book = use(createWorkbook({ ...sampleWorkbook(), selection: "A1:C6" }));
    const before = cellsOf(book, SAMPLE_SHEET);
    const p = await plan({ kind: "selection" });
    expect(placementText(p, rates)).toMatch(/^New columns E:H \(Recommended days, Full Year cost, Outside Summer cost, Summer Only cost\) on sheet "Sample sites"/);
    expect(p.changes).toBe(0);
    expect(await writeFill(p)).toEqual({ kind: "done", blocks: 1 });
    const after = cellsOf(book, SAMPLE_SHEET);
    for (const [address, cell] of Object.entries(before)) expect([address, after[address]]).toEqual([address, cell]);
    expect(book.values(SAMPLE_SHEET, "E1:E6").map((r) => r[0])).toEqual(["Recommended days", 1, 1, 2, 2, 3]);
    expect(book.values(SAMPLE_SHEET, "E7:H14").flat().every((v) => v === "")).toBe(true);
    expect(book.snapshot().selection).toBe("'Sample sites'!E1:H6");
    expect(markOf(book, SAMPLE_SHEET)?.columns).toEqual([
      { header: "Recommended days", column: 4 },
      { header: "Full Year cost", column: 5 },
      { header: "Outside Summer cost", column: 6 },
      { header: "Summer Only cost", column: 7 },
    ]);
  });

  it("a second fill updates its own columns in place (known by the mark), and changes nothing", async () => {
    const book = use(createWorkbook({ ...sampleWorkbook(), selection: "A1:C6" }));
    await fill({ kind: "selection" });
    // The fill selected its columns: the user selects the sites again.
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem(SAMPLE_SHEET).getRange("A1:C6").select();
      await context.sync();
    });
    const done = book.snapshot();
    const again = await plan({ kind: "selection" });
    expect([again.blocks.length, again.changes, again.additions]).toEqual([0, 0, 0]);
    expect(placementText(again, rates)).toMatch(/^The fill's columns E:H .*updated on sheet/);
    expect(book.snapshot()).toEqual(done);
  });
});

it("columns bearing the fill's headers but not its mark are the user's: the fill writes beside them", async () => {
  const grid = [
    ["Site", "Enrollment", "Recommended days", "Full Year cost"],
    ["A", 150, "mine", 1],
    ["B", 900, "mine too", 2],
  ];
  const book = use(createWorkbook({ sheets: { Sites: grid } }));
  const p = await fill({ kind: "usedRange" });
  expect(p.changes).toBe(0);
  expect(book.formulas("Sites", "A1:D3")).toEqual(grid);
  expect(book.values("Sites", "E1:E3").map((r) => r[0])).toEqual(["Recommended days", 1, 5]);
});

describe("a user's own sheets named like the fill's", () => {
  const userSheets = () =>
    createWorkbook({
      sheets: {
        Sites: [["Site", "Enrollment"], ["A", 150], ["B", 900]],
        [SUMMARY_SHEET]: [["My summary", "=1+1"], [42, "keep"]],
        [RATES_SHEET]: [["My rates"], [1000]],
      },
      activeSheet: "Sites",
    });

  async function addUserChart(sheet: string) {
    await Excel.run(async (context) => {
      const chart = context.workbook.worksheets.getItem(sheet).charts.add(Excel.ChartType.pie, context.workbook.worksheets.getItem(sheet).getRange("A1:B2"));
      chart.name = "My chart";
      chart.title.text = "Mine";
      await context.sync();
    });
  }

  it("keeps them byte for byte (cells, charts) and writes to \"(2)\" sheets, saying so", async () => {
    const book = use(userSheets());
    await addUserChart(SUMMARY_SHEET);
    const sheet = (name: string) => book.snapshot().sheets.find((s) => s.name === name);
    const [summary, ratesBefore] = [sheet(SUMMARY_SHEET), sheet(RATES_SHEET)];
    const p = await plan({ kind: "usedRange" });
    expect(placementText(p, rates)).toContain(`the summary and chart on a new sheet "${SUMMARY_SHEET} (2)" (your sheet "${SUMMARY_SHEET}" is left as it is)`);
    expect(placementText(p, rates)).toContain(`the rates on a new sheet "${RATES_SHEET} (2)"`);
    await writeFill(p);
    expect(sheet(SUMMARY_SHEET)).toEqual(summary);
    expect(sheet(RATES_SHEET)).toEqual(ratesBefore);
    expect(book.charts(`${SUMMARY_SHEET} (2)`).map((c) => c.name)).toEqual([SUMMARY_CHART]);
    // The portable formulas read the fill's rates sheet, not the user's.
    expect(book.values("Sites", "C2:D3")).toEqual([[1, 26151], [5, 130753]]);
    expect(markOf(book, `${SUMMARY_SHEET} (2)`)?.charts).toEqual([SUMMARY_CHART]);
    // A second fill finds its own sheets by their marks.
    const again = await plan({ kind: "usedRange" });
    expect(again.blocks).toEqual([]);
  });

  it("a user's sheet of that name holding only a chart is kept too", async () => {
    const book = use(createWorkbook({ sheets: { Sites: [["Site", "Enrollment"], ["A", 150]], [SUMMARY_SHEET]: [] }, activeSheet: "Sites" }));
    await addUserChart(SUMMARY_SHEET);
    const before = book.snapshot().sheets.find((s) => s.name === SUMMARY_SHEET);
    await fill({ kind: "usedRange" }, "values");
    expect(book.snapshot().sheets.find((s) => s.name === SUMMARY_SHEET)).toEqual(before);
    expect(book.charts(`${SUMMARY_SHEET} (2)`).map((c) => c.name)).toEqual([SUMMARY_CHART]);
  });
});

describe("a re-run after Excel stopped a fill half-way", () => {
  const grid = () => [["Site", "Enrollment"], ...Array.from({ length: 30 }, (_, i) => [`School ${i + 1}`, 100 + i * 37])];

  it("with fewer options, finishes the unfinished fill's own columns: no half-written column is left", async () => {
    const twin = use(createWorkbook({ sheets: { Sites: grid() } }));
    await fill({ kind: "usedRange" }, "values");
    const uninterrupted = twin.snapshot().sheets;

    const book = use(createWorkbook({ sheets: { Sites: grid() } }));
    const read = await readFillSource({ kind: "usedRange" });
    if (read.kind !== "read") throw new Error("read");
    const small = planFill(read.source, { enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode: "values" }, rates, 200);
    expect(small.blocks.length).toBeGreaterThan(2);
    book.instrumentation.failRequest(2); // the second block's request: the headers and first rows are written
    expect((await writeFill(small)).kind).toBe("failed");
    expect(book.values("Sites", "F31")).toEqual([[""]]); // the Summer Only cost column is half-written

    const again = await plan({ kind: "usedRange" }, "values", [1]);
    expect(again.targets.map((t) => t.header)).toEqual(["Recommended days", "Full Year cost", "Outside Summer cost", "Summer Only cost"]);
    await writeFill(again);
    expect(book.snapshot().sheets).toEqual(uninterrupted);
  });
});

it("a selection whose columns to the right hold data further down: the new columns go past them", async () => {
  const grid = [["Site", "Enrollment", "", ""], ["A", 150, "", ""], ["B", 900, "", ""], ["", "", "", ""], ["Note", "", "", "keep"]];
  const book = use(createWorkbook({ sheets: { Sites: grid }, selection: "A1:B3" }));
  const p = await fill({ kind: "selection" }, "values");
  expect(p.targets.map((t) => t.column)).toEqual([4, 5, 6, 7]);
  expect(book.formulas("Sites", "A1:D5")).toEqual(grid);
  expect(book.values("Sites", "E1:E3").map((r) => r[0])).toEqual(["Recommended days", 1, 5]);
});
