/**
 * Workbook.getSelectedRange reference: "Gets the currently selected single range from the workbook. If there
 * are multiple ranges selected, this method will throw an error." Workbook.getSelectedRanges (ExcelApi 1.9)
 * gives a RangeAreas with `areas`, `address` ("Sheet1!A1:B4, Sheet1!D1:D4", RangeAreas.address reference)
 * and `areaCount`. The error code for getSelectedRange is not documented; the emulation uses InvalidSelection
 * (an Excel.ErrorCodes member) and fails the whole request, as a failed action does.
 */
import { rejection, workbook } from "./contract";

test("getSelectedRange throws when several areas are selected; the request fails", async () => {
  const book = workbook({ sheets: { Schools: [["Site", "Enrollment"], ["A", 523]] } });
  book.select("Schools", "A1:A2, C1:C2");
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.getSelectedRange().load("address");
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidSelection");
});

test("getSelectedRange gives the one area when a single one is selected", async () => {
  const book = workbook({ sheets: { Schools: [] } });
  book.select("Schools", "B2:C4");
  const address = await Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange().load("address");
    await context.sync();
    return range.address;
  });
  expect(address).toBe("Schools!B2:C4");
});

test("getSelectedRanges gives every area: areaCount, address and areas items", async () => {
  const book = workbook({ sheets: { "ITS Budget": [] } });
  book.select("ITS Budget", "A1:B5, D1:D5");
  const seen = await Excel.run(async (context) => {
    const ranges = context.workbook.getSelectedRanges().load("address, areaCount");
    const areas = ranges.areas.load("items/address, items/rowCount");
    await context.sync();
    return { address: ranges.address, count: ranges.areaCount, areas: areas.items.map((a) => [a.address, a.rowCount]) };
  });
  expect(seen).toEqual({
    address: "'ITS Budget'!A1:B5, 'ITS Budget'!D1:D5",
    count: 2,
    areas: [["'ITS Budget'!A1:B5", 5], ["'ITS Budget'!D1:D5", 5]],
  });
});
