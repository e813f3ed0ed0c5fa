/**
 * How Excel (en-US) reads a string written through `Range.values` or `Range.formulas`, as a user's typing
 * is read: the Excel.Range.values reference says a value starting with "=", "+" or "-" is interpreted as
 * a formula; numeric, percent, currency, date and time text becomes a number (the docs' own example writes
 * '15-Feb' and gives it a date format, excel/excel-add-ins-blank-null-values.md); "TRUE"/"FALSE" become
 * booleans; a leading apostrophe or a Text ("@") number format keeps the text as it is. No Office types.
 */

/** What a written string becomes in the cell. */
export type Entry =
  | { readonly kind: "formula"; readonly formula: string }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number; readonly format?: string }
  | { readonly kind: "boolean"; readonly value: boolean };

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A number as en-US Excel reads it: "00123", "1,024", "1e3"; undefined when it is not one. */
function plainNumber(text: string): number | undefined {
  if (PLAIN.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ""));
  return undefined;
}

/** Days since Excel's epoch (1900 date system: serial 1 is 1900-01-01, with the 1900 leap-year bug). */
export function dateSerial(year: number, month: number, day: number): number {
  const days = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
  return days < 61 ? days - 1 : days;
}

const validDay = (year: number, month: number, day: number) =>
  month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Excel's two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999. */
const fullYear = (y: string) => (y.length <= 2 ? (Number(y) < 30 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

const monthOf = (name: string) => {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i >= 0 && (name.length === 3 || "january february march april may june july august september october november december".split(" ")[i] === name.toLowerCase()) ? i + 1 : 0;
};

/** Date text in en-US order (m/d, m-d, m/d/y, y-m-d, d-Mon, d-Mon-y, Mon-y, m-yy) as a serial and the format Excel gives it. */
function dateNumber(text: string, thisYear: number): { value: number; format: string } | undefined {
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const [month, day, year] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    return validDay(year, month, day) ? { value: dateSerial(year, month, day), format: "m/d/yyyy" } : undefined;
  }
  m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(year, month, day) ? { value: dateSerial(year, month, day), format: "m/d/yyyy" } : undefined;
  }
  m = /^(\d{1,2})[/-](\d{1,4})$/.exec(text);
  if (m) {
    const [month, second] = [Number(m[1]), Number(m[2])];
    // "6-8" is June 8 of this year; "6-32" cannot be a day, so Excel reads it as June 1932.
    if (validDay(thisYear, month, second) && m[2].length <= 2) return { value: dateSerial(thisYear, month, second), format: "d-mmm" };
    if (month >= 1 && month <= 12 && (m[2].length === 2 || m[2].length === 4)) return { value: dateSerial(fullYear(m[2]), month, 1), format: "mmm-yy" };
    return undefined;
  }
  m = /^(\d{1,2})[ /-]([A-Za-z]{3,9})(?:[ /-](\d{2}|\d{4}))?$/.exec(text);
  if (m && monthOf(m[2])) {
    const [day, month, year] = [Number(m[1]), monthOf(m[2]), m[3] ? fullYear(m[3]) : thisYear];
    return validDay(year, month, day) ? { value: dateSerial(year, month, day), format: m[3] ? "d-mmm-yy" : "d-mmm" } : undefined;
  }
  m = /^([A-Za-z]{3,9})[ /-](\d{1,2}|\d{4})$/.exec(text);
  if (m && monthOf(m[1])) {
    // "Feb-15" is February 2015 (a month and year), not February 15.
    return { value: dateSerial(fullYear(m[2]), monthOf(m[1]), 1), format: "mmm-yy" };
  }
  return undefined;
}

/** "10:30", "7:05:09", "9:30 PM" as a fraction of a day. */
function timeNumber(text: string): { value: number; format: string } | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?$/.exec(text);
  if (!m) return undefined;
  let hours = Number(m[1]);
  const [minutes, seconds] = [Number(m[2]), Number(m[3] ?? 0)];
  if (m[4]) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (m[4].toLowerCase() === "p" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return { value: (hours * 3600 + minutes * 60 + seconds) / 86400, format: m[4] ? "h:mm AM/PM" : m[3] ? "h:mm:ss" : "h:mm" };
}

/** "50%", "$1,024", "(12)", "-$5.50" and plain numbers. */
function numericText(text: string): { value: number; format?: string } | undefined {
  const paren = /^\((.*)\)$/.exec(text);
  if (paren) {
    const inner = numericText(paren[1].trim());
    return inner && inner.value >= 0 && !/^[+-]/.test(paren[1].trim()) ? { ...inner, value: -inner.value } : undefined;
  }
  const percent = /^(.*?)\s*%$/.exec(text);
  if (percent) {
    const n = plainNumber(percent[1]);
    return n === undefined ? undefined : { value: n / 100, format: Number.isInteger(n) ? "0%" : "0.00%" };
  }
  const currency = /^([+-]?)\$\s*(.*)$/.exec(text);
  if (currency) {
    const n = plainNumber(currency[2]);
    return n === undefined || /^[+-]/.test(currency[2]) ? undefined : { value: currency[1] === "-" ? -n : n, format: /\./.test(currency[2]) ? "$#,##0.00" : "$#,##0" };
  }
  const n = plainNumber(text);
  if (n === undefined) return undefined;
  return { value: n, format: GROUPED.test(text) ? "#,##0" : undefined };
}

/**
 * Excel's reading of a string written to a cell whose number format is `numberFormat`.
 * `thisYear` completes dates written without a year ("6-8" is June 8 of this year).
 */
export function readEntry(input: string, numberFormat: string | undefined, thisYear: number): Entry {
  if (numberFormat === "@") return { kind: "text", text: input };
  if (input.startsWith("'")) return { kind: "text", text: input.slice(1) };
  if (input.startsWith("=") && input.length > 1) return { kind: "formula", formula: input };
  const text = input.trim();
  const number = numericText(text) ?? dateNumber(text, thisYear) ?? timeNumber(text);
  if (number) return { kind: "number", ...number };
  if (/^(true|false)$/i.test(text)) return { kind: "boolean", value: text.toUpperCase() === "TRUE" };
  // "+x" and "-x" are typed formulas: Excel stores "=+x" and "=-x" (Excel.Range.values reference).
  if ((input.startsWith("+") || input.startsWith("-")) && input.length > 1) return { kind: "formula", formula: `=${input}` };
  return { kind: "text", text: input };
}
