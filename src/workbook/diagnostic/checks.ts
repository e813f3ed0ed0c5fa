/**
 * "Check this Excel": the behaviours the add-in relies on where Microsoft's documentation is silent. The
 * emulation keeps the most pessimistic reading of each (test/excel-contract/, the emulation README's table
 * "What the docs leave open"); this module says what each check expects and judges what an Excel did, so IT
 * staff can learn whether a real Excel behaves as the add-in assumes. ../excel/diagnostic.ts runs the checks
 * on a scratch sheet; this module touches no Excel.
 */

export type CheckId = "failedBatch" | "resizeTotals" | "nullObjectLoads" | "blanksToFunctions" | "formulaReadBack" | "sheetQuoting" | "textStaysText";

export interface DiagnosticCheck {
  readonly id: CheckId;
  /** Short name for the results table. */
  readonly title: string;
  /** What the add-in assumes: the reading the emulation keeps. */
  readonly assumes: string;
  /** Where the assumption comes from (the docs are silent; issue, contract test). */
  readonly source: string;
  /** What a failure means for budget staff, and what IT staff should do. */
  readonly ifFails: string;
}

export type Outcome = "pass" | "fail" | "could not run";

export interface CheckResult {
  readonly id: CheckId;
  readonly outcome: Outcome;
  /** What this Excel did, in words. */
  readonly observed: string;
}

const TELL_DEVELOPERS = "Copy the results and send them to the add-in's developers.";

export const CHECKS: readonly DiagnosticCheck[] = [
  {
    id: "failedBatch",
    title: "A failed request keeps what ran before it",
    assumes: "When one action of a request fails, the actions before it stay applied and the later ones do not run; nothing is rolled back.",
    source: "Docs silent (Excel.run has no transactions). Contract test failed-batch-keeps-earlier-actions.",
    ifFails:
      "This Excel handles a half-done request differently from the way the add-in expects. A fill or quote that Excel stops half-way may leave rows that the next run does not recognise. Check the budget sheet after any error. " +
      TELL_DEVELOPERS,
  },
  {
    id: "resizeTotals",
    title: "Table.resize takes the totals row inside the new range",
    assumes: "Resizing a table that has a totals row makes the new range the whole table, totals row included, so the body grows by one row.",
    source: "Docs silent (Table.resize, ExcelApi 1.13, says only that the range must keep the header row). Contract test table-totals-row.",
    ifFails:
      "Adding a second site to the ITS Budget table may put the site in the wrong row or leave the totals row out of place. Until this is fixed, budget staff should check the ITS Budget table after each Add to budget sheet. " +
      TELL_DEVELOPERS,
  },
  {
    id: "nullObjectLoads",
    title: "Loads through a missing sheet give empty results",
    assumes: "A range or table reached from getItemOrNullObject of a sheet that does not exist loads as a null object, without an error.",
    source: "Docs silent (develop/application-specific-api-model.md describes isNullObject only). Contract test null-object-chains.",
    ifFails:
      "The first Add to budget sheet (no ITS Budget sheet yet) and fills that look for their own sheets stop with an error in this Excel. " + TELL_DEVELOPERS,
  },
  {
    id: "blanksToFunctions",
    title: "A blank cell reaches the functions as blank",
    assumes: "=LAUSD.ITSDAYS of an empty cell receives a blank and shows a blank.",
    source: "Undocumented; office-js #4702 and #5262 report blanks arriving as 0 on some desktop builds. Contract test blanks-to-custom-functions.",
    ifFails:
      "In this Excel an empty cell reaches the functions as 0, so =LAUSD.ITSDAYS over a range with empty rows shows 1 day in each of them, and =LAUSD.ITSCOST of those prices them. The add-in's own rows and fills guard against this. Tell budget staff not to point the functions at empty cells, or to use the portable mode of the sheet fill. Updating Excel may help.",
  },
  {
    id: "formulaReadBack",
    title: "Formulas read back as Excel rewrites them",
    assumes: "Range.formulas gives back a formula with function names, references, TRUE/FALSE and errors in capitals and needless sheet quotes dropped.",
    source: "Docs silent (Range.formulas reference). Contract test formulas-read-back.",
    ifFails:
      "This Excel gives formulas back in another form. A second fill or quote may not recognise the cells the add-in wrote and ask before overwriting them. " + TELL_DEVELOPERS,
  },
  {
    id: "sheetQuoting",
    title: "A sheet named like a cell (FY25) must be quoted",
    assumes: "A formula naming a sheet such as FY25 without quotes is refused; with quotes ('FY25'!A1) it works.",
    source: "Docs silent; the rule observed in Excel (jmcnamara/XlsxWriter #1078). Contract test formula-sheet-quoting.",
    ifFails:
      "This Excel reads sheet names in formulas differently from the way the add-in expects. A fill of a sheet named like a cell reference (FY25, Q1) may fail or refer to the wrong cells; rename such a sheet (for example 'FY 2025') before a fill. " +
      TELL_DEVELOPERS,
  },
  {
    id: "textStaysText",
    title: "Text written with ' stays text",
    assumes: "A site name written as '-Lincoln Annex, '00123, '=1+1 or '6-8 stays exactly that text (not a formula, number or date), and reads back without the apostrophe.",
    source: "Excel.Range.values reference (= + - start a formula); the apostrophe rule and its read-back: office-js #6687. Contract test text-coercion.",
    ifFails:
      "Site names that start with = + - or look like numbers or dates may be changed by Excel when a quote is added, and adding the same site again may add a second row. Check the site names in the ITS Budget table. " +
      TELL_DEVELOPERS,
  },
];

export function checkOf(id: CheckId): DiagnosticCheck {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`No diagnostic check "${id}".`);
  return check;
}

const show = (value: unknown): string => (value === "" || value === null || value === undefined ? "(empty)" : JSON.stringify(value));
const result = (id: CheckId, outcome: Outcome, observed: string): CheckResult => ({ id, outcome, observed });

/**
 * The code Excel gives for the writes the checks provoke to fail: a wrong-sized array (office-js #1025 shows
 * Excel's InvalidArgument at Range.values) and, in the emulation's reading, a formula Excel cannot read.
 * Another code means something else stopped the request, so the check could not run.
 */
export const EXPECTED_REFUSAL = "InvalidArgument";

// ------------------------------------------------------------------------------------------------
// The scratch sheet's layout and what each check writes: the adapter writes these, the judges expect them.
// ------------------------------------------------------------------------------------------------

export const FAILED_BATCH = {
  before: { address: "A1", value: "written before the failure" },
  /** One value for a two-cell range: Excel refuses it (InvalidArgument). */
  failing: { address: "A2:B2", values: [["wrong size"]] },
  after: { address: "A3", value: "written after the failure" },
} as const;

/** Read A1:A3 after the request failed (`error` its code, "" when Excel did not refuse it). */
export function judgeFailedBatch(error: string, cells: readonly unknown[]): CheckResult {
  const [before, , after] = cells;
  if (error === "") return result("failedBatch", "could not run", "Excel accepted a write it should have refused (one value for two cells), so no request failed.");
  if (error !== EXPECTED_REFUSAL) return result("failedBatch", "could not run", `The request failed with ${error}, not with the ${EXPECTED_REFUSAL} the check provokes.`);
  const kept = before === FAILED_BATCH.before.value;
  const ran = after === FAILED_BATCH.after.value;
  const observed = `The request failed (${error}); the action before the failure was ${kept ? "kept" : "rolled back"}, the one after it ${ran ? "ran anyway" : "did not run"}.`;
  return result("failedBatch", kept && !ran ? "pass" : "fail", observed);
}

export const RESIZE_TOTALS = {
  /** Header, one body row; showTotals then adds the totals row under it (row 3). */
  table: { address: "L1:M2", values: [["Site", "Cost"], ["A", 1]] },
  resizeTo: "L1:M4",
  expected: { address: "L1:M4", body: "L2:M3" },
  /** The two rows that may hold the totals afterwards. */
  rows: "L3:M4",
} as const;

/** `address` and `body` without the sheet; `rows` the formulas of RESIZE_TOTALS.rows. */
export function judgeResizeTotals(address: string, body: string, rows: readonly (readonly unknown[])[]): CheckResult {
  const totalsAt = rows.findIndex((row) => row[0] === "Total");
  const where = totalsAt < 0 ? "no \"Total\" label in rows 3-4" : `the totals label is in row ${3 + totalsAt}`;
  const observed = `After resize to ${RESIZE_TOTALS.resizeTo}: table ${address}, body ${body}; ${where}.`;
  const { expected } = RESIZE_TOTALS;
  return result("resizeTotals", address === expected.address && body === expected.body ? "pass" : "fail", observed);
}

/** isNullObject of the missing sheet and table after the quote writer's reads through them; `error` the code if the request failed. */
export function judgeNullObjectLoads(outcome: { readonly error: string } | { readonly nulls: readonly boolean[] }): CheckResult {
  if ("error" in outcome) {
    // ItemNotFound is Excel's code for a missing item: the chain was not taken as null. Anything else stopped the request.
    const observed = `Reading through the missing sheet and table failed the request (${outcome.error}).`;
    return result("nullObjectLoads", outcome.error === "ItemNotFound" ? "fail" : "could not run", observed);
  }
  const all = outcome.nulls.every(Boolean);
  return result("nullObjectLoads", all ? "pass" : "fail", all ? "The reads gave no error; the missing sheet and table are null objects." : `The reads gave no error, but isNullObject is ${outcome.nulls.join(", ")} (sheet, table).`);
}

export const BLANKS = { blank: "D1", formula: { address: "E1", text: "=LAUSD.ITSDAYS(D1)" } } as const;

/** Errors meaning the function did not run: not loaded, or still calculating. */
const NOT_RUN = new Set(["#NAME?", "#BUSY!", "#GETTING_DATA", "#CALC!"]);

export function isNotCalculated(value: unknown): boolean {
  return typeof value === "string" && NOT_RUN.has(value);
}

export function judgeBlanks(value: unknown): CheckResult {
  if (value === "#NAME?") {
    return result("blanksToFunctions", "could not run", "=LAUSD.ITSDAYS shows #NAME?: the add-in's functions are not loaded in this Excel. Open the add-in (Home > ITS Support), wait a minute and run the check again.");
  }
  if (isNotCalculated(value)) return result("blanksToFunctions", "could not run", `=LAUSD.ITSDAYS still shows ${String(value)}: the function did not finish. Run the check again.`);
  if (value === "") return result("blanksToFunctions", "pass", "=LAUSD.ITSDAYS of an empty cell shows a blank.");
  return result("blanksToFunctions", "fail", `=LAUSD.ITSDAYS of an empty cell shows ${show(value)}${value === 1 ? " (1 day: the blank arrived as 0)" : ""}.`);
}

export const READ_BACK = { inputs: { address: "F1:F2", values: [[1], [2]] }, formula: "G1" } as const;

/** The formula written (lower case, needless quotes) and the text Excel is expected to give back. */
export function readBackFormulas(scratchSheet: string): { readonly written: string; readonly expected: string } {
  return { written: `=if(sum('${scratchSheet}'!f1:f2)>0,true,#n/a)`, expected: `=IF(SUM(${scratchSheet}!F1:F2)>0,TRUE,#N/A)` };
}

export function judgeReadBack(scratchSheet: string, read: unknown): CheckResult {
  const { written, expected } = readBackFormulas(scratchSheet);
  if (read === expected) return result("formulaReadBack", "pass", `${written} reads back as ${expected}.`);
  return result("formulaReadBack", "fail", `${written} reads back as ${show(read)}, not ${expected}.`);
}

/** Cells of the quoting check: the target is on the second scratch sheet (named like a cell, e.g. FY25). */
export const QUOTING = { target: { address: "A1", value: 7 }, quoted: "H1", unquoted: "I1" } as const;

export function quotingFormulas(referenceSheet: string): { readonly quoted: string; readonly unquoted: string } {
  return { quoted: `='${referenceSheet}'!A1`, unquoted: `=${referenceSheet}!A1` };
}

/** What the quoted formula showed, and whether the unquoted one was refused (its error code) or what it showed. */
export function judgeQuoting(referenceSheet: string, quoted: unknown, unquoted: { readonly error: string } | { readonly value: unknown }): CheckResult {
  const formulas = quotingFormulas(referenceSheet);
  const observed =
    `${formulas.quoted} shows ${show(quoted)}; ` +
    ("error" in unquoted ? `${formulas.unquoted} is refused (${unquoted.error}).` : `${formulas.unquoted} is accepted and shows ${show(unquoted.value)}.`);
  if ("error" in unquoted && unquoted.error !== EXPECTED_REFUSAL) {
    const why = `Expected ${EXPECTED_REFUSAL}: something else stopped the request, or this Excel refuses such formulas with another code. Run the check again; if it repeats, send the results.`;
    return result("sheetQuoting", "could not run", `${observed} ${why}`);
  }
  return result("sheetQuoting", quoted === QUOTING.target.value && "error" in unquoted ? "pass" : "fail", observed);
}

/** User text as the add-in writes it (through Range.formulas, with Excel's ' prefix). */
export const TEXTS = { address: "C1:C4", written: ["'-Lincoln Annex", "'00123", "'=1+1", "'6-8"] } as const;

export function judgeTexts(values: readonly unknown[], formulas: readonly unknown[], types: readonly unknown[]): CheckResult {
  const expected = TEXTS.written.map((w) => w.slice(1));
  const changed = expected.flatMap((text, i) => (values[i] === text && types[i] === "String" ? [] : [`${JSON.stringify(TEXTS.written[i])} became ${show(values[i])} (${String(types[i])})`]));
  const apostrophes = formulas.some((f, i) => f === TEXTS.written[i]);
  const readBack = apostrophes ? " Range.formulas keeps the apostrophe." : " Range.formulas gives the text without the apostrophe.";
  if (changed.length > 0) return result("textStaysText", "fail", `${changed.join("; ")}.${readBack}`);
  return result("textStaysText", "pass", `All four stay text.${readBack}`);
}

// ------------------------------------------------------------------------------------------------
// The report
// ------------------------------------------------------------------------------------------------

export interface DiagnosticReport {
  /** When the check ran (ISO 8601). */
  readonly ranAt: string;
  /** Which Excel: host, platform and version as Office reports them. */
  readonly excel: string;
  readonly results: readonly CheckResult[];
  /** Scratch sheets the check could not remove (the user must delete them); empty when all were removed. */
  readonly leftSheets: readonly string[];
}

/** Every check "could not run" for one reason (e.g. Excel too old, or the scratch sheet could not be made). */
export function allCouldNotRun(reason: string): CheckResult[] {
  return CHECKS.map((c) => result(c.id, "could not run", reason));
}

export function tally(results: readonly CheckResult[]): string {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  return `${results.length} checks: ${count("pass")} pass, ${count("fail")} fail, ${count("could not run")} could not run`;
}

/** What a result means for the reader: the assumption holds, or what the failure means. */
export function meaning(r: CheckResult): string {
  if (r.outcome === "pass") return "Excel behaves as the add-in assumes.";
  if (r.outcome === "fail") return checkOf(r.id).ifFails;
  return "The check could not run here; the add-in's assumption is untested on this Excel. Run the check again, or on another Excel.";
}

export function leftSheetsWarning(sheets: readonly string[]): string {
  return `Excel did not let the check remove its scratch sheets. If the workbook has a sheet named ${sheets.map((s) => `"${s}"`).join(" or ")}, right-click its tab and choose Delete. Nothing else was changed.`;
}

/** Plain text for an email or a ticket: one block per check, failures with what they mean. */
export function reportText(report: DiagnosticReport): string {
  const lines = ["Check this Excel (ITS Support Budget add-in)", `Excel: ${report.excel}`, `Run at: ${report.ranAt}`, tally(report.results), ""];
  report.results.forEach((r, i) => {
    const check = checkOf(r.id);
    lines.push(`${i + 1}. ${check.title}: ${r.outcome.toUpperCase()}`, `   Observed: ${r.observed}`, `   Assumes: ${check.assumes}`, `   Source: ${check.source}`);
    if (r.outcome !== "pass") lines.push(`   Means: ${meaning(r)}`);
  });
  if (report.leftSheets.length > 0) lines.push("", leftSheetsWarning(report.leftSheets));
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------------
// Names of the scratch sheets: new, so the check can never touch a sheet of the user's
// ------------------------------------------------------------------------------------------------

export interface ScratchNames {
  /** The sheet the checks write on; needs no quotes in a formula (letters, digits, _). */
  readonly scratch: string;
  /** A second scratch sheet named like a cell reference, for the quoting check. */
  readonly reference: string;
  /** A sheet that does not exist, for the null-object check. */
  readonly missing: string;
}

/** Names not taken in the workbook (compared as Excel does, ignoring case), from the time of the run; null if none is free. */
export function scratchNames(existing: readonly string[], now: Date): ScratchNames | null {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const free = (candidates: string[]): string | undefined => candidates.find((c) => !taken.has(c.toLowerCase()));
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}_${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const numbered = (base: string) => [base, ...Array.from({ length: 9 }, (_, i) => `${base}_${i + 2}`)];
  const scratch = free(numbered(`ITS_check_${stamp}`));
  // FY25 is the name the add-in once failed on; every FYnn reads as a cell reference (column FY, row nn).
  const reference = free(Array.from({ length: 75 }, (_, i) => `FY${25 + i}`));
  const missing = free(numbered(`ITS_missing_${stamp}`));
  return scratch && reference && missing ? { scratch, reference, missing } : null;
}
