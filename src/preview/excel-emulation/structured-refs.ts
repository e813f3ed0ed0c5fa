/**
 * Rewrites Excel table references (Table1[Annual cost], [@Enrollment], [[#Totals],[Cost]]) in a
 * formula to A1 ranges, so a formula engine without structured references can evaluate it.
 */
import { type RangeRef, rangeAddress } from "../../workbook/address";
import { sheetPrefix } from "./formula-syntax";
import { type SheetModel, type TableModel, bodyRange, tableHeaders } from "./model";

/** The tables of the workbook, and the table (if any) the formula's cell is in. */
export interface TableContext {
  readonly tables: readonly TableModel[];
  readonly sheet: SheetModel;
  readonly row: number;
  readonly column: number;
}

const NAME_CHAR = /[A-Za-z0-9_.\\]/;

export function expandStructuredRefs(formula: string, ctx: TableContext): string {
  if (!formula.includes("[")) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      // String literal ("" escapes a quote): copied as is.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "'") {
      // Quoted sheet name: copied as is.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "[") {
      let nameStart = out.length;
      while (nameStart > 0 && NAME_CHAR.test(out[nameStart - 1])) nameStart--;
      const tableName = out.slice(nameStart);
      const end = closingBracket(formula, i);
      const body = formula.slice(i + 1, end);
      out = out.slice(0, nameStart) + resolve(tableName, body, ctx);
      i = end + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "'") i++;
    else if (text[i] === "[") depth++;
    else if (text[i] === "]" && --depth === 0) return i;
  }
  return text.length - 1;
}

/** "Annual cost" from "Annual cost", "[Annual cost]" or "'#Count" (a ' escapes special characters). */
const columnName = (part: string) => part.trim().replace(/^\[(.*)\]$/s, "$1").replace(/'(.)/g, "$1");

function resolve(tableName: string, body: string, ctx: TableContext): string {
  const table = tableName
    ? ctx.tables.find((t) => t.name.toLowerCase() === tableName.toLowerCase())
    : ctx.tables.find((t) => t.sheet === ctx.sheet && inside(t.range, ctx.row, ctx.column));
  if (!table) return "#REF!";
  // Split "[#Totals],[Cost]" or "@[Cost]" into a section and a column part.
  let section = "#Data";
  let columns = body;
  if (body.startsWith("@")) {
    section = "#This Row";
    columns = body.slice(1);
  } else if (body.startsWith("#")) {
    section = body;
    columns = "";
  } else if (body.startsWith("[")) {
    const parts = splitTop(body);
    const sections = parts.filter((p) => /^\[#/.test(p.trim()));
    if (sections.length > 1) return "#REF!";
    if (sections.length === 1) section = columnName(sections[0]);
    columns = parts.filter((p) => !/^\[#/.test(p.trim())).join(",");
  }
  const headers = tableHeaders(table).map((h) => h.toLowerCase());
  let first = 0;
  let last = headers.length - 1;
  if (columns.trim() !== "") {
    const [from, to = from] = columns.split(/\]\s*:\s*\[/).map((c) => columnName(c.replace(/^\[|\]$/g, "")));
    first = headers.indexOf(from.toLowerCase());
    last = headers.indexOf(to.toLowerCase());
    if (first < 0 || last < 0) return "#REF!";
  }
  const rows = sectionRows(table, section, ctx.row);
  if (!rows) return "#REF!";
  const ref: RangeRef = { start: { row: rows.start, column: table.range.start.column + first }, rows: rows.count, columns: last - first + 1 };
  return `${sheetPrefix(table.sheet.name)}!${rangeAddress(ref, true)}`;
}

function sectionRows(table: TableModel, section: string, row: number): { start: number; count: number } | null {
  const body = bodyRange(table);
  const head = table.range.start.row;
  switch (section.toLowerCase()) {
    case "#data":
      return { start: body.start.row, count: body.rows };
    case "#all":
      return { start: head, count: table.range.rows };
    case "#headers":
      return { start: head, count: 1 };
    case "#totals":
      return table.showTotals ? { start: head + table.range.rows - 1, count: 1 } : null;
    case "#this row":
      return row >= body.start.row && row < body.start.row + body.rows ? { start: row, count: 1 } : null;
    default:
      return null;
  }
}

function splitTop(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "'") i++;
    else if (body[i] === "[") depth++;
    else if (body[i] === "]") depth--;
    else if (body[i] === "," && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

const inside = (r: RangeRef, row: number, column: number) =>
  row >= r.start.row && row < r.start.row + r.rows && column >= r.start.column && column < r.start.column + r.columns;
