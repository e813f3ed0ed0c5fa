/**
 * TableCollection.add(address, hasHeaders) reference (office-js-docs-reference, excel.tablecollection.md):
 * "The range object or source address determines the worksheet under which the table will be added" and
 * "If the address does not contain a sheet name, the currently-active sheet is used." Worksheet.tables is
 * the same TableCollection type, so `worksheet.tables.add("A1:B2")` on a sheet that is not active puts the
 * table on the ACTIVE sheet (the docs make no exception for it; the emulation keeps that reading).
 */
import { workbook } from "./contract";

const spec = () => ({ sheets: { Mine: [["Name", "Note"], ["user", "data"]], "ITS Budget": [["Site", "Days"], ["A", 1]] }, activeSheet: "Mine" });

test("worksheet.tables.add with an unqualified address uses the active sheet, not the collection's", async () => {
  const book = workbook(spec());
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("ITS Budget").tables.add("A1:B2", true).name = "ITSBudget";
    await context.sync();
  });
  expect(book.table("ITSBudget")).toMatchObject({ sheet: "Mine", address: "A1:B2" });
});

test("workbook.tables.add with an unqualified address uses the active sheet", async () => {
  const book = workbook(spec());
  await Excel.run(async (context) => {
    context.workbook.tables.add("A1:B2", true).name = "T";
    await context.sync();
  });
  expect(book.table("T")?.sheet).toBe("Mine");
});

test("a sheet-qualified address or a Range decides the sheet, whichever collection is used", async () => {
  const book = workbook(spec());
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Mine").tables.add("'ITS Budget'!A1:B2", true).name = "ByAddress";
    await context.sync();
  });
  expect(book.table("ByAddress")?.sheet).toBe("ITS Budget");
  const other = workbook(spec());
  await Excel.run(async (context) => {
    const budget = context.workbook.worksheets.getItem("ITS Budget");
    context.workbook.worksheets.getItem("Mine").tables.add(budget.getRange("A1:B2"), true).name = "ByRange";
    await context.sync();
  });
  expect(other.table("ByRange")?.sheet).toBe("ITS Budget");
});
