import { createWorkbook } from "../../src/preview/excel-emulation";
import { applyPlan } from "../../src/workbook/excel/apply";
import { type PlanStep, type WorkbookPlan, plannedCells } from "../../src/workbook/plan";

/** Applies a plan the way the writers do: one Excel.run, one sync. */
async function apply(book: ReturnType<typeof createWorkbook>, plan: WorkbookPlan) {
  (globalThis as unknown as { Excel: unknown }).Excel = book.Excel;
  await book.Excel.run(async (context: Excel.RequestContext) => {
    applyPlan(context, plan);
    await context.sync();
  });
}

const CHART = { sheet: "Plan", name: "PriceChart", title: "Cost by days", source: "A1:B3", position: "E2:K15" };
const CHART_STEPS: Record<"addChart" | "updateChart", PlanStep> = { addChart: { kind: "addChart", ...CHART }, updateChart: { kind: "updateChart", chart: "Chart 1", ...CHART } };
const CHART_MODEL = { name: "PriceChart", type: "ColumnClustered", title: "Cost by days", source: "A1:B3", seriesBy: "Columns", position: "E2:K15" };

/** A sheet of data, with (`bare`) a chart as Excel leaves one when its batch fails right after charts.add. */
async function withChart(bare: boolean) {
  const book = createWorkbook({ sheets: { Plan: [["Days", "Cost"], [1, 10], [2, 20]] } });
  (globalThis as unknown as { Excel: unknown }).Excel = book.Excel;
  if (bare) {
    await book.Excel.run(async (context: Excel.RequestContext) => {
      const sheet = context.workbook.worksheets.getItem("Plan");
      sheet.charts.add("ColumnClustered", sheet.getRange("A1:B2"), "Rows");
      await context.sync();
    });
  }
  book.instrumentation.reset();
  return book;
}

describe("applyPlan", () => {
  it("applies every kind of step in order, in a single sync", async () => {
    const book = createWorkbook({ sheets: { Data: [["keep me"]] } });
    await apply(book, {
      steps: [
        { kind: "addSheet", sheet: "Plan" },
        { kind: "setCells", sheet: "Plan", address: "A1:C3", cells: [["Days", "Cost", "Label"], [1, "=LAUSD.ITSCOST(A2)", "one"], [5, "=LAUSD.ITSCOST(A3,2)", ""]] },
        { kind: "setNumberFormat", sheet: "Plan", address: "B2:B3", format: "$#,##0" },
        { kind: "setBold", sheet: "Plan", address: "A1:C1" },
        { kind: "addTable", sheet: "Plan", address: "A1:C3", name: "Prices", showTotals: false },
        { kind: "resizeTable", table: "Prices", address: "A1:C4" },
        { kind: "freezeRows", sheet: "Plan", rows: 1 },
        { kind: "autofitColumns", sheet: "Plan", address: "A1:C4" },
        { kind: "addChart", sheet: "Plan", name: "PriceChart", title: "Cost by days", source: "A1:B3", position: "E2:K15" },
        { kind: "activate", sheet: "Plan" },
        { kind: "markSheet", sheet: "Plan", key: "Owner", value: '{"x":1}' },
      ],
    });

    expect(book.instrumentation.syncCalls).toBe(1);
    expect(book.sheetNames()).toEqual(["Data", "Plan"]);
    expect(book.values("Data", "A1")).toEqual([["keep me"]]);
    expect(book.formulas("Plan", "B2:B3")).toEqual([["=LAUSD.ITSCOST(A2)"], ["=LAUSD.ITSCOST(A3,2)"]]);
    expect(book.values("Plan", "A2:C3")).toEqual([
      [1, 26151, "one"],
      [5, 125021, ""],
    ]);
    expect(book.numberFormats("Plan", "B2:B3")).toEqual([["$#,##0"], ["$#,##0"]]);
    expect(book.bold("Plan", "A1:C1")).toEqual([[true, true, true]]);
    expect(book.table("Prices")).toMatchObject({ sheet: "Plan", address: "A1:C4", headers: ["Days", "Cost", "Label"], showTotals: false });
    expect(book.frozenRows("Plan")).toBe(1);
    expect(book.charts("Plan")).toEqual([expect.objectContaining({ name: "PriceChart", title: "Cost by days" })]);
    expect(book.activeSheet()).toBe("Plan");
    expect(book.snapshot().sheets.map((sheet) => sheet.customProperties)).toEqual([{}, { Owner: '{"x":1}' }]);
  });

  it("markSheet on an Excel below ExcelApi 1.12 fails there, after the earlier steps (worksheet custom properties are ExcelApi 1.12)", async () => {
    const book = createWorkbook({ sheets: { Data: [] }, host: { requirementSets: { ExcelApi: "1.11" } } });
    await expect(
      apply(book, { steps: [{ kind: "setCells", sheet: "Data", address: "A1", cells: [["x"]] }, { kind: "markSheet", sheet: "Data", key: "Owner", value: "v" }] }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(book.values("Data", "A1")).toEqual([["x"]]);
  });

  it("setTable names an existing table and shows its totals row, in one sync", async () => {
    const book = createWorkbook({ sheets: { Data: [["Days", "Cost"], [1, 26151]] }, tables: [{ name: "Table1", sheet: "Data", address: "A1:B2" }] });
    await apply(book, { steps: [{ kind: "setTable", table: "Table1", name: "Prices", showTotals: true }] });
    expect(book.instrumentation.syncCalls).toBe(1);
    expect(book.table("Table1")).toBeFalsy();
    expect(book.table("Prices")).toMatchObject({ sheet: "Data", address: "A1:B3", showTotals: true });
  });

  it("updateChart makes an existing chart the one addChart makes: data, title, place, then name", async () => {
    const book = await withChart(true);
    await apply(book, { steps: [CHART_STEPS.updateChart] });
    expect(book.instrumentation.syncCalls).toBe(1);
    expect(book.charts("Plan")).toEqual([{ ...CHART_MODEL, id: expect.any(String) }]);
    // A repaired chart cannot be told from a new one.
    const fresh = await withChart(false);
    await apply(fresh, { steps: [CHART_STEPS.addChart] });
    expect(fresh.charts("Plan")).toEqual([{ ...CHART_MODEL, id: expect.any(String) }]);
  });

  it.each(["addChart", "updateChart"] as const)("%s names the chart last: wherever Excel fails, a chart bearing the name is titled and placed", async (kind) => {
    const whole = await withChart(kind === "updateChart");
    await apply(whole, { steps: [CHART_STEPS[kind]] });
    const actions = whole.instrumentation.requests.reduce((sum, r) => sum + r.actions, 0);
    for (let at = 1; at <= actions; at++) {
      const book = await withChart(kind === "updateChart");
      book.instrumentation.failAction(at);
      await expect(apply(book, { steps: [CHART_STEPS[kind]] })).rejects.toMatchObject({ code: "GeneralException" });
      for (const c of book.charts("Plan").filter((c) => c.name === CHART_MODEL.name)) expect({ at, c }).toEqual({ at, c: { ...CHART_MODEL, id: expect.any(String) } });
    }
  });

  it("queues nothing until the caller syncs", async () => {
    const book = createWorkbook({ sheets: { Data: [[""]] } });
    (globalThis as unknown as { Excel: unknown }).Excel = book.Excel;
    await book.Excel.run(async (context: Excel.RequestContext) => {
      applyPlan(context, { steps: [{ kind: "setCells", sheet: "Data", address: "A1", cells: [["x"]] }] });
      expect(book.values("Data", "A1")).toEqual([[""]]);
      await context.sync();
      expect(book.values("Data", "A1")).toEqual([["x"]]);
    });
  });

  it("fails the sync, as Excel does, when a plan's cells do not fit its address", async () => {
    const book = createWorkbook({ sheets: { Data: [[""]] } });
    await expect(apply(book, { steps: [{ kind: "setCells", sheet: "Data", address: "A1:B1", cells: [["only one"]] }] })).rejects.toMatchObject({
      code: "InvalidArgument",
    });
    expect(book.values("Data", "A1:B1")).toEqual([["", ""]]);
  });
});

describe("tables and frozen panes land on the plan's sheet, whichever sheet the user is on", () => {
  it("addTable makes the table on its own sheet, not the active one (TableCollection.add: an address without a sheet name uses the active sheet)", async () => {
    const book = createWorkbook({ sheets: { Data: [["user", "cells"], [1, 2]], Plan: [["Days", "Cost"], [1, 10]] }, activeSheet: "Data" });
    await apply(book, { steps: [{ kind: "addTable", sheet: "Plan", address: "A1:B2", name: "Prices", showTotals: false }] });
    expect(book.table("Prices")).toMatchObject({ sheet: "Plan", address: "A1:B2" });
    expect(book.snapshot().tables.map((t) => t.sheet)).toEqual(["Plan"]);
  });

  it("freezeRows shows the sheet before freezing it (office-js #3148: freezing an inactive sheet leaves the active sheet wrong)", async () => {
    const book = createWorkbook({ sheets: { Data: [["user"]], Plan: [["Days"]] }, activeSheet: "Data" });
    await apply(book, { steps: [{ kind: "freezeRows", sheet: "Plan", rows: 1 }, { kind: "activate", sheet: "Plan" }] });
    expect(book.frozenRows("Plan")).toBe(1);
    expect(book.activeSheet()).toBe("Plan");
  });
});

test("plannedCells lists every cell a plan writes, a later write of a cell replacing an earlier one, formats beside inputs", () => {
  const cells = plannedCells({
    steps: [
      { kind: "addSheet", sheet: "S" },
      { kind: "setCells", sheet: "S", address: "B2:C2", cells: [[1, "=B2"]] },
      { kind: "setNumberFormat", sheet: "S", address: "C2", format: "$#,##0" },
      { kind: "setCells", sheet: "S", address: "B2", cells: [[5]] },
    ],
  });
  expect(cells).toEqual([
    { sheet: "S", row: 1, column: 1, input: 5 },
    { sheet: "S", row: 1, column: 2, input: "=B2", format: "$#,##0" },
  ]);
});
