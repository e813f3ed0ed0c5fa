/** Table references in formulas become A1 ranges before evaluation, the way Excel resolves them. */
import { createWorkbookModel } from "../../src/preview/excel-emulation";
import { expandStructuredRefs } from "../../src/preview/excel-emulation/structured-refs";

const book = createWorkbookModel({
  sheets: { "ITS Budget": [["Site", "Annual cost", "#Count"], ["A", 1, 1], ["B", 2, 1], ["Total", null, null]], Other: [] },
  tables: [{ name: "Budget", sheet: "ITS Budget", address: "A1:C4", showTotals: true }],
});
const inTable = { tables: book.tables, sheet: book.requireSheet("ITS Budget"), row: 2, column: 1 };
const elsewhere = { tables: book.tables, sheet: book.requireSheet("Other"), row: 0, column: 0 };

test.each([
  ["=SUM(Budget[Annual cost])", "=SUM('ITS Budget'!$B$2:$B$3)", elsewhere],
  ["=Budget[[#Totals],[Annual cost]]", "='ITS Budget'!$B$4", elsewhere],
  ["=COUNTA(Budget[#All])", "=COUNTA('ITS Budget'!$A$1:$C$4)", elsewhere],
  ["=SUM(Budget[[Annual cost]:['#Count]])", "=SUM('ITS Budget'!$B$2:$C$3)", elsewhere],
  ["=[@[Annual cost]]*2", "='ITS Budget'!$B$3*2", inTable],
  ["=Budget[@Site]", "='ITS Budget'!$A$3", inTable],
  ['=IF(A1="[x]",SUBTOTAL(109,[Annual cost]),0)', "=IF(A1=\"[x]\",SUBTOTAL(109,'ITS Budget'!$B$2:$B$3),0)", inTable],
  ["=Budget[No such column]", "=#REF!", elsewhere],
  ["=[@Site]", "=#REF!", elsewhere],
])("%s -> %s", (formula, expected, ctx) => {
  expect(expandStructuredRefs(formula, ctx)).toBe(expected);
});
