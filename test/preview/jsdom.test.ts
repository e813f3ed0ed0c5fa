/** @jest-environment jsdom */
// Pane component tests run under jsdom; the emulation (HyperFormula included) must work there too.
import { createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";

test("the emulation runs Excel.run and evaluates LAUSD formulas under jsdom", async () => {
  const book = createWorkbook({ sheets: { S: [["Enrollment", "Days"], [401, null]] } });
  installEmulatedOffice(window, book);
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("S").getRange("B2").formulas = [["=LAUSD.ITSDAYS(A2)"]];
    await context.sync();
  });
  expect(book.values("S", "B2")).toEqual([[3]]);
  expect(book.instrumentation.requests[0].bytes).toBeGreaterThan(0);
  await expect(Office.onReady()).resolves.toEqual({ host: "Excel", platform: "OfficeOnline" });
});
