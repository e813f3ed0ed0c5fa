/**
 * Two table behaviours the docs do not describe (review section C.9), kept pessimistically:
 * - Table.resize (ExcelApi 1.13; the reference says only that the new range must overlap and keep the header
 *   row): the new range is taken to INCLUDE the totals row, and cells are not moved, so the old totals row
 *   becomes a body row. Code that resizes a table with totals must rewrite the totals itself.
 * - showTotals = true when the row under the table is not empty: refused with InvalidOperation rather than
 *   overwriting the user's cell or shifting it down.
 */
import { rejection, workbook } from "./contract";

test("resize takes the totals row inside the new range and moves no cell", async () => {
  const book = workbook({
    sheets: { S: [["Site", "Cost"], ["A", 1], ["Total", "=SUBTOTAL(109,[Cost])"]] },
    tables: [{ name: "T", sheet: "S", address: "A1:B3", showTotals: true }],
  });
  await Excel.run(async (context) => {
    context.workbook.tables.getItem("T").resize("A1:B4");
    await context.sync();
  });
  expect(book.table("T")).toMatchObject({ address: "A1:B4", body: "A2:B3" });
  expect(book.formulas("S", "A3:B4")).toEqual([["Total", "=SUBTOTAL(109,[Cost])"], ["", ""]]);
});

test("showTotals refuses when the row under the table holds data; the user's cell stays", async () => {
  const book = workbook({ sheets: { S: [["Site"], ["A"], ["user data"]] }, tables: [{ name: "T", sheet: "S", address: "A1:A2" }] });
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.tables.getItem("T").showTotals = true;
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidOperation");
  expect(book.value("S", "A3")).toBe("user data");
});
