import { CURRENT_RATES, annualCost, recommendDays } from "../../../src/core";
import { parseRange } from "../../../src/workbook/address";
import { type FillChoice, type FillMode, type FillSource, FillError, SUMMARY_CHART, SUMMARY_SHEET, filledSheetMark, planFill, ratesSheetName } from "../../../src/workbook/fill";
import { serializeMark } from "../../../src/workbook/ownership";
import type { PlanStep } from "../../../src/workbook/plan";
import { type Grid, MemoryBook, evaluate } from "./memoryBook";

const rates = CURRENT_RATES;
const RATES = ratesSheetName(rates);

/** Sites with boundaries, a blank row, text and a negative enrollment, and a budget column the fill must not touch. */
const sites = (): Grid => [
  ["Site", "Enrollment", "Budget"],
  ["Alpha ES", 200, "=1000*2"],
  ["Beta ES", 201, 5000],
  ["", "", ""],
  ["Gamma MS", "n/a", 7],
  ["Delta HS", -4, ""],
  ["Epsilon HS", 801, 9],
];
const REGION = parseRange("A1:C7");
const all = (mode: FillMode): FillChoice => ({ enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode });

function fill(book: MemoryBook, choice: FillChoice, region = REGION, blockBytes?: number, table: FillSource["table"] = null) {
  const plan = planFill(book.read("Sites", region, table), choice, rates, blockBytes);
  plan.blocks.forEach((b) => book.apply(b));
  return plan;
}

const column = (book: MemoryBook, col: number) => book.sheets.get("Sites")!.map((row) => row[col] ?? "");

describe("planFill, values mode", () => {
  it("adds Recommended days and each option's cost beside the data, from the core", () => {
    const book = new MemoryBook({ Sites: sites() });
    const plan = fill(book, all("values"));
    expect(plan.targets.map((t) => [t.header, t.column, t.added])).toEqual([
      ["Recommended days", 3, true],
      ["Full Year cost", 4, true],
      ["Outside Summer cost", 5, true],
      ["Summer Only cost", 6, true],
    ]);
    expect(column(book, 3)).toEqual(["Recommended days", 1, 2, "", expect.stringMatching(/^Error: Enrollment must be a number; "n\/a" is text/), expect.stringMatching(/^Error: Enrollment cannot be negative/), 5]);
    expect(column(book, 4)).toEqual(["Full Year cost", 26151, 52301, "", "", "", 130753]);
    expect(column(book, 5)).toEqual(["Outside Summer cost", 25004, 50008, "", "", "", 125021]);
    expect(column(book, 6)).toEqual(["Summer Only cost", 1125, 2251, "", "", "", 5627]);
    // The user's own cells, formulas included, are as they were.
    expect(book.sheets.get("Sites")!.map((r) => r.slice(0, 3))).toEqual(sites());
    expect(plan.changes).toBe(0);
  });

  it("previews rows, blanks, invalid rows with their sheet row, sites per days and totals per option", () => {
    const plan = planFill(new MemoryBook({ Sites: sites() }).read("Sites", REGION), all("values"), rates);
    const { preview } = plan;
    expect(preview).toMatchObject({ rows: 6, blanks: 1, filled: 3, sitesPerDays: [1, 1, 0, 0, 1] });
    expect(preview.invalid.map((p) => [p.row, p.site])).toEqual([
      [5, "Gamma MS"],
      [6, "Delta HS"],
    ]);
    const expected = [1, 2, 3].map((o) => [200, 201, 801].reduce((sum, e) => sum + annualCost(recommendDays(e, rates).days, o as 1 | 2 | 3, rates), 0));
    expect(preview.totals).toEqual(expected);
  });

  it("formats costs as currency and writes a summary sheet with a chart", () => {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all("values"));
    expect(book.formats.get("Sites!1,4")).toBe("$#,##0");
    expect(book.formats.get("Sites!6,6")).toBe("$#,##0");
    expect(book.formats.get("Sites!0,4")).toBeUndefined();
    const summary = book.sheets.get(SUMMARY_SHEET)!;
    expect(summary[3]).toEqual(["Recommended days a week", "Full Year", "Outside Summer", "Summer Only", "Sites"]);
    expect(summary[4]).toEqual(["1 day", 26151, 25004, 1125, 1]);
    expect(summary[8]).toEqual(["5 days (full-time)", 130753, 125021, 5627, 1]);
    expect(summary[9]).toEqual(["All sites", 26151 + 52301 + 130753, 25004 + 50008 + 125021, 1125 + 2251 + 5627, 3]);
    expect(book.charts.get(SUMMARY_SHEET)!.map((c) => c.name)).toEqual([SUMMARY_CHART]);
    const chart = book.steps.find((s) => s.kind === "addChart") as Extract<PlanStep, { kind: "addChart" }>;
    expect(chart.source).toBe("A4:D9");
    expect(book.sheets.has(RATES)).toBe(false); // only portable formulas need the rates sheet
  });
});

describe("formula modes", () => {
  it("live mode writes the custom functions on the row's own cells", () => {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all("live"));
    const row2 = book.sheets.get("Sites")![1];
    expect(row2.slice(3)).toEqual(['=IF(B2="","",LAUSD.ITSDAYS(B2,"2025-26"))', '=IF(D2="","",CHOOSE(D2+1,0,26151,52301,78452,104602,130753))', '=IF(D2="","",CHOOSE(D2+1,0,25004,50008,75013,100017,125021))', '=IF(D2="","",CHOOSE(D2+1,0,1125,2251,3376,4502,5627))']);
    expect(book.sheets.get("Sites")![3].slice(3)).toEqual(["", "", "", ""]);
    expect(book.sheets.get(SUMMARY_SHEET)![4]).toEqual(["1 day", "=SUMIF('Sites'!$D$2:$D$7,1,'Sites'!$E$2:$E$7)", "=SUMIF('Sites'!$D$2:$D$7,1,'Sites'!$F$2:$F$7)", "=SUMIF('Sites'!$D$2:$D$7,1,'Sites'!$G$2:$G$7)", "=COUNTIF('Sites'!$D$2:$D$7,1)"]);
  });

  it("portable mode uses only old, universal functions and reads the rates sheet it inserts", () => {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all("portable"));
    const formulas = book.sheets.get("Sites")!.slice(1).flatMap((r) => r.slice(3)).filter((c) => String(c).startsWith("="));
    expect(formulas).toHaveLength(5 * 4);
    const functions = new Set(formulas.flatMap((f) => String(f).match(/[A-Z]+(?=\()/g) ?? []));
    expect([...functions].sort()).toEqual(["FIND", "IF", "INDEX", "ISNUMBER", "MATCH", "ROUNDUP", "SUBSTITUTE", "TRIM", "UPPER", "VALUE"]);
    expect(formulas.join()).not.toMatch(/LAUSD|XLOOKUP|IFS|LET/);
    const ratesGrid = book.sheets.get(RATES)!;
    expect(ratesGrid[0][0]).toBe("ITS support technician rates, FY 2025-26");
    expect(ratesGrid[1][0]).toContain("2024-12-05");
    expect(ratesGrid[6]).toEqual([0, 200, 1, ""]);
    expect(ratesGrid[10]).toEqual([801, "and more", 5, ""]);
    expect(ratesGrid[12]).toEqual(["Days a week", "Full Year", "Outside Summer", "Summer Only"]);
    expect(ratesGrid[13]).toEqual([0, 0, 0, 0]);
    expect(ratesGrid[16]).toEqual([3, 78452, 75013, 3376]);
  });

  it.each(["live", "portable", "values"] as const)("%s mode shows the numbers of the core in an independent engine", (mode) => {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all(mode));
    const shown = evaluate(book).get("Sites")!;
    expect(shown.map((r) => r.slice(3))).toEqual([
      ["Recommended days", "Full Year cost", "Outside Summer cost", "Summer Only cost"],
      [1, 26151, 25004, 1125],
      [2, 52301, 50008, 2251],
      ["", "", "", ""],
      // Invalid rows: an error in the row itself, in every mode.
      ...[4, 5].map((r) => (mode === "values" ? [book.cell("Sites", r, 3), "", "", ""] : [expect.stringMatching(/^#/), expect.stringMatching(/^#/), expect.stringMatching(/^#/), expect.stringMatching(/^#/)])),
      [5, 130753, 125021, 5627],
    ]);
    const summary = evaluate(book).get(SUMMARY_SHEET)!;
    expect(summary[9]).toEqual(["All sites", 209205, 200033, 9003, 3]);
  });
});

describe("safety and re-runs", () => {
  it("a second run with unchanged data changes nothing and plans no writes", () => {
    for (const mode of ["live", "portable", "values"] as const) {
      const book = new MemoryBook({ Sites: sites() });
      fill(book, all(mode));
      const again = planFill(book.read("Sites", REGION), all(mode), rates);
      expect({ mode, changes: again.changes, additions: again.additions, blocks: again.blocks }).toEqual({ mode, changes: 0, additions: 0, blocks: [] });
      // Also when the re-run's range is the used range, which now takes in the fill's columns.
      const wider = planFill(book.read("Sites", parseRange("A1:G7")), all(mode), rates);
      expect(wider.targets.every((t) => !t.added)).toBe(true);
      expect(wider.blocks).toEqual([]);
    }
  });

  it("updates its own columns (the sheet's mark names them, their header is there), wherever they are, instead of adding new ones", () => {
    const grid = sites().map((row, i) => [...row.slice(0, 2), i === 0 ? "full year COST" : "", row[2], i === 0 ? "Notes" : "keep"]);
    const unmarked = planFill(new MemoryBook({ Sites: grid }).read("Sites", parseRange("A1:E7")), { ...all("values"), options: [1] }, rates);
    // Without the mark the column is the user's, whatever its header.
    expect(unmarked.targets.map((t) => [t.header, t.column, t.added])).toEqual([
      ["Recommended days", 5, true],
      ["Full Year cost", 6, true],
    ]);
    const book = new MemoryBook({ Sites: grid });
    book.marks.set("Sites", serializeMark(filledSheetMark(null, [{ header: "full year COST", column: 2 }])));
    const plan = fill(book, { ...all("values"), options: [1] }, parseRange("A1:E7"));
    expect(plan.targets.map((t) => [t.header, t.column, t.added])).toEqual([
      ["Recommended days", 5, true],
      ["full year COST", 2, false],
    ]);
    expect(column(book, 2)).toEqual(["full year COST", 26151, 52301, "", "", "", 130753]);
    expect(column(book, 4)).toEqual(["Notes", ...Array(6).fill("keep")]);
    expect(plan.changes).toBe(0);
  });

  it("counts the non-empty cells that would change, so the user can confirm", () => {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all("values"));
    // A user typed over two results: re-filling would change exactly those two cells.
    book.sheets.get("Sites")![1][3] = 9;
    book.sheets.get("Sites")![2][4] = "ask Ana";
    const update = planFill(book.read("Sites", REGION), all("values"), rates);
    expect([update.changes, update.additions]).toEqual([2, 0]);
    expect(update.blocks).toHaveLength(1);
    update.blocks.forEach((b) => book.apply(b));
    expect([book.cell("Sites", 1, 3), book.cell("Sites", 2, 4)]).toEqual([1, 52301]);

    // Values to live formulas: 3 valid rows x 4 cells and the 2 invalid rows' messages change; their
    // empty cost cells are additions; the summary's 6 rows x 4 numbers become formulas.
    const toLive = planFill(book.read("Sites", REGION), all("live"), rates);
    expect([toLive.changes, toLive.additions]).toEqual([3 * 4 + 2 + 6 * 4, 2 * 3]);
  });

  it("beside a selected range, new columns go where every cell is empty: past the user's data, replacing nothing", () => {
    const grid = sites().map((row, i) => [...row, "", i === 2 ? "note" : ""]);
    const plan = planFill(new MemoryBook({ Sites: grid }).read("Sites", REGION), all("values"), rates);
    expect(plan.targets.map((t) => t.column)).toEqual([5, 6, 7, 8]);
    expect(plan.changes).toBe(0);
    // Cells below the region count too: a column with a value further down is not empty.
    const below = planFill({ ...new MemoryBook({ Sites: sites() }).read("Sites", REGION), usedBelow: parseRange("D9:D9"), used: parseRange("A1:D9") }, all("values"), rates);
    expect(below.targets.map((t) => t.column)).toEqual([4, 5, 6, 7]);
  });

  it("splits rows into blocks under the byte budget, each row written once, and a table grows to take the new columns", () => {
    const grid: Grid = [["School", "Enrollment"], ...Array.from({ length: 500 }, (_, i) => [`S${i}`, i * 3])];
    const book = new MemoryBook({ Sites: grid });
    book.tables.set("Schools", { sheet: "Sites", address: "A1:B502", totalsRow: true });
    const plan = fill(book, all("portable"), parseRange("A1:B501"), 20_000, { name: "Schools", totalsRow: true });
    expect(plan.blocks.length).toBeGreaterThan(5);
    plan.blockBytes.forEach((bytes) => expect(bytes).toBeLessThanOrEqual(20_000));
    const written = plan.blocks.flatMap((b) => b.steps.filter((s) => s.kind === "setCells" && s.sheet === "Sites").map((s) => parseRange((s as { address: string }).address)));
    expect(written.map((r) => [r.start.column, r.columns])).toEqual(written.map(() => [2, 4]));
    const rows = written.flatMap((r) => Array.from({ length: r.rows }, (_, i) => r.start.row + i));
    expect(rows).toEqual(Array.from({ length: 501 }, (_, i) => i));
    expect(book.tables.get("Schools")!.address).toBe("A1:F502");
    // Rates go first (the formulas read them), the summary last.
    expect(plan.blocks[0].steps[0]).toEqual({ kind: "addSheet", sheet: RATES });
    expect(plan.blocks[plan.blocks.length - 1].steps.some((s) => s.kind === "addChart")).toBe(true);
    const shown = evaluate(book).get("Sites")!;
    grid.slice(1).forEach(([, e], i) => expect(shown[i + 1][2]).toBe(recommendDays(e as number, rates).days));
  });
});

it("refuses a choice that does not fit the data, saying what to do", () => {
  const source = new MemoryBook({ Sites: sites() }).read("Sites", REGION);
  expect(() => planFill(source, { ...all("values"), enrollmentColumn: 7 }, rates)).toThrow(FillError);
  expect(() => planFill(source, { ...all("values"), enrollmentColumn: 7 }, rates)).toThrow(/Choose the column/);
  const onlyHeader = new MemoryBook({ Sites: sites() }).read("Sites", parseRange("A1:C1"));
  expect(() => planFill(onlyHeader, all("values"), rates)).toThrow(/No data rows/);
  const book = new MemoryBook({ Sites: sites().map((r, i) => [...r, i === 0 ? "Recommended days" : ""]) });
  book.marks.set("Sites", serializeMark(filledSheetMark(null, [{ header: "Recommended days", column: 3 }])));
  expect(() => planFill(book.read("Sites", parseRange("A1:D7")), { ...all("values"), enrollmentColumn: 3 }, rates)).toThrow(/where the fill writes its results/);
});

const stepsOnSites = (steps: readonly PlanStep[]) =>
  steps.filter((s) => "sheet" in s && s.sheet === "Sites").map((s) => `${s.kind}:${"address" in s ? s.address : ""}`);

it("orders each block so an interrupted request is redone by the next fill: bold, headers, formats, then the rows' cells", () => {
  const plan = planFill(new MemoryBook({ Sites: sites() }).read("Sites", REGION), all("values"), rates);
  expect(stepsOnSites(plan.blocks[0].steps)).toEqual([
    "markSheet:",
    "setBold:D1",
    "setBold:E1",
    "setBold:F1",
    "setBold:G1",
    "setCells:D1:G1",
    "setNumberFormat:D2:D7",
    "setNumberFormat:E2:E7",
    "setNumberFormat:F2:F7",
    "setNumberFormat:G2:G7",
    "setCells:D2:G7",
    "autofitColumns:D1",
    "autofitColumns:E1",
    "autofitColumns:F1",
    "autofitColumns:G1",
  ]);
});

it("writes the headers after their bold in a block of the header row alone, so a fill stopped in between is redone", () => {
  const plan = planFill(new MemoryBook({ Sites: sites() }).read("Sites", REGION), all("values"), rates, 1);
  const writes = stepsOnSites(plan.blocks[0].steps).filter((s) => !s.startsWith("autofitColumns"));
  expect(writes).toEqual(["markSheet:", "setBold:D1", "setBold:E1", "setBold:F1", "setBold:G1", "setCells:D1:G1"]);
});

describe("the summary chart after a fill that Excel stopped half-way", () => {
  const TITLE = `Annual cost by recommended days, FY ${rates.fiscalYear}`;
  const ours = { name: SUMMARY_CHART, title: TITLE, source: "A4:D9", position: "G2:N20" };
  const chartSteps = (plan: ReturnType<typeof planFill>) => plan.blocks.flatMap((b) => b.steps).filter((s) => s.kind === "addChart" || s.kind === "updateChart");

  /** A completed fill whose chart is then left as an interrupted one would be (Excel's default name, no title, not placed). */
  function interrupted(chart: { name: string; title: string }) {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all("values"));
    book.charts.set(SUMMARY_SHEET, [{ ...chart, source: "A4:D9", position: "" }]);
    return book;
  }

  it.each([
    ["added but not yet titled, placed or named", { name: "Chart 1", title: "" }],
    ["titled and placed but not yet named", { name: "Chart 1", title: TITLE }],
    ["named by an older fill but not titled", { name: SUMMARY_CHART, title: "" }],
  ])("a chart %s is repaired in place, not doubled", (_, chart) => {
    const book = interrupted(chart);
    const plan = fill(book, all("values"));
    expect(chartSteps(plan)).toEqual([{ kind: "updateChart", sheet: SUMMARY_SHEET, chart: chart.name, ...ours }]);
    // The cells were complete: the repair is the only write, and no user cell is counted as a change.
    expect(plan.blocks).toHaveLength(1);
    expect([plan.changes, plan.additions]).toEqual([0, 0]);
    expect(book.charts.get(SUMMARY_SHEET)).toEqual([ours]);
    expect(planFill(book.read("Sites", REGION), all("values"), rates).blocks).toEqual([]);
  });

  it("a complete chart is left alone, and so is any other chart beside it", () => {
    const book = new MemoryBook({ Sites: sites() });
    fill(book, all("values"));
    const other = { name: "Chart 2", title: "My own", source: "A4:B9", position: "P2:T9" };
    book.charts.get(SUMMARY_SHEET)!.push(other);
    expect(planFill(book.read("Sites", REGION), all("values"), rates).blocks).toEqual([]);
    expect(book.charts.get(SUMMARY_SHEET)).toEqual([ours, other]);
  });
});
