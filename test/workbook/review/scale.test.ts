/**
 * Review of 100,000 rows on the Excel emulation: reads in blocks whose responses stay under Excel on the web's
 * 5 MB, with progress; Cancel while reading writes nothing; Cancel between write blocks keeps what was written,
 * and a new review finishes the job.
 */
import { CURRENT_RATES, annualCost, recommendDays } from "../../../src/core";
import { EmulatedWorkbook, createWorkbookModel, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import type { FillProgress } from "../../../src/workbook/excel/fill";
import { readReviewSource, writeReview } from "../../../src/workbook/excel/review";
import { REVIEW_SHEET, detectReviewColumns, planReview } from "../../../src/workbook/review";

const rates = CURRENT_RATES;
const ROWS = 100_000;
const FIVE_MB = 5 * 1024 * 1024;

const sheet = [
  ["Site", "Enrollment", "Days bought", "Option", "Cost", "Region"],
  ...Array.from({ length: ROWS }, (_, i) => {
    const enrollment = (i * 37) % 1500;
    const days = recommendDays(enrollment, rates).days;
    const option = ((i % 3) + 1) as 1 | 2 | 3;
    // One row in a thousand is a day short.
    const bought = i % 1000 === 3 ? days - 1 : days;
    return [`School number ${i + 1}`, enrollment, bought, rates.options[option - 1].name, annualCost(bought, option, rates), `Region ${(i % 6) + 1}`];
  }),
];

/** No formula engine: the cells are constants, and these tests measure requests. */
function use(): EmulatedWorkbook {
  const book = new EmulatedWorkbook(createWorkbookModel({ sheets: { Budgets: sheet } }));
  installEmulatedOffice(globalThis, book);
  return book;
}

async function readAll(onProgress?: (p: FillProgress) => void, signal?: AbortSignal) {
  return readReviewSource({ kind: "usedRange" }, { onProgress, signal });
}

it("reads 100,000 rows in blocks under 5 MB with progress, and writes the findings in requests under 5 MB", async () => {
  const book = use();
  const progress: FillProgress[] = [];
  const read = await readAll((p) => progress.push(p));
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  expect(read.readBytes.length).toBeGreaterThan(1);
  expect(progress).toHaveLength(read.readBytes.length);
  expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1].done)).toBe(true);
  expect(progress[progress.length - 1]).toEqual({ phase: "read", done: ROWS + 1, total: ROWS + 1 });
  const plan = planReview(read.source, detectReviewColumns(read.source.values[0], rates), rates);
  expect(plan.counts.belowRecommendation).toBe(ROWS / 1000);
  expect(plan.withFindings).toBe(ROWS / 1000);
  expect(await writeReview(plan)).toEqual({ kind: "done", blocks: plan.blocks.length });
  const requests = book.instrumentation.requests;
  expect(requests.every((r) => !r.error && r.bytes < FIVE_MB && r.responseBytes < FIVE_MB)).toBe(true);
  expect(book.instrumentation.syncCalls).toBe(1 + read.readBytes.length + plan.blocks.length);
  expect(book.value("Budgets", `G${ROWS + 1}`)).toBe("OK");
  expect(book.value("Budgets", "G5")).toMatch(/^Days \d is below the memo's recommendation/);
}, 120_000);

it("Cancel while reading writes nothing", async () => {
  const book = use();
  const controller = new AbortController();
  const read = await readAll((p) => p.done > 0 && controller.abort(), controller.signal);
  expect(read).toEqual({ kind: "cancelled" });
  // The request that finds the data and one block of rows: nothing else reached Excel.
  expect(book.instrumentation.syncCalls).toBe(2);
  expect(book.usedRange("Budgets")).toBe(`A1:F${ROWS + 1}`);
  expect(book.sheetNames()).toEqual(["Budgets"]);
}, 120_000);

it("Cancel between write blocks keeps the findings written; a new review replaces them and adds the sheet", async () => {
  const book = use();
  const read = await readAll();
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const plan = planReview(read.source, detectReviewColumns(read.source.values[0], rates), rates, 200_000);
  expect(plan.blocks.length).toBeGreaterThan(2);
  const controller = new AbortController();
  const result = await writeReview(plan, { signal: controller.signal, onProgress: (p) => p.done === 1 && controller.abort() });
  expect(result).toEqual({ kind: "cancelled", blocksDone: 1, rowsDone: plan.blockRows[0] });
  expect(book.value("Budgets", "G1")).toBe("ITS review");
  expect(book.value("Budgets", `G${ROWS + 1}`)).toBe("");
  expect(book.sheetNames()).not.toContain(REVIEW_SHEET);

  const again = await readAll();
  if (again.kind !== "read") throw new Error(JSON.stringify(again));
  const next = planReview(again.source, detectReviewColumns(again.source.values[0], rates), rates);
  expect(next.target).toEqual({ column: 6, address: `G1:G${ROWS + 1}`, earlierReview: true, replaces: plan.blockRows[0] });
  expect((await writeReview(next)).kind).toBe("done");
  expect(book.value("Budgets", `G${ROWS + 1}`)).toBe("OK");
  expect(book.sheetNames()).toContain(REVIEW_SHEET);
}, 120_000);
