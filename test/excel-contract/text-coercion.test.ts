/**
 * Excel reads a string written through Range.values or Range.formulas as it reads typing (en-US):
 * - Excel.Range.values reference (office-js-docs-reference, excel.range.md#excel-excel-range-values-member):
 *   "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets
 *   this value as a formula."
 * - excel/excel-add-ins-blank-null-values.md writes '15-Feb' through `values` and gives it a date format:
 *   date-like text becomes a date serial number.
 * - A leading apostrophe stores the text without it; office-js #6687: `formulas` reads such a cell back
 *   WITHOUT the apostrophe too (so writing it back makes a formula). The emulation keeps that reading.
 * - Numbers with leading zeros, grouping, percent and currency become numbers; TRUE/FALSE booleans: the docs
 *   do not list these; the emulation keeps Excel's typing behaviour (the pessimistic reading: text changes).
 * - A cell formatted as Text ("@") keeps what is written as text (Excel's Text format; the API docs are
 *   silent, the emulation follows the cell's format).
 */
import { dateSerial } from "../../src/preview/excel-emulation/coercion";
import { readBack, workbook, write } from "./contract";

const TODAY = new Date(2026, 0, 15);

describe.each(["values", "formulas"] as const)("a string written through Range.%s", (through) => {
  test.each([
    ["=1+1", 2, "=1+1", "General"],
    ["-Lincoln Annex", "#NAME?", "=-Lincoln Annex", "General"],
    ["+Plus Academy", "#NAME?", "=+Plus Academy", "General"],
    ["00123", 123, 123, "General"],
    ["1,024", 1024, 1024, "#,##0"],
    ["-5", -5, -5, "General"],
    ["50%", 0.5, 0.5, "0%"],
    ["$1,200", 1200, 1200, "$#,##0"],
    ["(12)", -12, -12, "General"],
    ["6-8", dateSerial(2026, 6, 8), dateSerial(2026, 6, 8), "d-mmm"],
    ["1/2", dateSerial(2026, 1, 2), dateSerial(2026, 1, 2), "d-mmm"],
    ["6/8/2025", dateSerial(2025, 6, 8), dateSerial(2025, 6, 8), "m/d/yyyy"],
    ["15-Feb", dateSerial(2026, 2, 15), dateSerial(2026, 2, 15), "d-mmm"],
    ["2025-07-01", dateSerial(2025, 7, 1), dateSerial(2025, 7, 1), "m/d/yyyy"],
    ["10:30", 0.4375, 0.4375, "h:mm"],
    ["TRUE", true, true, "General"],
    ["false", false, false, "General"],
  ])("%j becomes %j (formulas %j, format %j)", async (written, value, formula, format) => {
    workbook({ sheets: { S: [] }, host: { today: TODAY } });
    await write("S", "A1", written, through);
    expect(await readBack("S", "A1")).toMatchObject({ value, formula, format });
  });

  test.each([
    ["'=1+1", "=1+1"],
    ["'00123", "00123"],
    ["'6-8", "6-8"],
    ["'-Lincoln Annex", "-Lincoln Annex"],
    ["6-8 Campus", "6-8 Campus"],
    ["Lincoln Annex", "Lincoln Annex"],
    ["13/45", "13/45"],
  ])("%j stays the text %j, in values and in formulas (office-js #6687: no apostrophe read back)", async (written, text) => {
    workbook({ sheets: { S: [] }, host: { today: TODAY } });
    await write("S", "A1", written, through);
    expect(await readBack("S", "A1")).toEqual({ value: text, formula: text, format: "General", type: "String" });
  });

  test("a cell formatted as Text (@) keeps what is written as text, formulas included", async () => {
    const book = workbook({ sheets: { S: [] }, numberFormats: [{ sheet: "S", address: "A1:A4", format: "@" }] });
    for (const [i, text] of ["=1+1", "00123", "6-8", "-Lincoln Annex"].entries()) await write("S", `A${i + 1}`, text, through);
    expect(book.values("S", "A1:A4")).toEqual([["=1+1"], ["00123"], ["6-8"], ["-Lincoln Annex"]]);
    expect(book.formulas("S", "A1:A4")).toEqual([["=1+1"], ["00123"], ["6-8"], ["-Lincoln Annex"]]);
  });
});

test("=HYPERLINK written as text is a live formula", async () => {
  const book = workbook({ sheets: { S: [] } });
  await write("S", "A1", '=HYPERLINK("http://x","y")');
  expect(book.formulas("S", "A1")).toEqual([['=HYPERLINK("http://x","y")']]);
});

test("quote-prefixed text is text to formulas that read it: '=1+1 is not 2, '00123 is not 123", () => {
  const book = workbook({ sheets: { S: [["'=1+1", "'00123", '=ISTEXT(A1)', "=ISTEXT(B1)"]] } });
  expect(book.values("S", "A1:D1")).toEqual([["=1+1", "00123", true, true]]);
});
