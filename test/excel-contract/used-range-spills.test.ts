/**
 * Worksheet.getUsedRange(valuesOnly): the reference says only "Only considers cells with values as used
 * cells"; whether cells filled by a spilled array count is not documented (review section C.13). The emulation
 * keeps the pessimistic reading for code that sizes a read from it: spilled cells do NOT count, so the used
 * range can be smaller than what the sheet shows.
 */
import { workbook } from "./contract";

test("cells shown by a spill are outside getUsedRange(true)", async () => {
  const book = workbook({ sheets: { S: [["=LAUSD.ITSRATES()"]] } });
  expect(book.value("S", "B2")).not.toBe("");
  const address = await Excel.run(async (context) => {
    const used = context.workbook.worksheets.getItem("S").getUsedRange(true).load("address");
    await context.sync();
    return used.address;
  });
  expect(address).toBe("S!A1");
});
