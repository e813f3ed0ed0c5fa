/**
 * The Excel side of "Add to budget sheet": one Excel.run per click, read -> sync -> plan -> apply -> sync (two round
 * trips). The first read covers the table and, for a first quote, the sheet asked for. Only when that sheet holds
 * something not ours does one more read give every sheet's ownership mark, so that a first quote Excel failed
 * half-way on another sheet is found and finished there rather than left over. A question for the user costs one or
 * two. Excel's failures come back as ExcelFailures (./errors.ts); the pane words how to try again. The quote is priced
 * with the fiscal year options.fiscalYear names (the newest bundled when absent); a year not bundled asks Excel nothing.
 */
import { CURRENT_RATES, type RateTable, bundledYears, ratesFor } from "../../core";
import { columnLetters } from "../address";
import { MARK_KEY } from "../ownership";
import { BUDGET_HEADERS, BUDGET_SHEET, BUDGET_TABLE, type BudgetSnapshot, type QuotePlanOutcome, type QuoteWriteOptions, type SheetRead, type SiteQuote, planQuote } from "../quote/budgetSheet";
import { applyPlan } from "./apply";
import { type ExcelFailure, describeExcelError } from "./errors";
import { runExcel } from "./run";

export type AddQuoteResult = QuotePlanOutcome | { readonly kind: "failed"; readonly failure: ExcelFailure };

/** Queues a read of a sheet's ownership mark (ExcelApi 1.12); null after the sync when it has none. */
function queueMarkRead(sheet: Excel.Worksheet): () => string | null {
  const mark = sheet.customProperties.getItemOrNullObject(MARK_KEY);
  mark.load("value");
  return () => (mark.isNullObject ? null : mark.value);
}

/** Queues the reads of the table (wherever it is), the sheet names and the sheet asked for; all available after the next sync. */
function queueFirstReads(context: Excel.RequestContext, sheetName: string): () => BudgetSnapshot {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  // Objects reached from a null object are null objects too, so one round trip reads everything.
  const table = context.workbook.tables.getItemOrNullObject(BUDGET_TABLE);
  table.load("showTotals");
  const tableSheet = table.worksheet;
  tableSheet.load("name");
  const mark = queueMarkRead(tableSheet);
  const tableRange = table.getRange();
  tableRange.load("address, values, formulas, numberFormat");
  const below = tableRange.getRowsBelow(1);
  below.load("formulas");
  const target = queueSheetRead(context.workbook.worksheets.getItemOrNullObject(sheetName), sheetName);

  return () => ({
    sheetNames: sheets.items.map((s) => s.name),
    table: table.isNullObject
      ? null
      : {
          sheet: tableSheet.name,
          mark: mark(),
          address: tableRange.address,
          showTotals: table.showTotals,
          values: tableRange.values,
          formulas: tableRange.formulas,
          numberFormats: tableRange.numberFormat,
          below: below.formulas[0] ?? [],
        },
    sheets: target(),
  });
}

/** Queues a sheet's mark and what a first quote writes there (to recognise one that Excel failed half-way); [] for a null object. */
function queueSheetRead(sheet: Excel.Worksheet, name: string): () => SheetRead[] {
  const mark = queueMarkRead(sheet);
  const used = sheet.getUsedRangeOrNullObject(true).load("address");
  const head = sheet.getRange(`A1:${columnLetters(BUDGET_HEADERS.length - 1)}3`).load("formulas");
  const tables = sheet.tables.load("items/name");
  return () => (sheet.isNullObject ? [] : [{ name, mark: mark(), used: used.isNullObject ? null : used.address, head: head.formulas, tables: tables.items.map((t) => t.name) }]);
}

/** Queues queueSheetRead for every sheet. */
function queueEverySheet(context: Excel.RequestContext, names: readonly string[]): () => SheetRead[] {
  const reads = names.map((name) => queueSheetRead(context.workbook.worksheets.getItem(name), name));
  return () => reads.flatMap((read) => read());
}

export async function addQuoteToBudget(quote: SiteQuote, options: QuoteWriteOptions): Promise<AddQuoteResult> {
  const rates: RateTable | undefined = options.fiscalYear === undefined ? CURRENT_RATES : ratesFor(options.fiscalYear);
  if (!rates) return { kind: "blocked", message: `This add-in has no FY ${options.fiscalYear} rates (bundled years: ${bundledYears()}). Choose one of those years.` };
  try {
    return await runExcel(async (context) => {
      const firstRead = queueFirstReads(context, options.sheetName.trim() || BUDGET_SHEET);
      await context.sync();
      const snapshot = firstRead();
      let outcome = planQuote(quote, snapshot, options, rates);
      if (snapshot.table === null && (outcome.kind === "sheetNotOurs" || outcome.kind === "blocked")) {
        // The sheet asked for is not ours to use: an unfinished first quote of ours may be on another sheet.
        const everySheet = queueEverySheet(context, snapshot.sheetNames);
        await context.sync();
        outcome = planQuote(quote, { ...snapshot, sheets: everySheet() }, options, rates);
      }
      if (outcome.kind !== "plan") return outcome;
      applyPlan(context, outcome.plan);
      await context.sync();
      return outcome;
    });
  } catch (error) {
    return { kind: "failed", failure: describeExcelError(error) };
  }
}
