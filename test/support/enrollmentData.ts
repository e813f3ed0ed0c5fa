import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";

/** Real LAUSD per-school enrollment, read in place from shared/ (never copied into the repo). */
export const ENROLLMENT_DIR = path.resolve(__dirname, "../../../shared/data/lausd-enrollment");

export interface SchoolRow {
  readonly name: string;
  /** Exactly as the file has it (text), so tests feed Excel-like input. */
  readonly enrollment: string;
}

export const hasEnrollmentData = (): boolean => fs.existsSync(ENROLLMENT_DIR);

/** The CSV files, e.g. "enrollment-2019-20-cde.csv"; empty when the folder is absent. */
export function enrollmentFiles(): string[] {
  return hasEnrollmentData() ? fs.readdirSync(ENROLLMENT_DIR).filter((f) => f.endsWith(".csv")).sort() : [];
}

export function readSchools(file: string): SchoolRow[] {
  const records: Record<string, string>[] = parse(fs.readFileSync(path.join(ENROLLMENT_DIR, file)), {
    columns: true,
    skip_empty_lines: true,
  });
  return records.map((r) => ({ name: r.school_name, enrollment: r.enrollment }));
}

/** Band counts per file as the data README lists them (<=200, 201-400, 401-600, 601-800, >800). */
export function readmeBandCounts(): Map<string, number[]> {
  const readme = fs.readFileSync(path.join(ENROLLMENT_DIR, "README.md"), "utf8");
  const counts = new Map<string, number[]>();
  for (const match of readme.matchAll(/^\|\s*(\d{4}-\d{2})\s*\|((?:\s*\d+\s*\|){5})\s*$/gm)) {
    counts.set(match[1], match[2].split("|").filter((c) => c.trim()).map(Number));
  }
  return counts;
}

/** Warns once, visibly, when a real-data test cannot run here. */
export function skipMessage(): string {
  return `Real enrollment data not found at ${ENROLLMENT_DIR}; real-data tests skipped.`;
}
