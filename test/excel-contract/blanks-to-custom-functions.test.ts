/**
 * How a blank cell reaches a custom function is not documented. office-js #4702: empty cells arrive as 0 on
 * some Excel desktop builds and as null on the web (Microsoft: changed "as a bug fix", not detectable by a
 * requirement set); #5262 (2025) reports 0 for `any` matrix parameters. The emulation passes null by default
 * and 0 on a host profile with `blanksAsZero`, so the add-in can be tested against both.
 */
import { itsCost, itsDays } from "../../src/functions/functions";
import { workbook } from "./contract";

const sheet = () => ({ S: [[523, "=LAUSD.ITSDAYS(A1:A3)", "=LAUSD.ITSCOST(A2)"], [null], [150]] });

test("default host: blanks reach the functions as null", () => {
  const book = workbook({ sheets: sheet() });
  expect(book.values("S", "B1:B3")).toEqual(itsDays([[523], [null], [150]]));
  expect(book.value("S", "C1")).toEqual(itsCost([[null]])[0][0]);
});

test("blanksAsZero host (office-js #4702, #5262): the same blank arrives as 0", () => {
  const book = workbook({ sheets: sheet(), host: { blanksAsZero: true } });
  expect(book.values("S", "B1:B3")).toEqual(itsDays([[523], [0], [150]]));
  expect(book.value("S", "C1")).toEqual(itsCost([[0]])[0][0]);
});

test("switching the profile on an open workbook recalculates", () => {
  const book = workbook({ sheets: sheet() });
  const before = book.value("S", "B2");
  book.host.blanksAsZero = true;
  expect(book.value("S", "B2")).toEqual(itsDays([[0]])[0][0]);
  expect(before).toEqual(itsDays([[null]])[0][0]);
});
