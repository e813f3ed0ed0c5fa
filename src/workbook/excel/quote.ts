/**
 * The Excel side of "Add to budget sheet": one Excel.run per click, read -> sync -> plan -> apply ->
 * sync (two round trips at most; a question for the user costs one). Excel's failures come back as
 * ExcelFailures (./errors.ts); the pane words how to try again.
 */
import { CURRENT_RATES } from "../../core";
import { columnLetters } from "../address";
import { BUDGET_HEADERS, BUDGET_TABLE, type BudgetSnapshot, type QuotePlanOutcome, type QuoteWriteOptions, type SiteQuote, planQuote } from "../quote/budgetSheet";
import { applyPlan } from "./apply";
import { type ExcelFailure, describeExcelError } from "./errors";
import { runExcel } from "./run";

export type AddQuoteResult = QuotePlanOutcome | { readonly kind: "failed"; readonly failure: ExcelFailure };

/** Queues the reads the planner needs; every value is available after the next sync. */
function queueSnapshotReads(context: Excel.RequestContext, sheetName: string): () => BudgetSnapshot {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  // Objects reached from a null object are null objects too, so one round trip reads everything.
  const table = context.workbook.tables.getItemOrNullObject(BUDGET_TABLE);
  table.load("showTotals");
  const tableSheet = table.worksheet;
  tableSheet.load("name");
  const tableRange = table.getRange();
  tableRange.load("address, values, formulas");
  const below = tableRange.getRowsBelow(1);
  below.load("formulas");
  const target = sheets.getItemOrNullObject(sheetName);
  const used = target.getUsedRangeOrNullObject(true);
  used.load("address");
  // What a first quote writes, and the sheet's tables: to recognise a first quote that Excel failed half-way.
  const head = target.getRange(`A1:${columnLetters(BUDGET_HEADERS.length - 1)}3`);
  head.load("formulas");
  const targetTables = target.tables;
  targetTables.load("items/name");

  return () => ({
    sheetNames: sheets.items.map((s) => s.name),
    table: table.isNullObject
      ? null
      : {
          sheet: tableSheet.name,
          address: tableRange.address,
          showTotals: table.showTotals,
          values: tableRange.values,
          formulas: tableRange.formulas,
          below: below.formulas[0] ?? [],
        },
    targetSheetHasData: target.isNullObject ? null : !used.isNullObject,
    ...(target.isNullObject || used.isNullObject
      ? {}
      : { targetContent: { used: used.address, head: head.formulas, tables: targetTables.items.map((t) => t.name) } }),
  });
}

export async function addQuoteToBudget(quote: SiteQuote, options: QuoteWriteOptions): Promise<AddQuoteResult> {
  try {
    return await runExcel(async (context) => {
      const snapshot = queueSnapshotReads(context, options.sheetName);
      await context.sync();
      const outcome = planQuote(quote, snapshot(), options, CURRENT_RATES);
      if (outcome.kind !== "plan") return outcome;
      applyPlan(context, outcome.plan);
      await context.sync();
      return outcome;
    });
  } catch (error) {
    return { kind: "failed", failure: describeExcelError(error) };
  }
}
