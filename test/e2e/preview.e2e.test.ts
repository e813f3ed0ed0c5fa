/**
 * The preview workbench (preview.html, the development build) in headless Chromium: the real pane
 * quotes a site into the emulated workbook and the grid shows the computed prices; a CSV opens as a
 * new sheet; the downloaded .xlsx, read back with exceljs, holds the formulas and their values.
 * Screenshots of the workbench: see support/screenshots.ts (`npm run screenshots` refreshes docs/).
 */
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { previewSession } from "./preview-support/session";
import { screenshotPath } from "./support/screenshots";

const preview = previewSession();

type Book = {
  values(sheet: string, address: string): unknown[][];
  formulas(sheet: string, address: string): unknown[][];
  sheetNames(): string[];
  activeSheet(): string;
  table(name: string): { address: string } | undefined;
};
const book = <T>(page: Page, read: (b: Book) => T): Promise<T> => page.evaluate(`(${read.toString()})(window.__excelWorkbook)`) as Promise<T>;

async function openPreview(query = ""): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await preview.open(query);
  await page.getByRole("button", { name: "Add to budget sheet" }).waitFor();
  await page.locator('td[data-cell="C7"]', { hasText: "523" }).waitFor();
  return { page, errors };
}

/** The text the grid shows in a cell of the active sheet. */
const cellText = (page: Page, address: string) => page.locator(`td[data-cell="${address}"]`).innerText();

test("a quote from the pane lands in the grid with the memo's price, computed by the LAUSD functions", async () => {
  const { page, errors } = await openPreview();
  await page.getByRole("textbox", { name: /Site name/ }).fill("Fairmont Middle");
  await page.getByRole("textbox", { name: /Enrollment/ }).fill("523");
  await page.getByText("401-600 students → 3 days").waitFor();
  await page.getByRole("radio", { name: /^Outside Summer/ }).check();
  await page.getByText("Quote total: $75,013 a year (Outside Summer)").waitFor();
  await page.getByRole("button", { name: "Add to budget sheet" }).click();
  await page.getByText(/Fairmont Middle: \$75,013 a year/).waitFor();

  // The pane activated its sheet: the grid shows it, with the currency format applied to a formula's value.
  expect(await book(page, (b) => b.activeSheet())).toBe("ITS Budget");
  await page.getByRole("table", { name: "Sheet ITS Budget" }).waitFor();
  const headers = await book(page, (b) => b.values("ITS Budget", "A1:I1")[0]);
  const cost = `${String.fromCharCode(65 + headers.indexOf("Annual cost"))}2`;
  expect(await book(page, (b) => b.formulas("ITS Budget", "A2:I2")[0].filter((f) => String(f).startsWith("=LAUSD.")))).toHaveLength(2);
  expect(await cellText(page, cost)).toBe("$75,013");
  expect(await cellText(page, "A2")).toBe("Fairmont Middle");

  // The sample sheet is untouched.
  await page.getByRole("button", { name: "Sample sites" }).click();
  expect(await cellText(page, "C7")).toBe("523");
  expect(await book(page, (b) => b.values("Sample sites", "E1:E14").flat().every((v) => v === ""))).toBe(true);
  expect(errors).toEqual([]);
  await page.close();
});

test("the grid: click selects, arrow keys move, Shift extends; the formula bar shows the active cell's formula", async () => {
  const { page, errors } = await openPreview();
  await page.locator('td[data-cell="C7"]').click();
  await expect(page.getByTestId("name-box").innerText()).resolves.toBe("C7");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(page.getByTestId("name-box").innerText()).resolves.toBe("C8:D9");
  expect(await book(page, (b) => (b as unknown as { snapshot(): { selection: string } }).snapshot().selection)).toBe("'Sample sites'!C8:D9");
  await page.getByRole("tab", { name: "Fill a sheet" }).click();
  await page.getByRole("radio", { name: "The whole active sheet" }).check();
  await page.getByRole("button", { name: "Read sites" }).click();
  await page.getByRole("button", { name: /^Fill 13 rows$/ }).click();
  await page.getByText("Sheet filled").waitFor();
  await page.locator('td[data-cell="E2"]').click();
  const written = await book(page, (b) => b.formulas("Sample sites", "E2")[0][0]);
  expect(String(written)).toMatch(/^=/);
  await expect(page.getByTestId("formula-bar").innerText()).resolves.toBe(written);
  expect(errors).toEqual([]);
  await page.close();
});

test("Open CSV adds the file as a new sheet with numbers as numbers", async () => {
  const { page, errors } = await openPreview();
  const csv = join(tmpdir(), `its-preview-schools-${process.pid}.csv`);
  writeFileSync(csv, 'School,Enrollment\r\n"Olive Grove, Elementary",350\r\nPine Ridge Middle,"1,024"\r\n');
  await page.getByTestId("open-file").setInputFiles(csv);
  await page.getByTestId("preview-status").getByText(/Opened its-preview-schools-\d+\.csv/).waitFor();
  const name = await book(page, (b) => b.activeSheet());
  expect(name).toMatch(/^its-preview-schools/);
  expect(await book(page, (b) => b.values(b.activeSheet(), "A1:B3"))).toEqual([
    ["School", "Enrollment"],
    ["Olive Grove, Elementary", 350],
    ["Pine Ridge Middle", 1024],
  ]);
  expect(await cellText(page, "A2")).toBe("Olive Grove, Elementary");
  expect(await page.getByRole("button", { name }).getAttribute("aria-current")).toBe("page");
  expect(errors).toEqual([]);
  await page.close();
});

test("Download .xlsx saves formulas with their computed values (read back with exceljs); screenshots", async () => {
  const { page, errors } = await openPreview();
  await page.getByRole("textbox", { name: /Site name/ }).fill("Juniper Span School");
  await page.getByRole("textbox", { name: /Enrollment/ }).fill("801");
  await page.getByText("more than 800 students → 5 days").waitFor();
  await page.getByRole("button", { name: "Add to budget sheet" }).click();
  await page.getByText(/Juniper Span School: \$130,753 a year/).waitFor();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .xlsx" }).click()]);
  expect(download.suggestedFilename()).toBe("its-budget-preview.xlsx");
  /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read -- exceljs cells, not Office objects */
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((w) => w.name)).toEqual(["Sample sites", "ITS Budget"]);
  const sheet = workbook.getWorksheet("ITS Budget")!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const daysCell = sheet.getRow(2).getCell(headers.indexOf("Recommended days") + 1);
  const costCell = sheet.getRow(2).getCell(headers.indexOf("Annual cost") + 1);
  expect(daysCell.value).toEqual({ formula: "LAUSD.ITSDAYS(C2)", result: 5 });
  expect(costCell.value).toMatchObject({ formula: expect.stringMatching(/^LAUSD\.ITSCOST\(/), result: 130753 });
  expect(costCell.numFmt).toBe("$#,##0");
  expect(sheet.getCell("A2").value).toBe("Juniper Span School");
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(workbook.getWorksheet("Sample sites")!.getCell("C11").value).toBe(801);
  /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read */

  await page.screenshot({ path: screenshotPath("preview-quote.png") });
  expect(errors).toEqual([]);
  await page.close();
});

test("?theme=dark gives the pane Office's dark theme (screenshot)", async () => {
  const { page, errors } = await openPreview("?theme=dark");
  const background = await page.evaluate(() => getComputedStyle(document.querySelector(".pane .fui-FluentProvider")!).backgroundColor);
  expect(background).toBe("rgb(41, 41, 41)");
  await page.getByRole("textbox", { name: /Enrollment/ }).fill("200");
  await page.getByText(/1 day/).first().waitFor();
  await page.screenshot({ path: screenshotPath("preview-dark.png") });
  expect(errors).toEqual([]);
  await page.close();
});
