/**
 * Getting sheets into and out of the preview: CSV and .xlsx files in (as new sheets), and the whole
 * workbook out as .xlsx (formulas with their computed values, number formats, bold, frozen rows).
 */
import ExcelJS from "exceljs";
import { columnLetters } from "../workbook/address";
import { type CellValue, type EmulatedWorkbook, MAX_COLUMNS, MAX_ROWS, type SheetModel, isFormulaCell } from "./excel-emulation";
import { expandStructuredRefs } from "./excel-emulation/structured-refs";

/**
 * Excel's own limits (Microsoft, "Excel specifications and limits",
 * https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3):
 * "1,048,576 rows by 16,384 columns" a worksheet and "32,767 characters" a cell.
 */
export const EXCEL_LIMITS = { rows: MAX_ROWS, columns: MAX_COLUMNS, cellCharacters: 32767 } as const;
/** The preview holds a workbook in memory twice (the model and the formula engine): larger files are refused. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** What an .xlsx may inflate to, from the sizes its zip declares (a 210 KB file can declare 200 MB of XML). */
export const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;

const LIMITS_PAGE = 'Excel\'s limit (Microsoft, "Excel specifications and limits")';
const count = (n: number) => n.toLocaleString("en-US");
const mb = (bytes: number) => `${count(Math.ceil(bytes / (1024 * 1024)))} MB`;
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${count(Math.ceil(bytes / 1024))} KB` : mb(bytes));

/** A file the preview will not open, with what is wrong and how to fix it. */
export class FileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileRefused";
  }
}

const tooWide = (row: number, columns: number) =>
  new FileRefused(`Row ${count(row)} has ${count(columns)} columns; ${LIMITS_PAGE} is ${count(EXCEL_LIMITS.columns)} columns a sheet. Remove or split columns and open the file again.`);
const tooLong = () => new FileRefused(`It has more than ${count(EXCEL_LIMITS.rows)} rows, ${LIMITS_PAGE} for a sheet. Split it into files of fewer rows and open them one by one.`);
const cellTooLong = (row: number, column: number, length: number) =>
  new FileRefused(`Cell ${columnLetters(column)}${row} holds ${count(length)} characters; ${LIMITS_PAGE} is ${count(EXCEL_LIMITS.cellCharacters)} characters a cell. Shorten it and open the file again.`);

/**
 * RFC 4180 CSV: quoted fields, "" inside quotes, CRLF or LF, a leading BOM. Stops at the first row, column or
 * field beyond Excel's limits (FileRefused), before reading the rest.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    if (field.length > EXCEL_LIMITS.cellCharacters) throw cellTooLong(rows.length + 1, row.length, field.length);
    row.push(field);
    if (row.length > EXCEL_LIMITS.columns) throw tooWide(rows.length + 1, row.length);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    if (rows.length > EXCEL_LIMITS.rows) throw tooLong();
    row = [];
  };
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRow();
    } else field += ch;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** A sheet name Excel accepts, unique in the workbook. */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, " ").replace(/^'+|'+$/g, "").trim().slice(0, 28) || "Sheet";
  const lower = taken.map((t) => t.toLowerCase());
  let name = base;
  for (let n = 2; lower.includes(name.toLowerCase()); n++) name = `${base} (${n})`;
  return name;
}

/** Text a file holds as text: stored as it is, never read as a number, date or formula. */
export interface Text {
  readonly text: string;
}
/**
 * A cell of a file being opened: content Excel reads as if typed (a CSV field, an .xlsx formula, number or date)
 * or text it keeps as text (an .xlsx text cell, a code in a CSV column of codes).
 */
export type OpenedCell = CellValue | Text | null;
type Rows = OpenedCell[][];

/** Digits Excel would strip of leading zeros, or show in scientific notation (more than General's 11 characters). */
const CODE = /^(0\d+|\d{12,})$/;

/**
 * CSV columns of codes rather than numbers: some value below the header has a leading zero ("0100289") or more
 * digits than a number shows (a 14-digit CDS code). Every all-digit value in such a column stays text, so codes
 * match each other. (A departure from Excel, which by default strips the zeros of a CSV it opens; the preview
 * keeps the codes, as the analyst needs them to match.)
 */
export function codeColumns(rows: readonly (readonly string[])[]): number[] {
  const columns = new Set<number>();
  for (const row of rows.slice(1)) row.forEach((v, c) => CODE.test(v) && columns.add(c));
  return [...columns].sort((a, b) => a - b);
}

/** CSV rows as opened cells: digits in code columns as text, the rest read as typed. */
function csvCells(rows: string[][]): { cells: Rows; codes: number[] } {
  const codes = codeColumns(rows);
  const cells = rows.map((row) => row.map((v, c): OpenedCell => (codes.includes(c) && /^\d+$/.test(v) ? { text: v } : v)));
  return { cells, codes };
}

function checkLimits(rows: Rows): void {
  if (rows.length > EXCEL_LIMITS.rows) throw tooLong();
  rows.forEach((row, r) => {
    if (row.length > EXCEL_LIMITS.columns) throw tooWide(r + 1, row.length);
    row.forEach((v, c) => {
      const text = typeof v === "string" ? v : v !== null && typeof v === "object" ? v.text : "";
      if (text.length > EXCEL_LIMITS.cellCharacters) throw cellTooLong(r + 1, c, text.length);
    });
  });
}

/** Puts opened cells on a sheet: text as text, the rest as Excel reads an opened file (see setOpenedInput). */
function fillSheet(sheet: SheetModel, rows: Rows, formats: readonly [number, number, string][] = []): void {
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || v === "") return;
      if (typeof v === "object") sheet.store(r, c, v.text, true);
      else sheet.setOpenedInput(r, c, v);
    }),
  );
  for (const [r, c, f] of formats) sheet.setNumberFormat(r, c, f);
}

/** Adds `rows` as a new sheet (text that looks like a number becomes one, as when Excel opens a CSV) and shows it. */
export function addSheet(book: EmulatedWorkbook, wanted: string, rows: Rows, formats: [number, number, string][] = []): string {
  checkLimits(rows);
  const sheet = book.model.addSheet(freeSheetName(wanted, book.sheetNames()));
  fillSheet(sheet, rows, formats);
  book.select(sheet.name, "A1");
  return sheet.name;
}

/** An .xlsx cell's content: text stays text; a date becomes ISO date text, which is read as a date. */
function xlsxValue(value: ExcelJS.CellValue): OpenedCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return { text: value };
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("formula" in value && value.formula) return `=${value.formula}`;
  if ("sharedFormula" in value) return value.result === undefined ? null : xlsxValue(value.result as ExcelJS.CellValue);
  if ("richText" in value) return { text: value.richText.map((t) => t.text).join("") };
  if ("text" in value) return { text: String(value.text) };
  if ("error" in value) return String(value.error);
  if ("result" in value) return xlsxValue(value.result as ExcelJS.CellValue);
  return null;
}

const u16 = (v: DataView, at: number) => v.getUint16(at, true);
const u32 = (v: DataView, at: number) => v.getUint32(at, true);

/** An entry of a zip: how it is compressed, the size it declares, and its compressed bytes. */
interface ZipEntry {
  readonly method: number;
  readonly declared: number;
  readonly data: Uint8Array;
}

const notZip = () => new FileRefused("It is not an Excel Workbook (.xlsx): its zip structure is missing or damaged. Open it in Excel and save it as Excel Workbook (.xlsx).");

/**
 * The entries of a zip from its central directory, read without inflating anything (APPNOTE.TXT 4.3.16: the
 * end record gives the directory's offset; 4.3.12: each directory entry its method, sizes and local header;
 * 4.3.7: the local header precedes the data). Null for ZIP64 (over 4 GB). Throws FileRefused when it is not a zip.
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, before a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 65535); at--) {
    if (u32(view, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notZip();
  const count = u16(view, end + 10);
  const directoryOffset = u32(view, end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0, at = directoryOffset; i < count; i++) {
    if (at + 46 > bytes.byteLength || u32(view, at) !== 0x02014b50) throw notZip();
    const [compressed, declared, local] = [u32(view, at + 20), u32(view, at + 24), u32(view, at + 42)];
    if (declared === 0xffffffff || compressed === 0xffffffff) return null;
    if (local + 30 > bytes.byteLength || u32(view, local) !== 0x04034b50) throw notZip();
    const start = local + 30 + u16(view, local + 26) + u16(view, local + 28);
    if (start + compressed > bytes.byteLength) throw notZip();
    entries.push({ method: u16(view, at + 10), declared, data: bytes.subarray(start, start + compressed) });
    at += 46 + u16(view, at + 28) + u16(view, at + 30) + u16(view, at + 32);
  }
  return entries;
}

const asBytes = (zip: ArrayBuffer | Uint8Array) => (zip instanceof Uint8Array ? zip : new Uint8Array(zip));

/** Bytes `data` (raw deflate) inflates to, counted as it streams and stopped once past `stop`. */
async function inflatedLength(data: Uint8Array, stop: number): Promise<number> {
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > stop) {
      await reader.cancel();
      return total;
    }
  }
}

/**
 * Refuses an .xlsx that would inflate past `limit`: first from the sizes it declares, then, since those can lie,
 * by inflating each entry as a stream that stops at the limit, before exceljs inflates the file whole.
 */
export async function checkInflation(zip: ArrayBuffer | Uint8Array, limit = MAX_XLSX_INFLATED_BYTES): Promise<void> {
  const entries = zipEntries(asBytes(zip));
  const declared = entries ? entries.reduce((total, e) => total + e.declared, 0) : Infinity;
  if (!entries || declared > limit) {
    throw new FileRefused(`It would inflate to ${entries ? size(declared) : "more than 4 GB"} of data (the preview opens at most ${mb(limit)}). Open it in Excel, keep the sheets you need, and save a smaller copy.`);
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== 0 && entry.method !== 8) throw new FileRefused(`It is compressed in a way Excel does not write (zip method ${entry.method}). Open it in Excel and save it as Excel Workbook (.xlsx).`);
    total += entry.method === 0 ? entry.data.byteLength : await inflatedLength(entry.data, limit - total);
    if (total > limit) throw new FileRefused(`It inflates to more than ${mb(limit)} of data although it declares ${size(declared)}: it is damaged or made to exhaust memory. Open it in Excel and save a new copy.`);
  }
}

async function readXlsx(book: EmulatedWorkbook, bytes: ArrayBuffer): Promise<string[]> {
  await checkInflation(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const sheets: { name: string; rows: Rows; formats: [number, number, string][] }[] = [];
  wb.eachSheet((ws) => {
    const rows: Rows = [];
    const formats: [number, number, string][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs gives a shared formula's own text through cell.formula.
        (rows[r - 1] ??= [])[c - 1] = cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : xlsxValue(cell.value);
        if (cell.numFmt && cell.numFmt !== "General") formats.push([r - 1, c - 1, cell.numFmt]);
      }),
    );
    const dense = Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null));
    checkLimits(dense);
    sheets.push({ name: ws.name, rows: dense, formats });
  });
  if (sheets.length === 0) throw new FileRefused("It has no sheets.");
  // Every sheet first: a formula may name a later sheet.
  const added = sheets.map((s) => book.model.addSheet(freeSheetName(s.name, book.sheetNames())));
  sheets.forEach((s, i) => fillSheet(added[i], s.rows, s.formats));
  book.select(added[0].name, "A1");
  return added.map((s) => s.name);
}

export interface Opened {
  /** Names of the sheets added, the first one shown. */
  readonly sheets: string[];
  /** Headers of CSV columns kept as text because they hold codes ("school_code"). */
  readonly textColumns: string[];
}

/** Reads a .csv or .xlsx file into new sheets. Refuses (FileRefused, naming the file) what is beyond the limits. */
export async function openFile(book: EmulatedWorkbook, file: File): Promise<Opened> {
  const base = file.name.replace(/\.[^.]+$/, "");
  const csv = /\.csv$/i.test(file.name);
  try {
    if (!csv && !/\.xlsx$/i.test(file.name)) throw new FileRefused("It is neither a .csv nor an .xlsx file. Save it as CSV or Excel Workbook (.xlsx) and open it again.");
    if (file.size > MAX_FILE_BYTES) throw new FileRefused(`It is ${mb(file.size)}; the preview opens files of at most ${mb(MAX_FILE_BYTES)}. Split it, or keep the columns you need, and open it again.`);
    if (!csv) return { sheets: await readXlsx(book, await file.arrayBuffer()), textColumns: [] };
    const rows = parseCsv(await file.text());
    const { cells, codes } = csvCells(rows);
    return { sheets: [addSheet(book, base, cells)], textColumns: codes.map((c) => rows[0]?.[c] || columnLetters(c)) };
  } catch (e) {
    if (e instanceof FileRefused) throw new FileRefused(`"${file.name}" was not opened. ${e.message}`);
    throw e;
  }
}

const ERRORS = new Set(["#VALUE!", "#NAME?", "#N/A", "#REF!", "#DIV/0!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"]);

/**
 * The workbook as .xlsx bytes: each formula with its computed value cached, as Excel saves it.
 * Tables are saved as plain cells, so table references in formulas are saved as the A1 ranges they
 * stand for (a reference to a table that is not in the file would make Excel repair it).
 */
export async function toXlsx(book: EmulatedWorkbook): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "ITS Support Budget preview";
  for (const sheet of book.model.sheets) {
    const ws = wb.addWorksheet(sheet.name, sheet.frozenRows ? { views: [{ state: "frozen", ySplit: sheet.frozenRows }] } : {});
    const widths: number[] = [];
    for (const [k, cell] of sheet.cells) {
      const row = Math.floor(k / MAX_COLUMNS);
      const column = k % MAX_COLUMNS;
      const target = ws.getCell(`${columnLetters(column)}${row + 1}`);
      const input = cell.input;
      // Text that starts with "=" (written with Excel's ' prefix) is text, not a formula.
      if (isFormulaCell(cell)) {
        const value = sheet.value(row, column);
        const result = typeof value === "string" && ERRORS.has(value) ? { error: value as ExcelJS.CellErrorValue["error"] } : value;
        const formula = expandStructuredRefs(cell.input, { tables: book.model.tables, sheet, row, column }).slice(1);
        target.value = { formula, result } as ExcelJS.CellFormulaValue;
      } else if (input !== undefined) target.value = input;
      if (cell.numberFormat) target.numFmt = cell.numberFormat;
      if (cell.bold) target.font = { bold: true };
      widths[column] = Math.max(widths[column] ?? 8, Math.min(60, String(sheet.value(row, column)).length + 2));
    }
    widths.forEach((w, i) => w && (ws.getColumn(i + 1).width = w));
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
