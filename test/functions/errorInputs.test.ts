/**
 * What a user sees when a range argument holds an error value, as the help page says: Excel does not call the
 * function (custom-functions-errors.md: error inputs need allowErrorForDataTypeAny, which generated metadata lacks),
 * so the whole formula is that error; a cell the function refuses (text, a negative number) is an error in its own
 * cell only; one formula per row keeps an error value in its own row. Run on the Excel emulation, which models it
 * (test/excel-contract/error-inputs-to-custom-functions.test.ts).
 */
import { workbook } from "../excel-contract/contract";

const column = () => [[150], ["=NA()"], [900], ["many"]];

test("an error value anywhere in the range makes the whole ITSDAYS and ITSCOST call that error", () => {
  const book = workbook({ sheets: { S: column().map((row, r) => [...row, r === 0 ? "=LAUSD.ITSDAYS(A1:A4)" : null, r === 0 ? '=LAUSD.ITSCOST(A1:A4,"Full Year")' : null]) } });
  expect(book.values("S", "B1:B4").flat()).toEqual(["#N/A", "#N/A", "#N/A", "#N/A"]);
  expect(book.values("S", "C1:C4").flat()).toEqual(["#N/A", "#N/A", "#N/A", "#N/A"]);
});

test("one formula per row keeps the error value in its own row, and a refused cell is an error in its own cell", () => {
  const rows = column().map((row, r) => [...row, `=LAUSD.ITSDAYS(A${r + 1})`, `=LAUSD.ITSCOST(B${r + 1})`]);
  const book = workbook({ sheets: { S: rows } });
  expect(book.values("S", "B1:C4")).toEqual([
    [1, 26151],
    ["#N/A", "#N/A"],
    [5, 130753],
    ["#VALUE!", "#VALUE!"],
  ]);
});
