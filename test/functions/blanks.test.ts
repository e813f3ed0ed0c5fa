/**
 * Blank cells, as the help page describes them. On Excel on the web a blank reaches the functions as null and gives
 * a blank result; some desktop builds pass it as 0 (office-js #4702, #5262), which a function cannot tell from a
 * typed 0. The guard the help recommends, IF(cell="","",...), keeps the row blank on both hosts.
 */
import { workbook } from "../excel-contract/contract";

const sheet = () => ({
  S: [
    [null, "=LAUSD.ITSDAYS(A1)", "=LAUSD.ITSCOST(A1)", '=IF(A1="","",LAUSD.ITSDAYS(A1))', '=IF(A1="","",LAUSD.ITSCOST(LAUSD.ITSDAYS(A1)))'],
    [0, "=LAUSD.ITSDAYS(A2)", "=LAUSD.ITSCOST(A2)", '=IF(A2="","",LAUSD.ITSDAYS(A2))', '=IF(A2="","",LAUSD.ITSCOST(LAUSD.ITSDAYS(A2)))'],
  ],
});

test("web host: a blank gives a blank result, a typed 0 gives 1 day and $0", () => {
  const book = workbook({ sheets: sheet() });
  expect(book.values("S", "B1:E2")).toEqual([
    ["", "", "", ""],
    [1, 0, 1, 26151],
  ]);
});

test("blanks-as-0 desktop host: the unguarded blank reads as 0 (1 day, $0), the guarded one stays blank", () => {
  const book = workbook({ sheets: sheet(), host: { blanksAsZero: true } });
  expect(book.values("S", "B1:E2")).toEqual([
    [1, 0, "", ""],
    [1, 0, 1, 26151],
  ]);
});
