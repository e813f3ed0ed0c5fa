/**
 * Display text of a cell value under its number format, for the preview grid: the formats the
 * add-in writes ("$#,##0", "#,##0", "0", "0.00", "0%", "@", "General") and the like. Not a full
 * implementation of Excel's format language.
 */
import type { CellValue } from "./excel-emulation";

export function formatValue(value: CellValue, format: string): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === "General" || format === "@" || format === "") return general(value);
  const sections = format.split(";");
  const section = value < 0 && sections[1] !== undefined ? sections[1] : value === 0 && sections[2] !== undefined ? sections[2] : sections[0];
  const useMinus = value < 0 && sections[1] === undefined;
  const pattern = section.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1").replace(/_.|\*./g, "").replace(/\[[^\]]*\]/g, "");
  const numeric = /[0#?][0#?,.]*%?/.exec(pattern);
  if (!numeric) return pattern;
  const spec = numeric[0];
  const percent = spec.endsWith("%");
  const decimals = spec.includes(".") ? (spec.split(".")[1].match(/[0#?]/g) ?? []).length : 0;
  const grouped = spec.split(".")[0].includes(",");
  const n = Math.abs(value) * (percent ? 100 : 1);
  const text = n.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouped });
  return `${useMinus ? "-" : ""}${pattern.slice(0, numeric.index)}${text}${percent ? "%" : ""}${pattern.slice(numeric.index + spec.length)}`;
}

/** Excel's General in a standard column: at most 11 characters, else scientific notation. */
function general(value: number): string {
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs < 1e11) return String(value);
  if (abs >= 1e-4 && abs < 1e11) {
    const integerDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
    return String(Number(value.toFixed(Math.max(0, 10 - integerDigits - (value < 0 ? 1 : 0)))));
  }
  return value.toExponential(4).replace("e+", "E+").replace("e-", "E-");
}
