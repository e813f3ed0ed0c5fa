/**
 * The fill at Excel's real limits, measured on the Excel API emulation: syncs, requests, blocks and
 * payload bytes for the 1,008 real schools and for 100,000 rows, plus the fill's CPU time.
 * Run alone to see the figures: npx jest test/workbook/fill-excel/scale.test.ts
 */
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";
import { CURRENT_RATES, annualCost, recommendDays } from "../../../src/core";
import { EmulatedWorkbook, createWorkbookModel, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { type FillProgress, readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { type FillMode, SUMMARY_SHEET, detectColumns, planFill } from "../../../src/workbook/fill";
import { ENROLLMENT_DIR, hasEnrollmentData, skipMessage } from "../../support/enrollmentData";

const rates = CURRENT_RATES;
const FIVE_MB = 5 * 1024 * 1024;

/** No formula engine: these tests measure requests; the values are checked elsewhere and in values mode here. */
function use(sheet: unknown[][]): EmulatedWorkbook {
  const book = new EmulatedWorkbook(createWorkbookModel({ sheets: { Schools: sheet as never } }));
  installEmulatedOffice(globalThis, book);
  return book;
}

async function measuredFill(book: EmulatedWorkbook, mode: FillMode, onProgress?: (p: FillProgress) => void, signal?: AbortSignal) {
  const cpu = process.cpuUsage();
  const read = await readFillSource({ kind: "usedRange" }, { onProgress, signal });
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const columns = detectColumns(read.source.formulas[0], rates);
  const planCpu = process.cpuUsage();
  const plan = planFill(read.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [1, 2, 3], mode }, rates);
  const planUsed = process.cpuUsage(planCpu);
  const result = await writeFill(plan, { onProgress, signal });
  const used = process.cpuUsage(cpu);
  const requests = book.instrumentation.requests;
  return {
    plan,
    result,
    figures: {
      mode,
      rows: read.source.region.rows - 1,
      syncs: book.instrumentation.syncCalls,
      runs: book.instrumentation.runs,
      writeBlocks: plan.blocks.length,
      readRequests: book.instrumentation.syncCalls - plan.blocks.length,
      maxReadResponseBytes: Math.max(...requests.map((r) => r.responseBytes)),
      maxRequestBytes: Math.max(...requests.map((r) => r.bytes)),
      writeBytes: requests.slice(-plan.blocks.length).map((r) => r.bytes),
      cpuMs: Math.round((used.user + used.system) / 1000),
      planCpuMs: Math.round((planUsed.user + planUsed.system) / 1000),
    },
  };
}

const report: object[] = [];
afterAll(() => console.log(report.map((r) => JSON.stringify(r)).join("\n")));

const describeData = hasEnrollmentData() ? describe : describe.skip;
if (!hasEnrollmentData()) console.warn(skipMessage());

describeData("1,008 real schools (enrollment-2019-20-cde.csv)", () => {
  const csv: string[][] = hasEnrollmentData() ? parse(fs.readFileSync(path.join(ENROLLMENT_DIR, "enrollment-2019-20-cde.csv"))) : [];
  const sheet = csv.map((row, i) => (i === 0 ? row : row.map((c) => (/^\d{1,10}$/.test(c) ? Number(c) : c))));

  it.each(["live", "portable", "values"] as const)("%s: at most 3 syncs, every request under 5 MB", async (mode) => {
    const book = use(sheet);
    const { figures, result } = await measuredFill(book, mode);
    report.push({ case: "1,008 schools", ...figures });
    expect(figures.rows).toBe(1008);
    expect(result).toEqual({ kind: "done", blocks: 1 });
    expect(figures.syncs).toBeLessThanOrEqual(3);
    expect(figures.maxRequestBytes).toBeLessThan(FIVE_MB);
  });

  it("values mode: the written totals per option are the core's", async () => {
    const book = use(sheet);
    await measuredFill(book, "values");
    const days = sheet.slice(1).map((r) => recommendDays(r[1] as number, rates).days);
    const totals = ([1, 2, 3] as const).map((o) => days.reduce((s, d) => s + annualCost(d, o, rates), 0));
    expect(book.formulas(SUMMARY_SHEET, "B10:E10")).toEqual([[...totals, 1008]]);
  });
});

describe("100,000 rows", () => {
  const ROWS = 100_000;
  const sheet = [
    ["Site", "Enrollment", "Region", "Budget code", "Notes"],
    ...Array.from({ length: ROWS }, (_, i) => [`School number ${i + 1}`, (i * 37) % 1500, `Region ${(i % 6) + 1}`, 10000 + i, i % 10 === 0 ? "check" : ""]),
  ];

  it.each(["portable", "values"] as const)("%s: written in blocks whose requests stay under 5 MB, with progress", async (mode) => {
    const book = use(sheet);
    const progress: FillProgress[] = [];
    const { figures, result, plan } = await measuredFill(book, mode, (p) => progress.push(p));
    report.push({ case: "100,000 rows", ...figures, writeBytes: `${Math.min(...figures.writeBytes)}..${Math.max(...figures.writeBytes)}` });
    expect(result.kind).toBe("done");
    expect(figures.maxRequestBytes).toBeLessThan(FIVE_MB);
    expect(figures.maxReadResponseBytes).toBeLessThan(FIVE_MB);
    expect(book.instrumentation.requests.every((r) => !r.error)).toBe(true);
    expect(plan.blockRows.reduce((a, b) => a + b)).toBe(ROWS + 1);
    expect(progress.filter((p) => p.phase === "write").map((p) => p.done)).toEqual(plan.blocks.map((_, i) => i + 1));
    expect(progress.filter((p) => p.phase === "read").pop()).toEqual({ phase: "read", done: ROWS + 1, total: ROWS + 1 });
    if (mode === "values") {
      expect(book.formulas("Schools", "F100001:I100001")).toEqual([[recommendDays(sheet[100000][1] as number, rates).days, ...([1, 2, 3] as const).map((o) => annualCost(recommendDays(sheet[100000][1] as number, rates).days, o, rates))]]);
    }
  }, 120_000);

  it("cancel stops between blocks; filling again finishes the job without redoing the written rows", async () => {
    const book = use(sheet);
    const controller = new AbortController();
    const { result, plan } = await measuredFill(book, "values", (p) => p.phase === "write" && p.done === 1 && controller.abort(), controller.signal);
    expect(plan.blocks.length).toBeGreaterThan(1);
    expect(result).toEqual({ kind: "cancelled", blocksDone: 1, rowsDone: plan.blockRows[0] });
    expect(book.formulas("Schools", "F100001")).toEqual([[""]]);
    const again = await measuredFill(book, "values");
    expect(again.plan.blocks.length).toBe(plan.blocks.length - 1);
    expect(again.plan.changes).toBe(0);
    expect(book.formulas("Schools", "F100001")).toEqual([[recommendDays(sheet[100000][1] as number, rates).days]]);
  }, 120_000);
});
