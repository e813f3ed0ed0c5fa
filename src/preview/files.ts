/**
 * Getting sheets into and out of the preview: CSV and .xlsx files in (as new sheets), and the whole
 * workbook out as .xlsx (formulas with their computed values, number formats, bold, frozen rows).
 */
import ExcelJS from "exceljs";
import { columnLetters } from "../workbook/address";
import type { CellValue, EmulatedWorkbook } from "./excel-emulation";
import { expandStructuredRefs } from "./excel-emulation/structured-refs";

type Rows = (CellValue | null)[][];

/** RFC 4180 CSV: quoted fields, "" inside quotes, CRLF or LF, a leading BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
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

/** Adds `rows` as a new sheet (text that looks like a number becomes one, as when Excel opens a CSV) and shows it. */
export function addSheet(book: EmulatedWorkbook, wanted: string, rows: Rows, formats: [number, number, string][] = []): string {
  const sheet = book.model.addSheet(freeSheetName(wanted, book.sheetNames()));
  rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== "" && sheet.setInput(r, c, v)));
  for (const [r, c, f] of formats) sheet.setNumberFormat(r, c, f);
  book.select(sheet.name, "A1");
  return sheet.name;
}

function xlsxValue(value: ExcelJS.CellValue): CellValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("formula" in value && value.formula) return `=${value.formula}`;
  if ("sharedFormula" in value) return value.result === undefined ? null : (xlsxValue(value.result as ExcelJS.CellValue) ?? null);
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("text" in value) return String(value.text);
  if ("error" in value) return String(value.error);
  if ("result" in value) return xlsxValue(value.result as ExcelJS.CellValue);
  return null;
}

/** Reads a .csv or .xlsx file into new sheets; returns their names. */
export async function openFile(book: EmulatedWorkbook, file: File): Promise<string[]> {
  const base = file.name.replace(/\.[^.]+$/, "");
  if (/\.csv$/i.test(file.name)) return [addSheet(book, base, parseCsv(await file.text()))];
  if (!/\.xlsx$/i.test(file.name)) throw new Error(`"${file.name}" is neither a .csv nor an .xlsx file. Save it as CSV or Excel Workbook (.xlsx) and open it again.`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await file.arrayBuffer());
  const names: string[] = [];
  wb.eachSheet((ws) => {
    const rows: Rows = [];
    const formats: [number, number, string][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs gives a shared formula's own text through cell.formula.
        const v = cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : xlsxValue(cell.value);
        (rows[r - 1] ??= [])[c - 1] = v;
        if (cell.numFmt && cell.numFmt !== "General") formats.push([r - 1, c - 1, cell.numFmt]);
      }),
    );
    names.push(addSheet(book, ws.name, Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)), formats));
  });
  if (names.length === 0) throw new Error(`"${file.name}" has no sheets.`);
  return names;
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
      const row = Math.floor(k / 16384);
      const column = k % 16384;
      const target = ws.getCell(`${columnLetters(column)}${row + 1}`);
      const input = cell.input;
      if (typeof input === "string" && input.startsWith("=")) {
        const value = sheet.value(row, column);
        const result = typeof value === "string" && ERRORS.has(value) ? { error: value as ExcelJS.CellErrorValue["error"] } : value;
        const formula = expandStructuredRefs(input, { tables: book.model.tables, sheet, row, column }).slice(1);
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
