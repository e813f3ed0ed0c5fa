/**
 * While the user edits a cell, Excel does not run a batch: Excel.RunOptions.delayForCellEdit reference and
 * excel/excel-add-ins-delay-in-cell-edit.md ("When false, if the user is in cell edit when the batch request
 * is processed by the host, the batch automatically fails. When true, ... the batch request is delayed until
 * the user exits cell edit mode."); the code is InvalidOperationInCellEditMode
 * (testing/application-specific-api-error-handling.md). book.host.enterCellEditMode() / exitCellEditMode() put
 * the emulated user in and out of a cell.
 */
import { rejection, workbook } from "./contract";

test("Excel.run without delayForCellEdit fails with InvalidOperationInCellEditMode and changes nothing", async () => {
  const book = workbook({ sheets: { S: [] } });
  book.host.enterCellEditMode();
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidOperationInCellEditMode");
  expect(book.value("S", "A1")).toBe("");
});

test("with { delayForCellEdit: true } the batch waits until the user leaves the cell, then runs", async () => {
  const book = workbook({ sheets: { S: [] } });
  book.host.enterCellEditMode();
  let done = false;
  const run = Excel.run({ delayForCellEdit: true }, async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]];
    await context.sync();
    done = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done).toBe(false);
  expect(book.value("S", "A1")).toBe("");
  book.host.exitCellEditMode();
  await run;
  expect(book.value("S", "A1")).toBe("x");
});

test("outside cell-edit mode both forms run at once", async () => {
  const book = workbook({ sheets: { S: [] } });
  await Excel.run({ delayForCellEdit: true }, async (context) => {
    context.workbook.worksheets.getItem("S").getRange("A1").values = [["y"]];
    await context.sync();
  });
  expect(book.value("S", "A1")).toBe("y");
});
