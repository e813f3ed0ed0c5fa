import type { CellInput, PlanStep, WorkbookPlan } from "../plan";
import { parseRange } from "../address";

/**
 * Queues every step of a plan on `context` without syncing: the caller syncs once afterwards, so a
 * whole plan costs one round trip. Steps run in order; later steps may use sheets and tables that
 * earlier steps add in the same batch.
 */
export function applyPlan(context: Excel.RequestContext, plan: WorkbookPlan): void {
  for (const step of plan.steps) applyStep(context, step);
}

function applyStep(context: Excel.RequestContext, step: PlanStep): void {
  const sheets = context.workbook.worksheets;
  switch (step.kind) {
    case "addSheet":
      sheets.add(step.sheet);
      return;
    case "setCells":
      sheets.getItem(step.sheet).getRange(step.address).formulas = step.cells as CellInput[][];
      return;
    case "setNumberFormat":
      sheets.getItem(step.sheet).getRange(step.address).numberFormat = filled(step.address, step.format);
      return;
    case "setBold":
      sheets.getItem(step.sheet).getRange(step.address).format.font.bold = true;
      return;
    case "addTable": {
      // A Range, not an address: TableCollection.add puts a table given an address without a sheet name on the
      // ACTIVE sheet, whichever collection it is called on (TableCollection.add reference).
      const sheet = sheets.getItem(step.sheet);
      const table = sheet.tables.add(sheet.getRange(step.address), true);
      // Name last: Excel keeps the actions before a failing one, so a table bearing the name is complete.
      table.showTotals = step.showTotals;
      table.name = step.name;
      return;
    }
    case "setTable": {
      const table = context.workbook.tables.getItem(step.table);
      table.showTotals = step.showTotals;
      table.name = step.name;
      return;
    }
    case "resizeTable":
      context.workbook.tables.getItem(step.table).resize(step.address);
      return;
    case "freezeRows": {
      // Freezing panes on a sheet that is not active fires WorksheetActivated and leaves Excel's idea of the
      // active sheet wrong (office-js #3148): show the sheet first.
      const sheet = sheets.getItem(step.sheet);
      sheet.activate();
      sheet.freezePanes.freezeRows(step.rows);
      return;
    }
    case "autofitColumns":
      sheets.getItem(step.sheet).getRange(step.address).format.autofitColumns();
      return;
    case "addChart": {
      const sheet = sheets.getItem(step.sheet);
      // String enum values, so this also runs where the Excel namespace object is emulated.
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange(step.source), "Columns");
      finishChart(chart, step);
      return;
    }
    case "updateChart": {
      const sheet = sheets.getItem(step.sheet);
      const chart = sheet.charts.getItem(step.chart);
      chart.setData(sheet.getRange(step.source), "Columns");
      finishChart(chart, step);
      return;
    }
    case "activate":
      sheets.getItem(step.sheet).activate();
      return;
    case "markSheet":
      // ExcelApi 1.12: "This overwrites existing custom properties with that key."
      sheets.getItem(step.sheet).customProperties.add(step.key, step.value);
      return;
  }
}

/** Title, place, then name: Excel keeps the actions before a failing one, so a chart bearing its name is complete. */
function finishChart(chart: Excel.Chart, step: { readonly name: string; readonly title: string; readonly position: string }): void {
  chart.title.text = step.title;
  const [topLeft, bottomRight] = step.position.split(":");
  chart.setPosition(topLeft, bottomRight);
  chart.name = step.name;
}

/** Excel takes number formats as a 2-D array the size of the range. */
function filled(address: string, format: string): string[][] {
  const { rows, columns } = parseRange(address);
  return Array.from({ length: rows }, () => Array<string>(columns).fill(format));
}
