/**
 * Worksheet.delete() (ExcelApi 1.1), Excel.Worksheet reference
 * (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1), also in
 * @types/office-js): "Deletes the worksheet from the workbook. Note that if the worksheet's visibility is set to
 * "VeryHidden", the delete operation will fail with an InvalidOperation exception." The sheet goes with everything on
 * it (its tables leave workbook.tables, its charts go with it). A workbook keeps at least one visible sheet, so Excel
 * refuses to delete the last one; the docs name no code for that, and the emulation uses InvalidOperation, the code
 * the reference gives for the other refusal. Which sheet becomes active when the active one is deleted is not in the
 * docs: the emulation takes Excel's tab behaviour, the sheet to the right (the left one when it was the last), with A1
 * selected. A formula that referred to the deleted sheet shows #REF!. A Worksheet object got before the delete no longer
 * stands for a sheet: using it (a range of it, activate, delete again) fails with ItemNotFound (docs silent:
 * pessimistic).
 */
import { rejection, workbook } from "./contract";

const spec = () => ({
  sheets: { Schools: [["Site", "Days"], ["A", 1]], "ITS Budget": [["Site", "Cost"], ["A", 2]], Summary: [["=SUM('ITS Budget'!B2)", "=Schools!B2"]] },
  tables: [{ name: "Budget", sheet: "ITS Budget", address: "A1:B2" }],
  activeSheet: "ITS Budget",
  selection: "B2",
});

async function deleteSheet(name: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(name).delete();
    await context.sync();
  });
}

test("delete removes the sheet with its tables; formulas that referred to it show #REF!", async () => {
  const book = workbook(spec());
  await deleteSheet("ITS Budget");
  expect(book.sheetNames()).toEqual(["Schools", "Summary"]);
  expect(book.table("Budget")).toBeUndefined();
  expect(book.values("Summary", "A1:B1")).toEqual([["#REF!", 1]]);
  const names = await Excel.run(async (context) => {
    const tables = context.workbook.tables.load("items/name");
    const sheet = context.workbook.worksheets.getItemOrNullObject("ITS Budget");
    await context.sync();
    return { tables: tables.items.map((t) => t.name), gone: sheet.isNullObject };
  });
  expect(names).toEqual({ tables: [], gone: true });
});

test("deleting the active sheet activates the sheet to its right, or to its left when it was the last", async () => {
  const book = workbook(spec());
  await deleteSheet("ITS Budget");
  expect(book.activeSheet()).toBe("Summary");
  expect(book.snapshot().selection).toBe("Summary!A1");
  await deleteSheet("Summary");
  expect(book.activeSheet()).toBe("Schools");
});

test("deleting another sheet leaves the active sheet and the selection alone", async () => {
  const book = workbook(spec());
  await deleteSheet("Schools");
  expect(book.activeSheet()).toBe("ITS Budget");
  expect(book.snapshot().selection).toBe("'ITS Budget'!B2");
});

test("the last sheet cannot be deleted (InvalidOperation) and stays as it was", async () => {
  const book = workbook({ sheets: { Only: [["keep"]] } });
  const before = book.snapshot();
  const error = await rejection(deleteSheet("Only"));
  expect(error.code).toBe("InvalidOperation");
  expect(book.snapshot()).toEqual(before);
});

test("a sheet object got before the delete fails when used afterwards (ItemNotFound), in the same run", async () => {
  const book = workbook(spec());
  const error = await rejection(
    Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Schools");
      sheet.delete();
      await context.sync();
      sheet.getRange("A1").values = [["lost"]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("ItemNotFound");
  expect(book.sheetNames()).toEqual(["ITS Budget", "Summary"]);
});
