/**
 * Live, portable and values modes give the same answer for every input the core accepts or refuses: a generated
 * table of enrollments (numbers, negatives, decimals, blanks, numeric text, "$500", "50%", dates, booleans, errors,
 * huge numbers, leading zeros, whitespace), each as typed (Excel reads it) and as text (a Text cell or a leading
 * apostrophe), is written into a sheet, filled in each mode on the Excel emulation (HyperFormula computes the
 * formulas, the add-in's own functions the LAUSD.* calls) and compared row by row with the core's verdict.
 */
import { CURRENT_RATES, annualCost, parseEnrollment, recommendDays } from "../../../src/core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { type FillMode, planFill } from "../../../src/workbook/fill";

const rates = CURRENT_RATES;

/** Enrollments as a user enters them: numbers and booleans as such, strings as typed (Excel's reading applies). */
const TYPED: (string | number | boolean)[] = [
  0, 1, 0.4, 199.99, 200, 200.5, 201, 400, 401, 523, 600, 601, 800, 800.01, 801, 1008, 1e6, 1e15, 9.99e307,
  -1, -0.5, -200, true, false,
  "523", " 523 ", "00123", "1,024", "$500", "$1,200", "50%", "1/2/2025", "2025-07-01", "6-8", "(12)", "1e3",
  "TRUE", "n/a", "abc", "=NA()", "=1/0", "=\"\"", "=\"523\"", "=-5", "=0/0",
];
/** The same and more as text: what a CSV import into Text cells, or a pasted "number stored as text", gives. */
const AS_TEXT: string[] = [
  "523", " 523 ", "  523", "523  ", "00123", "0", "-0", "+5", "-4", "-0.5", "200.5", ".5", "5.", "1e3", "1E3", "1e-3", "2.5e2", "-1e2",
  "1,024", "12,345.5", "1,024,000", "-1,024", "01,024", "12,34", "1,2", "1,0245", ",123", "1,024e3",
  "$500", "50%", "1/2/2025", "2025-07-01", "6-8", "1-2", "(12)", "#3", "1.2.3", "--5", "5-", "+-5", "e3", "1e", ".", "+", "-",
  "TRUE", "false", "n/a", "5 23", "1e400", "   ", "",
];

function sheetRows(): (string | number | boolean)[][] {
  const text = AS_TEXT.map((t) => `'${t}`);
  return [["Site", "Enrollment"], ...[...TYPED, ...text].map((e, i) => [`Site ${i + 2}`, e])];
}

type Shown = { readonly kind: "blank" } | { readonly kind: "number"; readonly value: number } | { readonly kind: "error"; readonly code: string };

/** What a cell shows, by kind: values mode writes a refusal as the text "Error: ...", the formulas an error value. */
function shown(value: unknown): Shown {
  if (value === "" || value === null) return { kind: "blank" };
  if (typeof value === "number") return { kind: "number", value };
  const text = String(value);
  if (text.startsWith("Error: ")) return { kind: "error", code: "message" };
  if (text.startsWith("#")) return { kind: "error", code: text };
  throw new Error(`unexpected cell ${JSON.stringify(value)}`);
}

/** What the core says for a cell value as read (range.values): blank, its days, or the error Excel would show. */
function coreVerdict(value: unknown): Shown {
  if (typeof value === "string" && /^#[A-Z/0]+[!?]?$|^#N\/A$/.test(value)) return { kind: "error", code: value }; // an error input stays that error
  const parsed = parseEnrollment(value);
  if (parsed.kind === "blank") return { kind: "blank" };
  if (parsed.kind === "invalid") return { kind: "error", code: parsed.problem.kind === "number" ? "#NUM!" : "#VALUE!" };
  return { kind: "number", value: recommendDays(parsed.value, rates).days };
}

async function filled(mode: FillMode, blanksAsZero = false): Promise<{ book: EmulatedWorkbook; read: unknown[][]; out: unknown[][] }> {
  const book = createWorkbook({ sheets: { Inputs: sheetRows() }, host: { blanksAsZero } });
  installEmulatedOffice(globalThis, book);
  const read = await readFillSource({ kind: "usedRange" });
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const plan = planFill(read.source, { enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode }, rates);
  expect((await writeFill(plan)).kind).toBe("done");
  const last = read.source.region.rows;
  return { book, read: book.values("Inputs", `B2:B${last}`), out: book.values("Inputs", `C2:F${last}`) };
}

test("every row shows the same in live, portable and values mode, and that is the core's verdict", async () => {
  const modes = { live: await filled("live"), portable: await filled("portable"), values: await filled("values") };
  const rows = modes.live.read.map((cell, i) => {
    const input = i < TYPED.length ? `typed ${JSON.stringify(TYPED[i])}` : `text ${JSON.stringify(AS_TEXT[i - TYPED.length])}`;
    const verdict = coreVerdict(cell[0]);
    const cost = (days: Shown, option: 1 | 2 | 3): Shown => (days.kind === "number" ? { kind: "number", value: annualCost(days.value, option, rates) } : days);
    const expected = [verdict, cost(verdict, 1), cost(verdict, 2), cost(verdict, 3)];
    const valuesExpected = expected.map((s, c) => (s.kind === "error" ? (c === 0 ? { kind: "error", code: "message" } : { kind: "blank" }) : s));
    return {
      input,
      live: modes.live.out[i].map(shown),
      portable: modes.portable.out[i].map(shown),
      values: modes.values.out[i].map(shown),
      expected: { live: expected, portable: expected, values: valuesExpected },
    };
  });
  const disagreements = rows.filter((r) => JSON.stringify([r.live, r.portable, r.values]) !== JSON.stringify([r.expected.live, r.expected.portable, r.expected.values]));
  const text = (s: Shown[]) => s.map((c) => (c.kind === "number" ? c.value : c.kind === "blank" ? "blank" : c.code)).join(" ");
  expect(disagreements.map((r) => `${r.input}: live ${text(r.live)} | portable ${text(r.portable)} | values ${text(r.values)} | core ${text(r.expected.live)}`)).toEqual([]);
  expect(rows.length).toBe(TYPED.length + AS_TEXT.length);
});

test("on a host that passes blanks to custom functions as 0 (office-js #4702, #5262), live mode shows the same", async () => {
  const zero = await filled("live", true);
  expect(zero.out).toEqual((await filled("live")).out);
  zero.book.userTypes("Inputs", "B3", ""); // an enrollment cleared after the fill
  expect(zero.book.values("Inputs", "C3:F3")).toEqual([["", "", "", ""]]);
});
