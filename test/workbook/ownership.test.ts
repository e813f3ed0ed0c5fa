import { MARK_KEY, type SheetMark, locateColumns, markSteps, ownedTable, ownsChart, ownsColumn, parseMark, serializeMark } from "../../src/workbook/ownership";

const mark: SheetMark = {
  version: 1,
  role: "budget",
  madeSheet: true,
  tables: [{ name: "ITSBudget", columns: ["Site", "Annual cost"] }],
  columns: [{ header: "Recommended days", column: 3 }],
  charts: ["ITS Summary chart"],
};

test("a mark survives its round trip through the custom property's text", () => {
  expect(parseMark(serializeMark(mark))).toEqual(mark);
});

test.each([
  ["no property", null],
  ["a user's text", "ours!"],
  ["JSON that is not a mark", '{"role":"budget"}'],
  ["another version", serializeMark({ ...mark, version: 2 as 1 })],
  ["a table without columns", JSON.stringify({ ...mark, tables: [{ name: "ITSBudget" }] })],
  ["a negative column", JSON.stringify({ ...mark, columns: [{ header: "X", column: -1 }] })],
  ["a number", 12],
  ["a table whose fiscal year is not a canonical year", JSON.stringify({ ...mark, tables: [{ ...mark.tables[0], fiscalYear: "FY25-26" }] })],
  ["a table whose fiscal year is a number", JSON.stringify({ ...mark, tables: [{ ...mark.tables[0], fiscalYear: 2025 }] })],
])("%s is not a mark: the sheet is not known to be ours", (_what, value) => {
  expect(parseMark(value)).toBeNull();
});

test("a table's fiscal year survives the round trip; a mark without one (written before years were recorded) still parses", () => {
  const priced: SheetMark = { ...mark, tables: [{ ...mark.tables[0], fiscalYear: "2025-26" }] };
  expect(parseMark(serializeMark(priced))).toEqual(priced);
  expect(parseMark(serializeMark(priced))?.tables[0].fiscalYear).toBe("2025-26");
  expect(parseMark(serializeMark(mark))?.tables[0]).not.toHaveProperty("fiscalYear");
  // A year this add-in does not bundle is still the table's year (a newer add-in wrote it).
  expect(parseMark(serializeMark({ ...mark, tables: [{ ...mark.tables[0], fiscalYear: "2031-32" }] }))?.tables[0].fiscalYear).toBe("2031-32");
});

test("a table, column or chart is ours only when the mark names it (names compare as Excel compares them)", () => {
  expect(ownedTable(mark, "itsbudget")).toEqual(mark.tables[0]);
  expect(ownedTable(mark, "Table1")).toBeNull();
  expect(ownedTable(null, "ITSBudget")).toBeNull();
  expect(ownsColumn(mark, "Recommended days", 3)).toBe(true);
  expect(ownsColumn(mark, "Recommended days", 4)).toBe(false); // the user moved or inserted columns: not ours there
  expect(ownsColumn(mark, "Other budget", 3)).toBe(false);
  expect(ownsChart(mark, "ITS Summary chart")).toBe(true);
  expect(ownsChart(mark, "Chart 1")).toBe(false);
});

test("a table's own columns are found by header wherever they are; the rest are the user's; a missing header is reported", () => {
  expect(locateColumns(mark.tables[0], ["Site", "My notes", "annual cost "])).toEqual({ at: [0, 2], missing: [] });
  expect(locateColumns(mark.tables[0], ["Site", "Cost"])).toEqual({ at: [0, -1], missing: ["Annual cost"] });
});

test("marking a sheet is one step, and none when the sheet already bears exactly that mark", () => {
  expect(markSteps("ITS Budget", mark, null)).toEqual([{ kind: "markSheet", sheet: "ITS Budget", key: MARK_KEY, value: serializeMark(mark) }]);
  expect(markSteps("ITS Budget", mark, serializeMark(mark))).toEqual([]);
  expect(MARK_KEY.length).toBeLessThanOrEqual(255);
});
