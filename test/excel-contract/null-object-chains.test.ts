/**
 * Objects reached from a null object (`getItemOrNullObject(...)` then `.getRange(...)`): the *OrNullObject
 * section of develop/application-specific-api-model.md describes only `isNullObject`, not what a chain does
 * (review section C.11). The emulation keeps this reading: a read through the chain gives a null object
 * (isNullObject true, no error), while a WRITE or method call through it fails the request with ItemNotFound,
 * so code that forgets to check isNullObject before writing fails loudly rather than silently.
 */
import { rejection, workbook } from "./contract";

test("reads through a null object are null objects too", async () => {
  workbook({ sheets: { S: [] } });
  const nulls = await Excel.run(async (context) => {
    const missing = context.workbook.worksheets.getItemOrNullObject("ITS Budget");
    const range = missing.getRange("A1:B2").getRowsBelow(1).load("values");
    const table = missing.tables.getItemOrNullObject("ITSBudget");
    await context.sync();
    return [missing.isNullObject, range.isNullObject, table.isNullObject];
  });
  expect(nulls).toEqual([true, true, true]);
});

test("a write through a null object fails the request with ItemNotFound", async () => {
  workbook({ sheets: { S: [] } });
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItemOrNullObject("ITS Budget").getRange("A1").values = [["x"]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("ItemNotFound");
});
