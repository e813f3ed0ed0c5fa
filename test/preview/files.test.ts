/**
 * The preview's file handling and number display: CSV parsing, sheet names, the .xlsx written for
 * "Download .xlsx" (read back with exceljs and with the preview's own "Open"), and cell formatting.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { deflateRawSync } from "zlib";
import { createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { addSheet, checkInflation, freeSheetName, openFile, parseCsv, toXlsx } from "../../src/preview/files";
import { formatValue } from "../../src/preview/format";
import { addQuoteToBudget } from "../../src/workbook/excel/quote";
import { BUDGET_SHEET, type SiteQuote } from "../../src/workbook/quote/budgetSheet";

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
  const { sheets } = await openFile(other, new File([bytes], "budget.xlsx"));
  expect(sheets).toEqual(["Sites"]);
  expect(other.formulas("Sites", "C2:D2")).toEqual([["=LAUSD.ITSDAYS(B2)", "=LAUSD.ITSCOST(C2,2)"]]);
  expect(other.values("Sites", "C2:D2")).toEqual([[3, 75013]]);
  expect(other.numberFormats("Sites", "D2")).toEqual([["$#,##0"]]);
});

test("known gap (src/preview/README.md): worksheet custom properties, the add-in's marks, do not survive the .xlsx round trip", async () => {
  const book = createWorkbook({ sheets: { "ITS Budget": [["Site"]] }, customProperties: [{ sheet: "ITS Budget", key: "LAUSD.ITSSupport.owner", value: "{}" }] });
  expect(book.snapshot().sheets[0].customProperties).toEqual({ "LAUSD.ITSSupport.owner": "{}" });
  const other = createWorkbook();
  await openFile(other, new File([await toXlsx(book)], "budget.xlsx"));
  expect(other.snapshot().sheets.find((s) => s.name === "ITS Budget")?.customProperties).toEqual({});
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
  await expect(openFile(createWorkbook(), new File(["x"], "notes.txt"))).rejects.toThrow(/"notes\.txt" was not opened\. It is neither a \.csv nor an \.xlsx file\. Save it as CSV or Excel Workbook/);
});

describe("text stays text (issue 10: hostile site names; issue 14: codes and .xlsx text cells)", () => {
  const HOSTILE = ["=1+1", "-Lincoln Annex", "00123", "6-8 Campus"];
  const quote = (site: string): SiteQuote => ({ site, kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } });
  const options = { sheetName: BUDGET_SHEET, formulas: true, confirmUpdate: false };

  /** The downloaded workbook's sheet, read back with exceljs, and its raw XML. */
  async function download(book: ReturnType<typeof createWorkbook>, sheet: string) {
    const bytes = await toXlsx(book);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes);
    const ws = wb.getWorksheet(sheet)!;
    const index = wb.worksheets.indexOf(ws) + 1;
    const xml = await (await JSZip.loadAsync(bytes)).file(`xl/worksheets/sheet${index}.xml`)!.async("string");
    return { ws, xml, bytes };
  }

  test("site names quoted through the add-in are text cells holding exactly the typed name in the .xlsx", async () => {
    const book = createWorkbook();
    installEmulatedOffice(globalThis, book);
    for (const site of HOSTILE) expect(await addQuoteToBudget(quote(site), options)).toMatchObject({ kind: "plan", action: "added" });
    // 00123 again is the same site: the add-in asks before updating its row, it does not add a second one.
    expect(await addQuoteToBudget(quote("00123"), options)).toMatchObject({ kind: "confirmUpdate", row: 4 });

    const { ws, xml } = await download(book, BUDGET_SHEET);
    const sites = [2, 3, 4, 5].map((r) => ws.getCell(`A${r}`));
    expect(sites.map((c) => c.value)).toEqual(HOSTILE);
    expect(sites.map((c) => c.type)).toEqual(HOSTILE.map(() => ExcelJS.ValueType.String));
    expect(ws.getCell("A6").value).toBe("Total");
    // No formula element holds a site name: Excel opens each as text.
    expect(xml).not.toMatch(/<f>1\+1<\/f>|<f>-Lincoln/);
    // The add-in's own formulas are still formulas.
    expect(ws.getCell("H2").value).toMatchObject({ formula: expect.stringContaining('LAUSD.ITSCOST(E2,F2,"2025-26")'), result: 75013 });
  });

  test("an .xlsx text cell opens as text: '00123', '6-8', 'TRUE', '=1+1' stay what they are", async () => {
    const source = new ExcelJS.Workbook();
    const ws = source.addWorksheet("Codes");
    ws.addRow(["code", "span", "flag", "note", "amount", "sum"]);
    ws.addRow(["00123", "6-8", "TRUE", "=1+1", 42, { formula: "E2*2" }]);
    const book = createWorkbook();
    await openFile(book, new File([await source.xlsx.writeBuffer()], "codes.xlsx"));
    expect(book.values("Codes", "A2:F2")).toEqual([["00123", "6-8", "TRUE", "=1+1", 42, 84]]);
    expect(book.formulas("Codes", "F2")).toEqual([["=E2*2"]]);
    expect(book.model.requireSheet("Codes").cell(1, 3)?.text).toBe(true);
  });

  test("CSV columns of codes (leading zeros, 14-digit CDS codes) stay text; other numbers become numbers", async () => {
    const csv = "school_name,enrollment,cds_code,school_code,county_code\nN.E.W. Academy,425,19647330100289,0100289,19\nOther,496,19647331234567,1234567,19\n";
    const book = createWorkbook();
    const opened = await openFile(book, new File([csv], "schools.csv"));
    expect(opened.textColumns).toEqual(["cds_code", "school_code"]);
    expect(book.values("schools", "A2:E3")).toEqual([
      ["N.E.W. Academy", 425, "19647330100289", "0100289", 19],
      ["Other", 496, "19647331234567", "1234567", 19],
    ]);
  });

  test("a CSV formula is a formula, and one Excel would refuse stays text (an opened file can only hold it as text)", async () => {
    const book = createWorkbook();
    await openFile(book, new File(["a,b,c\n2,=A2*3,=1+\n"], "f.csv"));
    expect(book.values("f", "A2:C2")).toEqual([[2, 6, "=1+"]]);
  });
});

describe("hostile files are refused with a message naming the limit, and nothing is added", () => {
  /** Little-endian fields of a zip record, each [byte width, value]. */
  function record(fields: [2 | 4, number][]): Buffer {
    const out = Buffer.alloc(fields.reduce((n, [w]) => n + w, 0));
    let at = 0;
    for (const [width, value] of fields) at = width === 2 ? out.writeUInt16LE(value, at) : out.writeUInt32LE(value, at);
    return out;
  }

  /** A zip with each entry deflated (no CRC: the size checks come first), per APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16. */
  function zip(entries: { name: string; data: Buffer; declares?: number }[]): Uint8Array<ArrayBuffer> {
    const parts: Buffer[] = [];
    const directory: Buffer[] = [];
    let offset = 0;
    for (const { name, data, declares = data.length } of entries) {
      const packed = deflateRawSync(data);
      const sizes: [2 | 4, number][] = [[4, 0], [4, packed.length], [4, declares], [2, name.length]];
      parts.push(record([[4, 0x04034b50], [2, 20], [2, 0], [2, 8], [2, 0], [2, 0], ...sizes, [2, 0]]), Buffer.from(name), packed);
      directory.push(record([[4, 0x02014b50], [2, 20], [2, 20], [2, 0], [2, 8], [2, 0], [2, 0], ...sizes, [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]]), Buffer.from(name));
      offset += 30 + name.length + packed.length;
    }
    const dir = Buffer.concat(directory);
    const end = record([[4, 0x06054b50], [2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, dir.length], [4, offset], [2, 0]]);
    return new Uint8Array(Buffer.concat([...parts, dir, end]));
  }

  async function refused(file: File, message: RegExp) {
    const book = createWorkbook();
    const before = book.sheetNames();
    await expect(openFile(book, file)).rejects.toThrow(message);
    expect(book.sheetNames()).toEqual(before);
  }

  test("a 200 KB .xlsx that inflates to 200 MB is refused from its declared sizes, before anything is inflated", async () => {
    const bomb = zip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(200 * 1024 * 1024, 0x20) }]);
    expect(bomb.byteLength).toBeLessThan(250 * 1024);
    const load = jest.spyOn(JSZip, "loadAsync");
    await refused(new File([bomb], "bomb.xlsx"), /"bomb\.xlsx" was not opened\. It would inflate to 200 MB of data \(the preview opens at most 100 MB\)/);
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
  });

  test("a zip that declares 1 KB but inflates to 200 MB is refused while inflating, at the limit, before exceljs reads it", async () => {
    const liar = zip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(200 * 1024 * 1024, 0x20), declares: 1024 }]);
    const load = jest.spyOn(JSZip, "loadAsync");
    await refused(new File([liar], "liar.xlsx"), /"liar\.xlsx" was not opened\. It inflates to more than 100 MB of data although it declares 1 KB: it is damaged or made to exhaust memory/);
    expect(load).not.toHaveBeenCalled();
    load.mockRestore();
  });

  test("a real .xlsx passes, and its declared sizes are what its entries inflate to (a limit one byte short refuses it)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").addRow(["a", 1]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const entries = Object.values((await JSZip.loadAsync(bytes)).files).filter((f) => !f.dir);
    const total = (await Promise.all(entries.map(async (f) => (await f.async("uint8array")).byteLength))).reduce((a, b) => a + b, 0);
    await expect(checkInflation(bytes)).resolves.toBeUndefined();
    await expect(checkInflation(bytes, total)).resolves.toBeUndefined();
    await expect(checkInflation(bytes, total - 1)).rejects.toThrow(/It would inflate to \d+ KB of data/);
  });

  test("a file that is not a zip, named .xlsx, says it is not a workbook", async () => {
    await refused(new File(["School,Enrollment\n"], "renamed.xlsx"), /not an Excel Workbook \(\.xlsx\): its zip structure is missing or damaged/);
  });

  test("a CSV wider than 16,384 columns is refused at its first row, naming Excel's limit", async () => {
    const started = Date.now();
    await refused(new File([`${Array.from({ length: 16385 }, (_, i) => `c${i}`).join(",")}\n${"1,".repeat(20000)}\n`], "wide.csv"), /"wide\.csv" was not opened\. Row 1 has 16,385 columns; Excel's limit \(Microsoft, "Excel specifications and limits"\) is 16,384 columns a sheet/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("a CSV of 16,384 columns (the limit itself) opens", () => {
    expect(parseCsv(Array.from({ length: 16384 }, () => "1").join(","))[0]).toHaveLength(16384);
  });

  test("a CSV longer than 1,048,576 rows is refused, naming Excel's limit", async () => {
    await refused(new File(["x\n".repeat(1048577)], "long.csv"), /"long\.csv" was not opened\. It has more than 1,048,576 rows, Excel's limit/);
  });

  test("a cell over 32,767 characters is refused, naming the cell and Excel's limit", async () => {
    await refused(new File([`Site,Notes\nA,${"x".repeat(32768)}\n`], "notes.csv"), /Cell B2 holds 32,768 characters; Excel's limit \(Microsoft, "Excel specifications and limits"\) is 32,767 characters a cell/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").addRow(["Site", "y".repeat(40000)]);
    await refused(new File([await wb.xlsx.writeBuffer()], "long-cell.xlsx"), /Cell B1 holds 40,000 characters/);
    expect(parseCsv(`a,${"x".repeat(32767)}`)[0][1]).toHaveLength(32767);
  });

  test("a file over the preview's size limit is refused before it is read", async () => {
    const file = new File(["x"], "huge.csv");
    Object.defineProperty(file, "size", { value: 51 * 1024 * 1024 });
    const text = jest.spyOn(file, "text");
    await refused(file, /"huge\.csv" was not opened\. It is 51 MB; the preview opens files of at most 50 MB/);
    expect(text).not.toHaveBeenCalled();
  });
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
