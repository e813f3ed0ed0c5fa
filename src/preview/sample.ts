/**
 * The preview's built-in data: made-up sites covering every enrollment band and its boundaries
 * (200 -> 1 day, 400 -> 2, 401 -> 3, 800 -> 4, 801 -> 5), a blank row and a row whose enrollment is
 * not a number, beside another budget column the fill must leave alone.
 */
import type { WorkbookSpec } from "./excel-emulation";

export const SAMPLE_SHEET = "Sample sites";

export const SAMPLE_ROWS: readonly (readonly (string | number | null)[])[] = [
  ["Site", "Region", "Enrollment", "Other budget"],
  ["Arroyo Vista Elementary", "North", 150, 12000],
  ["Bluff Street Elementary", "North", 200, 9000],
  ["Cedar Park Elementary", "East", 201, 11000],
  ["Dos Rios Primary Center", "East", 400, 8000],
  ["Eastgate Elementary", "South", 401, 15000],
  ["Fairmont Middle", "South", 523, 21000],
  ["Glenhaven Elementary", "West", 600, 14000],
  ["Harborline Middle", "West", 601, 19000],
  ["Iris Canyon Middle", "Central", 800, 22000],
  ["Juniper Span School", "Central", 801, 25000],
  [null, null, null, null],
  ["Kestrel Ridge High", "North", 2450, 48000],
  ["Lantern Hill Continuation", "East", "about 90", 3000],
];

export function sampleWorkbook(): WorkbookSpec {
  return { sheets: { [SAMPLE_SHEET]: SAMPLE_ROWS.map((r) => [...r]) }, selection: "A1" };
}
