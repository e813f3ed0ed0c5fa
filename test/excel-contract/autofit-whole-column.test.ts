/**
 * RangeFormat.autofitColumns fits the whole column to everything in it, not only the range it is called on
 * (office-js #5999, #1017): a long note in A2 widens column A even when only A6:D9 is autofitted.
 */
import { workbook } from "./contract";

test("autofitColumns on part of a column fits the whole column", async () => {
  const book = workbook({ sheets: { Summary: [["Title"], ["A very long source line that the autofit of A6:D9 does not mean to include"]] } });
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Summary").getRange("A6:D9").format.autofitColumns();
    await context.sync();
  });
  expect(book.autofittedColumns("Summary")).toEqual(["A", "B", "C", "D"]);
  expect(book.model.requireSheet("Summary").autofitted).toEqual(["A1:D1048576"]);
});
