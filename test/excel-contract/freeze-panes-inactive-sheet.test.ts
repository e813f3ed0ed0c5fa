/**
 * office-js #3148 (Windows 2211 and Mac 16.69, "Status: in backlog"): freezing panes on a sheet that is not
 * active fires WorksheetActivated for it and the API reports it active, while the user still sees the old
 * sheet. What a later activate() of that sheet does is not documented; the emulation keeps the pessimistic
 * reading that it changes nothing (the API believes the sheet is active already). Activating first, then
 * freezing, works.
 */
import { workbook } from "./contract";

const spec = () => ({ sheets: { Mine: [["user"]] }, activeSheet: "Mine" });

test("freeze on an inactive sheet: the API reports it active, the user still sees the old sheet, activate() does nothing", async () => {
  const book = workbook(spec());
  const reported = await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add("ITS Budget");
    sheet.freezePanes.freezeRows(1);
    sheet.activate();
    const active = context.workbook.worksheets.getActiveWorksheet().load("name");
    await context.sync();
    return active.name;
  });
  expect(reported).toBe("ITS Budget");
  expect(book.activeSheet()).toBe("Mine");
  expect(book.frozenRows("ITS Budget")).toBe(1);
});

test("activate first, then freeze: the user sees the new sheet", async () => {
  const book = workbook(spec());
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.add("ITS Budget");
    sheet.activate();
    sheet.freezePanes.freezeRows(1);
    await context.sync();
  });
  expect(book.activeSheet()).toBe("ITS Budget");
  expect(book.frozenRows("ITS Budget")).toBe(1);
});
