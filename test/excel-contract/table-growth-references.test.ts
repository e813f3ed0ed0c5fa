/**
 * A user who types in the row just below a table (or the column just right of it) grows the table:
 * AutoExpansion (Microsoft Support, "Resize a table by adding or removing rows and columns"; "Turn
 * automatic completion of table columns on or off"). Structured references follow the table, A1
 * references do not move when a row is added at its end (Microsoft Support, "Using structured references
 * with Excel tables"). The add-in docs are silent; book.userTypes is the emulation's user-edit entry point.
 */
import { workbook } from "./contract";

const budget = () =>
  workbook({
    sheets: {
      "ITS Budget": [["Site", "Annual cost"], ["A", 100], ["B", 200]],
      Totals: [["=SUBTOTAL(109,'ITS Budget'!B2:B3)", "=SUBTOTAL(109,Budget[Annual cost])"]],
    },
    tables: [{ name: "Budget", sheet: "ITS Budget", address: "A1:B3" }],
  });

test("typing in the row below a table extends the table by one row", () => {
  const book = budget();
  book.userTypes("ITS Budget", "A4", "C");
  book.userTypes("ITS Budget", "B4", "300");
  expect(book.table("Budget")).toMatchObject({ address: "A1:B4", body: "A2:B4" });
  expect(book.values("ITS Budget", "B4")).toEqual([[300]]); // typed text is read as a number
});

test("after the table grew, the A1 total leaves the new row out; the structured total includes it", () => {
  const book = budget();
  book.userTypes("ITS Budget", "A4", "C");
  book.userTypes("ITS Budget", "B4", 300);
  expect(book.values("Totals", "A1:B1")).toEqual([[300, 600]]);
});

test("typing right of a table adds a column, named by what is typed in the header row", () => {
  const book = budget();
  book.userTypes("ITS Budget", "C1", "Note");
  expect(book.table("Budget")).toMatchObject({ address: "A1:C3", headers: ["Site", "Annual cost", "Note"] });
  book.userTypes("ITS Budget", "D2", "x");
  expect(book.table("Budget")?.headers).toEqual(["Site", "Annual cost", "Note", "Column4"]);
});

test("with a totals row shown, typing under it does not grow the table", () => {
  const book = workbook({ sheets: { S: [["Site", "Cost"], ["A", 1], ["Total", "=SUBTOTAL(109,[Cost])"]] }, tables: [{ name: "T", sheet: "S", address: "A1:B3", showTotals: true }] });
  book.userTypes("S", "A4", "below");
  expect(book.table("T")?.address).toBe("A1:B3");
});

test("a cell two rows below the table, or beside another part of the sheet, does not grow it", () => {
  const book = budget();
  book.userTypes("ITS Budget", "A5", "far");
  book.userTypes("ITS Budget", "D2", "far");
  expect(book.table("Budget")?.address).toBe("A1:B3");
});

test("a user typing is read like a write: '=1+1 is text, -Lincoln Annex a formula", () => {
  const book = budget();
  book.userTypes("ITS Budget", "A4", "-Lincoln Annex");
  expect(book.formulas("ITS Budget", "A4")).toEqual([["=-Lincoln Annex"]]);
  expect(book.values("ITS Budget", "A4")).toEqual([["#NAME?"]]);
});
