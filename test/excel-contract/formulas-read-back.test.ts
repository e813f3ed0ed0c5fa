/**
 * What Range.formulas gives back for a formula that was written: the reference says nothing (review section
 * C.14). Excel keeps formulas parsed and writes their text again, so the emulation keeps the pessimistic
 * reading that the text read back is not the text written: function names, cell references, TRUE/FALSE and
 * error values in capitals, sheet names without the quotes they do not need. Strings, spaces and structured
 * references stay as written. (A leading apostrophe is lost on read-back: office-js #6687, text-coercion.test.ts.)
 */
import { workbook, write } from "./contract";

test.each([
  ["=lausd.itsdays(b2)", "=LAUSD.ITSDAYS(B2)"],
  ["=sum('Schools'!a1:a2)", "=SUM(Schools!A1:A2)"],
  ["=SUM('ITS Budget'!A1:A2)", "=SUM('ITS Budget'!A1:A2)"],
  ["=SUM('FY25'!A1)", "=SUM('FY25'!A1)"],
  ['=IF(a1="abc",true,#n/a)', '=IF(A1="abc",TRUE,#N/A)'],
  ["=SUBTOTAL(109,[Annual cost])", "=SUBTOTAL(109,[Annual cost])"],
  ["=1 + 2", "=1 + 2"],
])("%s reads back as %s", async (written, read) => {
  const book = workbook({ sheets: { Schools: [[1], [2]], "ITS Budget": [], FY25: [] } });
  await write("Schools", "C1", written, "formulas");
  expect(book.formulas("Schools", "C1")).toEqual([[read]]);
});
