/**
 * The add-in's own Excel code (src/workbook/excel) runs unchanged on the emulation: a quote and a
 * bulk fill of the preview's sample sheet, with the grid's computed values checked against the core.
 */
import { CURRENT_RATES, annualCost, parseEnrollment, recommendDays } from "../../src/core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { SAMPLE_ROWS, SAMPLE_SHEET, sampleWorkbook } from "../../src/preview/sample";
import { type FillMode, detectColumns, planFill } from "../../src/workbook/fill";
import { readFillSource, writeFill } from "../../src/workbook/excel/fill";
import { addQuoteToBudget } from "../../src/workbook/excel/quote";

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  // Office too, as a real host has it: the writers check requirement sets through Office.context.requirements.
  installEmulatedOffice(globalThis, book);
  return book;
}

test("a school and an office quoted into ITS Budget show the memo's prices; re-adding updates the row", async () => {
  const book = use(createWorkbook(sampleWorkbook()));
  const sampleBefore = book.snapshot().sheets[0];
  const options = { sheetName: "ITS Budget", formulas: true, confirmUpdate: false };
  const school = { site: "Fairmont Middle", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } } as const;
  const office = { site: "Region North Office", kind: "office", enrollment: null, purchase: { kind: "single", option: 1, days: 5 } } as const;

  expect((await addQuoteToBudget(school, options)).kind).toBe("plan");
  expect((await addQuoteToBudget(office, options)).kind).toBe("plan");
  expect(book.instrumentation.requests.filter((r) => r.explicit).length).toBeLessThanOrEqual(4);
  for (const run of [1, 2]) expect(book.instrumentation.requestsOfRun(run).length).toBeLessThanOrEqual(2);

  const table = book.table("ITSBudget")!;
  const values = book.values("ITS Budget", table.address);
  const cost = table.headers.indexOf("Annual cost");
  const rowOf = (site: string) => values.find((r) => r[0] === site)!;
  expect(rowOf("Fairmont Middle")[cost]).toBe(75013);
  expect(rowOf("Region North Office")[cost]).toBe(130753);
  // Every add-in function call names the year it was priced with, so a year bundled later never re-prices it.
  const calls = book.formulas("ITS Budget", table.address).flat().filter((f) => /LAUSD\./.test(String(f)));
  expect(calls.length).toBeGreaterThan(0);
  for (const formula of calls) expect(String(formula).match(/LAUSD\.ITS(DAYS|COST)\([^)]*\)/g)!.every((call) => call.endsWith(`,"${CURRENT_RATES.fiscalYear}")`))).toBe(true);

  const again = await addQuoteToBudget({ ...school, purchase: { kind: "single", option: 1, days: 3 } }, { ...options, confirmUpdate: true });
  expect(again).toMatchObject({ kind: "plan", action: "updated" });
  const after = book.values("ITS Budget", book.table("ITSBudget")!.address);
  expect(after.filter((r) => r[0] === "Fairmont Middle")).toHaveLength(1);
  expect(after.find((r) => r[0] === "Fairmont Middle")![cost]).toBe(78452);
  expect(book.snapshot().sheets[0]).toEqual(sampleBefore);
});

describe.each<FillMode>(["live", "portable", "values"])("bulk fill of the sample sheet, %s mode", (mode) => {
  test("days and prices per row match the core; blank stays blank; the invalid row shows an error; a second run changes nothing", async () => {
    const book = use(createWorkbook(sampleWorkbook()));
    const read = await readFillSource({ kind: "usedRange" });
    if (read.kind !== "read") throw new Error(JSON.stringify(read));
    const columns = detectColumns(read.source.values[0], CURRENT_RATES);
    const plan = planFill(read.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [1, 2, 3], mode }, CURRENT_RATES);
    expect(await writeFill(plan)).toMatchObject({ kind: "done" });
    expect(book.instrumentation.syncCalls).toBeLessThanOrEqual(3);

    const headers = book.values(SAMPLE_SHEET, "A1:H1")[0];
    const days = headers.indexOf("Recommended days");
    const full = headers.indexOf("Full Year cost");
    expect(days).toBeGreaterThan(3);
    const grid = book.values(SAMPLE_SHEET, `A1:H${SAMPLE_ROWS.length}`);
    SAMPLE_ROWS.forEach((row, i) => {
      if (i === 0) return;
      const parsed = parseEnrollment(row[2]);
      if (parsed.kind === "ok") {
        const d = recommendDays(parsed.value, CURRENT_RATES).days;
        expect([grid[i][days], grid[i][full], grid[i][full + 1], grid[i][full + 2]]).toEqual([d, annualCost(d, 1, CURRENT_RATES), annualCost(d, 2, CURRENT_RATES), annualCost(d, 3, CURRENT_RATES)]);
      } else if (parsed.kind === "blank") {
        expect(grid[i].slice(days)).toEqual(["", "", "", ""]);
      } else {
        expect(String(grid[i][days])).toMatch(/^#|invalid|not a number|must be/i);
      }
      expect(grid[i].slice(0, 4)).toEqual(row.map((v) => v ?? ""));
    });

    const reread = await readFillSource({ kind: "usedRange" });
    if (reread.kind !== "read") throw new Error(JSON.stringify(reread));
    const second = planFill(reread.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [1, 2, 3], mode }, CURRENT_RATES);
    expect([second.changes, second.additions, second.blocks.length]).toEqual([0, 0, 0]);
  });
});
