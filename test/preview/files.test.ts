/**
 * The preview's file handling and number display: CSV parsing, sheet names, the .xlsx written for
 * "Download .xlsx" (read back with exceljs and with the preview's own "Open"), and cell formatting.
 */
import ExcelJS from "exceljs";
import { createWorkbook } from "../../src/preview/excel-emulation";
import { addSheet, freeSheetName, openFile, parseCsv, toXlsx } from "../../src/preview/files";
import { formatValue } from "../../src/preview/format";

test("CSV: quoted commas, doubled quotes, CRLF and LF, a BOM, a last line without newline", () => {
  expect(parseCsv('\uFEFFSite,Enrollment\r\n"Olive, Grove",350\n"Say ""hi""",\n,\nLast,1')).toEqual([
    ["Site", "Enrollment"],
    ["Olive, Grove", "350"],
    ['Say "hi"', ""],
    ["", ""],
    ["Last", "1"],
  ]);
});

test("sheet names from files are made valid and unique", () => {
  expect(freeSheetName("schools:2024/25", ["Sheet1"])).toBe("schools 2024 25");
  expect(freeSheetName("Sample sites", ["sample sites", "Sample sites (2)"])).toBe("Sample sites (3)");
  expect(freeSheetName("'''", [])).toBe("Sheet");
});

test("an added sheet gets numbers as numbers and becomes the active sheet", () => {
  const book = createWorkbook();
  const name = addSheet(book, "data", parseCsv("Site,Enrollment\nA,523\nB,abc\n"));
  expect(book.activeSheet()).toBe(name);
  expect(book.values(name, "A1:B3")).toEqual([["Site", "Enrollment"], ["A", 523], ["B", "abc"]]);
});

test(".xlsx keeps formulas with computed results, formats, bold and frozen rows, and opens back", async () => {
  const book = createWorkbook({
    sheets: { Sites: [["Site", "Enrollment", "Days", "Cost"], ["A", 523, "=LAUSD.ITSDAYS(B2)", "=LAUSD.ITSCOST(C2,2)"], ["B", "x", "=LAUSD.ITSDAYS(B3)", null]] },
    numberFormats: [{ sheet: "Sites", address: "D2", format: "$#,##0" }],
  });
  book.model.requireSheet("Sites").frozenRows = 1;
  book.model.requireSheet("Sites").setBold(0, 0, true);
  const bytes = await toXlsx(book);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet("Sites")!;
  expect(ws.getCell("C2").value).toEqual({ formula: "LAUSD.ITSDAYS(B2)", result: 3 });
  expect(ws.getCell("D2").value).toEqual({ formula: "LAUSD.ITSCOST(C2,2)", result: 75013 });
  expect(ws.getCell("C3").value).toEqual({ formula: "LAUSD.ITSDAYS(B3)", result: { error: "#VALUE!" } });
  expect(ws.getCell("D2").numFmt).toBe("$#,##0");
  expect(ws.getCell("A1").font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

  const other = createWorkbook();
  const names = await openFile(other, new File([bytes], "budget.xlsx"));
  expect(names).toEqual(["Sites"]);
  expect(other.formulas("Sites", "C2:D2")).toEqual([["=LAUSD.ITSDAYS(B2)", "=LAUSD.ITSCOST(C2,2)"]]);
  expect(other.values("Sites", "C2:D2")).toEqual([[3, 75013]]);
  expect(other.numberFormats("Sites", "D2")).toEqual([["$#,##0"]]);
});

test("table references are saved as the ranges they stand for (tables are saved as plain cells)", async () => {
  const book = createWorkbook({
    sheets: { "ITS Budget": [["Site", "Cost"], ["A", 5], ["B", 7], ["Total", "=SUBTOTAL(109,[Cost])"]] },
    tables: [{ name: "Budget", sheet: "ITS Budget", address: "A1:B4", showTotals: true }],
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await toXlsx(book));
  expect(wb.getWorksheet("ITS Budget")!.getCell("B4").value).toEqual({ formula: "SUBTOTAL(109,'ITS Budget'!$B$2:$B$3)", result: 12 });
});

test("opening another kind of file says what to do", async () => {
  await expect(openFile(createWorkbook(), new File(["x"], "notes.txt"))).rejects.toThrow(/neither a \.csv nor an \.xlsx file\. Save it as CSV or Excel Workbook/);
});

test.each([
  [75013, "$#,##0", "$75,013"],
  [1234.5, "#,##0.00", "1,234.50"],
  [-1234, "$#,##0;($#,##0)", "($1,234)"],
  [-5, "0", "-5"],
  [0.25, "0%", "25%"],
  [523, "General", "523"],
  [1 / 3, "General", "0.333333333"],
  [0.00001234, "General", "1.2340E-5"],
  [true, "General", "TRUE"],
  ["#VALUE!", "$#,##0", "#VALUE!"],
  [5, '0 "days"', "5 days"],
])("formatValue(%p, %p) = %p", (value, format, text) => {
  expect(formatValue(value, format)).toBe(text);
});
