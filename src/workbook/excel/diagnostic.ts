/**
 * The Excel side of "Check this Excel" (../diagnostic/checks.ts says what each check expects and judges it).
 * It reads the sheet names, adds two scratch sheets with names no sheet has, runs each check there in its own
 * Excel.run (one fails independently of the others), then always removes the scratch sheets and shows the
 * sheet that was active before. It writes nothing anywhere else: the null-object check only reads.
 */
import {
  BLANKS,
  CHECKS,
  type CheckId,
  type CheckResult,
  type DiagnosticReport,
  FAILED_BATCH,
  QUOTING,
  READ_BACK,
  RESIZE_TOTALS,
  type ScratchNames,
  TEXTS,
  allCouldNotRun,
  isNotCalculated,
  judgeBlanks,
  judgeFailedBatch,
  judgeNullObjectLoads,
  judgeQuoting,
  judgeReadBack,
  judgeResizeTotals,
  judgeTexts,
  quotingFormulas,
  readBackFormulas,
  scratchNames,
} from "../diagnostic/checks";
import { describeExcelError, excelErrorCode } from "./errors";
import { runExcel } from "./run";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** An error as "Code: message", for the observed column. */
function stopped(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = excelErrorCode(error);
  return code ? `${code}: ${message}` : message;
}

/** Runs a batch that is meant to be refused: its error code, or what it returned when Excel accepted it. */
async function refusal<T>(batch: Batch<T>): Promise<{ readonly error: string } | { readonly value: T }> {
  try {
    return { value: await runExcel(batch) };
  } catch (error) {
    return { error: excelErrorCode(error) || stopped(error) };
  }
}

/** A check that Excel stopped for another reason than the one it provokes could not run. */
async function attempt(id: CheckId, check: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await check();
  } catch (error) {
    return { id, outcome: "could not run", observed: `Excel stopped the check (${stopped(error)}).` };
  }
}

const column = (values: readonly unknown[][]): unknown[] => values.map((row) => row[0]);
const withoutSheet = (address: string): string => address.slice(address.lastIndexOf("!") + 1);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function failedBatch(s: ScratchNames): Promise<CheckResult> {
  const outcome = await refusal(async (context) => {
    const sheet = context.workbook.worksheets.getItem(s.scratch);
    sheet.getRange(FAILED_BATCH.before.address).values = [[FAILED_BATCH.before.value]];
    sheet.getRange(FAILED_BATCH.failing.address).values = FAILED_BATCH.failing.values.map((row) => [...row]);
    sheet.getRange(FAILED_BATCH.after.address).values = [[FAILED_BATCH.after.value]];
    await context.sync();
  });
  const cells = await runExcel(async (context) => {
    const range = context.workbook.worksheets.getItem(s.scratch).getRange(`${FAILED_BATCH.before.address}:${FAILED_BATCH.after.address}`).load("values");
    await context.sync();
    return column(range.values);
  });
  return judgeFailedBatch("error" in outcome ? outcome.error : "", cells);
}

async function resizeTotals(s: ScratchNames): Promise<CheckResult> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(s.scratch);
    const source = sheet.getRange(RESIZE_TOTALS.table.address);
    source.values = RESIZE_TOTALS.table.values.map((row) => [...row]);
    // A Range, not an address: an address without a sheet name would put the table on the active sheet.
    const table = sheet.tables.add(source, true);
    table.showTotals = true;
    // As the quote writer calls it: the table's address, one row taller.
    table.resize(RESIZE_TOTALS.resizeTo);
    const whole = table.getRange().load("address");
    const body = table.getDataBodyRange().load("address");
    const rows = sheet.getRange(RESIZE_TOTALS.rows).load("formulas");
    await context.sync();
    return judgeResizeTotals(withoutSheet(whole.address), withoutSheet(body.address), rows.formulas);
  });
}

/** The reads the quote writer makes in one request, through a sheet and a table that do not exist. */
async function nullObjectLoads(s: ScratchNames): Promise<CheckResult> {
  const outcome = await refusal(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(s.missing);
    table.load("showTotals");
    table.worksheet.load("name");
    const tableRange = table.getRange().load("address, values, formulas");
    tableRange.getRowsBelow(1).load("formulas");
    const sheet = context.workbook.worksheets.getItemOrNullObject(s.missing);
    sheet.getUsedRangeOrNullObject(true).load("address");
    sheet.getRange("A1:I3").load("formulas");
    sheet.tables.load("items/name");
    await context.sync();
    return [sheet.isNullObject, table.isNullObject];
  });
  return judgeNullObjectLoads("error" in outcome ? outcome : { nulls: outcome.value });
}

async function blanksToFunctions(s: ScratchNames): Promise<CheckResult> {
  const read = (write: boolean) =>
    runExcel(async (context) => {
      const cell = context.workbook.worksheets.getItem(s.scratch).getRange(BLANKS.formula.address);
      if (write) cell.formulas = [[BLANKS.formula.text]];
      cell.load("values");
      await context.sync();
      return cell.values[0][0] as unknown;
    });
  let value = await read(true);
  // Custom functions calculate after the write; one more read a moment later, not a polling loop.
  if (isNotCalculated(value) && value !== "#NAME?") {
    await pause(3000);
    value = await read(false);
  }
  return judgeBlanks(value);
}

async function formulaReadBack(s: ScratchNames): Promise<CheckResult> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(s.scratch);
    sheet.getRange(READ_BACK.inputs.address).values = READ_BACK.inputs.values.map((row) => [...row]);
    const cell = sheet.getRange(READ_BACK.formula);
    cell.formulas = [[readBackFormulas(s.scratch).written]];
    cell.load("formulas");
    await context.sync();
    return judgeReadBack(s.scratch, cell.formulas[0][0]);
  });
}

async function sheetQuoting(s: ScratchNames): Promise<CheckResult> {
  const formulas = quotingFormulas(s.reference);
  const quoted = await runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.getItem(s.reference).getRange(QUOTING.target.address).values = [[QUOTING.target.value]];
    const cell = sheets.getItem(s.scratch).getRange(QUOTING.quoted);
    cell.formulas = [[formulas.quoted]];
    cell.load("values");
    await context.sync();
    return cell.values[0][0] as unknown;
  });
  const unquoted = await refusal(async (context) => {
    const cell = context.workbook.worksheets.getItem(s.scratch).getRange(QUOTING.unquoted);
    cell.formulas = [[formulas.unquoted]];
    cell.load("values");
    await context.sync();
    return cell.values[0][0] as unknown;
  });
  return judgeQuoting(s.reference, quoted, unquoted);
}

async function textStaysText(s: ScratchNames): Promise<CheckResult> {
  return runExcel(async (context) => {
    const range = context.workbook.worksheets.getItem(s.scratch).getRange(TEXTS.address);
    // Through formulas, as the quote writer writes user text.
    range.formulas = TEXTS.written.map((text) => [text]);
    range.load("values, formulas, valueTypes");
    await context.sync();
    return judgeTexts(column(range.values), column(range.formulas), column(range.valueTypes));
  });
}

/** One runner per check: the type makes a new check in CHECKS need its runner here. */
const RUNNERS: Readonly<Record<CheckId, (s: ScratchNames) => Promise<CheckResult>>> = {
  failedBatch,
  resizeTotals,
  nullObjectLoads,
  blanksToFunctions,
  formulaReadBack,
  sheetQuoting,
  textStaysText,
};

interface Before {
  readonly names: readonly string[];
  readonly ids: ReadonlySet<string>;
  readonly active: string;
}

async function readWorkbook(): Promise<Before> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name, items/id");
    const active = context.workbook.worksheets.getActiveWorksheet().load("name");
    await context.sync();
    return { names: sheets.items.map((s) => s.name), ids: new Set(sheets.items.map((s) => s.id)), active: active.name };
  });
}

/**
 * Adds the scratch sheets at the end, not activated, so the user stays on their sheet (WorksheetCollection.add
 * reference: "If you wish to activate the newly added worksheet, call .activate() on it").
 */
async function addScratch(s: ScratchNames): Promise<void> {
  await runExcel(async (context) => {
    context.workbook.worksheets.add(s.scratch);
    context.workbook.worksheets.add(s.reference);
    await context.sync();
  });
}

/**
 * Deletes whichever scratch sheet exists, found by name but only if it was not there before (its id is new),
 * then shows the sheet that was active if Excel moved away from it.
 */
async function removeScratch(s: ScratchNames, before: Before): Promise<void> {
  await runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    // The scratch sheet first: its formulas refer to the reference sheet.
    const found = [s.scratch, s.reference].map((name) => sheets.getItemOrNullObject(name).load("id"));
    await context.sync();
    for (const sheet of found) if (!sheet.isNullObject && !before.ids.has(sheet.id)) sheet.delete();
    const active = sheets.getActiveWorksheet().load("name");
    await context.sync();
    if (active.name === before.active) return;
    sheets.getItem(before.active).activate();
    await context.sync();
  });
}

/** Office's own description of this Excel, and the newest ExcelApi set it supports. */
function describeExcel(): string {
  if (typeof Office === "undefined" || !Office.context?.requirements) return "unknown (Office is not loaded)";
  const versions = Array.from({ length: 30 }, (_, i) => `1.${i + 1}`);
  const newest = versions.filter((v) => Office.context.requirements.isSetSupported("ExcelApi", v)).pop() ?? "none";
  const d = Office.context.diagnostics;
  return `${d?.host ?? "Excel"} on ${d?.platform ?? "an unknown platform"}, version ${d?.version ?? "unknown"}; ExcelApi ${newest}`;
}

/** Runs every check; never throws. `leftSheets` names the scratch sheets Excel would not remove (tried twice). */
export async function checkThisExcel(now: Date = new Date()): Promise<DiagnosticReport> {
  const report = (results: readonly CheckResult[], leftSheets: readonly string[] = []): DiagnosticReport => ({ ranAt: now.toISOString(), excel: describeExcel(), results, leftSheets });
  let before: Before;
  try {
    before = await readWorkbook();
  } catch (error) {
    return report(allCouldNotRun(`Excel could not list the sheets (${stopped(error)}); nothing was changed.`));
  }
  const names = scratchNames(before.names, now);
  if (!names) return report(allCouldNotRun("Every name the check could give its scratch sheets is taken; nothing was changed."));

  let results: CheckResult[];
  try {
    await addScratch(names);
    results = [];
    // One at a time, in the order of CHECKS (the table shows them in that order).
    for (const { id } of CHECKS) results.push(await attempt(id, () => RUNNERS[id](names)));
  } catch (error) {
    // A protected workbook structure is the likely cause; the remedy says how to unprotect.
    results = allCouldNotRun(`Excel could not add the scratch sheets. ${describeExcelError(error).remedy}`);
  }
  for (let tries = 0; tries < 2; tries++) {
    try {
      await removeScratch(names, before);
      return report(results);
    } catch {
      // A transient failure (the user typing, a busy Excel): try once more, then tell the user.
    }
  }
  return report(results, [names.scratch, names.reference]);
}
