/**
 * The preview workbench in headless Chromium: the pane's "Fill a sheet" fills the built-in sample
 * sheet in each output mode, and the grid shows, for every site, the days and prices the core gives
 * (computed by the LAUSD functions, by portable formulas over the rates sheet, or written as values).
 * Screenshots of the filled grid and of the summary chart: see support/screenshots.ts (`npm run screenshots` refreshes docs/).
 */
import type { Page } from "playwright-core";
import { CURRENT_RATES, annualCost, parseEnrollment, recommendDays } from "../../src/core";
import { SAMPLE_ROWS, SAMPLE_SHEET } from "../../src/preview/sample";
import { MODE_LABELS, type FillMode } from "../../src/workbook/fill";
import { previewSession } from "./preview-support/session";
import { screenshotPath } from "./support/screenshots";

const preview = previewSession();

const money = (n: number) => `$${n.toLocaleString("en-US")}`;

/** What the grid shows in a row of the sample sheet, from column A to H. */
const rowTexts = (page: Page, row: number) =>
  page.locator(`table[data-sheet="${SAMPLE_SHEET}"] tr:nth-child(${row}) td`).evaluateAll((cells) => cells.slice(0, 8).map((c) => c.textContent ?? ""));

async function fill(page: Page, mode: FillMode) {
  await page.getByRole("tab", { name: "Fill a sheet" }).click();
  await page.getByRole("radio", { name: "The whole active sheet" }).check();
  await page.getByRole("button", { name: "Read sites" }).click();
  await page.getByText(`Found ${SAMPLE_ROWS.length - 1} rows`).waitFor();
  for (const o of CURRENT_RATES.options) await page.getByRole("checkbox", { name: new RegExp(`^${o.name} \\(`) }).check();
  await page.getByRole("radio", { name: MODE_LABELS[mode] }).check();
  await page.getByRole("button", { name: `Fill ${SAMPLE_ROWS.length - 1} rows` }).click();
  await page.locator(`table[data-sheet="${SAMPLE_SHEET}"] td[data-cell="E1"]`, { hasText: "Recommended days" }).waitFor();
}

test.each<FillMode>(["live", "portable", "values"])("fill the sample sheet, %s: the grid shows every site's days and prices", async (mode) => {
  const { page, errors } = await preview.open();
  await page.getByRole("tab", { name: "Fill a sheet" }).waitFor();
  await fill(page, mode);

  expect(await rowTexts(page, 1)).toEqual(["Site", "Region", "Enrollment", "Other budget", "Recommended days", "Full Year cost", "Outside Summer cost", "Summer Only cost"]);
  for (const [i, row] of SAMPLE_ROWS.entries()) {
    if (i === 0) continue;
    const shown = await rowTexts(page, i + 1);
    const parsed = parseEnrollment(row[2]);
    if (parsed.kind === "ok") {
      const days = recommendDays(parsed.value, CURRENT_RATES).days;
      expect([row[0], shown.slice(4)]).toEqual([row[0], [String(days), ...[1, 2, 3].map((o) => money(annualCost(days, o as 1 | 2 | 3, CURRENT_RATES)))]]);
    } else if (parsed.kind === "blank") {
      expect(shown).toEqual(["", "", "", "", "", "", "", ""]);
    } else {
      // The invalid row says so in its own row; the fill went on past it.
      expect(shown[4]).toMatch(/#VALUE!|Error/);
    }
  }
  // The grid's text is the workbook's computed values; the formulas are the mode's.
  const formula = (await page.evaluate(`window.__excelWorkbook.formulas(${JSON.stringify(SAMPLE_SHEET)}, "E2:F2")`)) as unknown[][];
  if (mode === "live") expect(formula[0][0]).toBe('=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))');
  if (mode === "portable") expect(String(formula[0][1])).toMatch(/^=.*INDEX\(.*ITS Rates FY2025-26/);
  if (mode === "values") expect(formula[0]).toEqual([1, 26151]);
  const sheets = (await page.evaluate("window.__excelWorkbook.sheetNames()")) as string[];
  expect(sheets).toEqual(mode === "portable" ? [SAMPLE_SHEET, "ITS Rates FY2025-26", "ITS Summary"] : [SAMPLE_SHEET, "ITS Summary"]);

  if (mode === "live") {
    await page.setViewportSize({ width: 1600, height: 640 }); // the whole filled sheet beside the pane
    await page.screenshot({ path: screenshotPath("preview-fill.png") });
    await page.getByRole("button", { name: "ITS Summary" }).click();
    await page.setViewportSize({ width: 1840, height: 760 }); // room for the chart beside the totals
    await page.getByTestId("chart").waitFor();
    await page.screenshot({ path: screenshotPath("preview-summary.png") });
  }
  expect(errors).toEqual([]);
  await page.close();
});
