/**
 * When one action of a request fails, do the actions before it stay applied? The docs say nothing (review
 * section C.10; Excel.run has no transaction semantics in the reference). The emulation keeps the reading the
 * add-in's recovery code must survive: earlier actions of the request stay applied, the failing one and the
 * later ones do not run, and the error names the failing member (debugInfo.errorLocation).
 */
import { rejection, workbook } from "./contract";

test("earlier actions of a failed request stay applied; later ones do not run", async () => {
  const book = workbook({ sheets: { S: [] } });
  const error = await rejection(
    Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1").values = [["applied"]];
      sheet.getRange("A2:B2").values = [["wrong size"]];
      sheet.getRange("A3").values = [["never"]];
      await context.sync();
    }),
  );
  expect([error.code, error.debugInfo.errorLocation]).toEqual(["InvalidArgument", "Range.values"]);
  expect(book.values("S", "A1:A3")).toEqual([["applied"], [""], [""]]);
});

test("the failure is not rolled back by a later successful run", async () => {
  const book = workbook({ sheets: { S: [] } });
  book.instrumentation.failAction(2);
  await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.add("Half");
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
      await context.sync();
    }),
  );
  expect(book.sheetNames()).toEqual(["S", "Half"]);
  expect(book.value("S", "A1")).toBe("");
});
