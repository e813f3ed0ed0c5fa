/**
 * Total and subtotal rows among the sites are recognised and left out: they get no price, the summary does not
 * count them, and the pane says which rows were left out. Before, a "Total" row under 1,008 schools was priced as a
 * 5-day site and counted in the summary.
 */
import { CURRENT_RATES } from "../../../src/core";
import { createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { confirmText, leftOutText } from "../../../src/taskpane/fill/fillView";
import { readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { SUMMARY_SHEET, isSummaryRow, planFill } from "../../../src/workbook/fill";

const rates = CURRENT_RATES;

test.each([
  ["Total", ""],
  ["TOTAL:", 5000],
  ["Grand total", ""],
  ["Sub-total", ""],
  ["Subtotal", ""],
  ["Totals for Region North", ""],
  ["Region North total", ""],
  ["  total  ", 12],
  ["Sum", ""],
  ["", "=SUBTOTAL(109,B2:B9)"],
  ["", "=AGGREGATE(9,5,B2:B9)"],
  ["", "=sum($B$2:$B$9)"],
])("%p with enrollment %p is a total row", (label, enrollment) => {
  expect(isSummaryRow(label, enrollment)).toBe(true);
});

test.each([
  ["Total Learning Academy", 523],
  ["Alpha ES", "=SUM(C7:H7)"], // grades added up across the row: the site's own enrollment
  ["Alpha ES", "=B7+1"],
  ["Totalis Charter", 12],
  [523, ""],
])("%p with enrollment %p is a site", (label, enrollment) => {
  expect(isSummaryRow(label, enrollment)).toBe(false);
});

const sheet = () => [
  ["Site", "Enrollment"],
  ["Alpha ES", 200],
  ["Total Learning Academy", 523],
  ["Gamma HS", 801],
  ["Subtotal", "=SUBTOTAL(109,B2:B4)"],
  ["Delta ES", 300],
  ["", "=SUM(B2:B4,B6)"],
  ["Grand total", 1824],
];

test.each(["live", "portable", "values"] as const)("%s mode: total rows get no price and the summary leaves them out; the pane names them", async (mode) => {
  const book = createWorkbook({ sheets: { Sites: sheet() } });
  installEmulatedOffice(globalThis, book);
  const read = await readFillSource({ kind: "usedRange" });
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const plan = planFill(read.source, { enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode }, rates);
  expect(plan.preview.totalRows).toEqual([
    { row: 5, label: "Subtotal" },
    { row: 7, label: "" },
    { row: 8, label: "Grand total" },
  ]);
  expect(plan.preview.filled).toBe(4);
  expect(leftOutText(plan.preview)).toBe('3 total rows are left out of the pricing and the summary: row 5 ("Subtotal"), row 7, row 8 ("Grand total").');
  expect(confirmText(plan, rates)).toContain("3 total rows are left out");
  expect((await writeFill(plan)).kind).toBe("done");

  for (const row of [5, 7, 8]) expect(book.values("Sites", `C${row}:F${row}`)).toEqual([["", "", "", ""]]);
  expect(book.values("Sites", "C3:D3")).toEqual([[3, 78452]]);
  expect(book.values("Sites", "B8")).toEqual([[1824]]); // the user's cells are untouched
  // 1 + 3 + 5 + 2 days: the four sites, not the totals.
  expect(book.values(SUMMARY_SHEET, "A10:E10")).toEqual([["All sites", 26151 + 78452 + 130753 + 52301, 25004 + 75013 + 125021 + 50008, 1125 + 3376 + 5627 + 2251, 4]]);
});

test("one total row, named in the singular; none: nothing said", () => {
  const preview = { totalRows: [{ row: 1010, label: "Total" }] } as never;
  expect(leftOutText(preview)).toBe('1 total row is left out of the pricing and the summary: row 1010 ("Total").');
  expect(leftOutText({ totalRows: [] } as never)).toBeNull();
});
