/**
 * The preview workbench (preview.html, the development build) in headless Chromium: the real pane
 * quotes a site into the emulated workbook and the grid shows the computed prices; a CSV opens as a
 * new sheet; the downloaded .xlsx, read back with exceljs, holds the formulas and their values, and
 * hostile site names as the exact text typed. Keyboard only, values and =LAUSD.* formulas typed into
 * the grid recalculate their dependents; hostile files are refused with a message and the page stays.
 * Screenshots of the workbench: see support/screenshots.ts (`npm run screenshots` refreshes docs/).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Page } from "playwright-core";
import { previewSession } from "./preview-support/session";
import { seriousViolations } from "./support/axe";
import { tabTo } from "./support/browser";
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
  await page.getByRole("grid", { name: "Sheet ITS Budget" }).waitFor();
  const headers = await book(page, (b) => b.values("ITS Budget", "A1:I1")[0]);
  const cost = `${String.fromCharCode(65 + headers.indexOf("Annual cost"))}2`;
  expect(await book(page, (b) => b.formulas("ITS Budget", "A2:I2")[0].filter((f) => String(f).includes("LAUSD.")))).toHaveLength(2);
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
  expect(daysCell.value).toEqual({ formula: expect.stringContaining('LAUSD.ITSDAYS(C2,"2025-26")'), result: 5 });
  expect(costCell.value).toMatchObject({ formula: expect.stringContaining("LAUSD.ITSCOST("), result: 130753 });
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

/** Writes a file for the page to open; returns its path. */
function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(tmpdir(), `its-preview-${process.pid}-${name}`);
  writeFileSync(path, content);
  return path;
}

test("keyboard only: type a value and an =LAUSD.ITSDAYS formula into the grid, Enter commits, dependents recalculate, Esc cancels", async () => {
  const { page, errors } = await openPreview();
  await tabTo(page, /^Sheet Sample sites$/);
  const grid = page.getByRole("grid", { name: "Sheet Sample sites" });
  await expect(grid.evaluate((g) => g === document.activeElement)).resolves.toBe(true);
  // From A1 to E2: a new column beside the sample's enrollments (C2 is 150).
  for (const key of ["ArrowDown", "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight"]) await page.keyboard.press(key);
  await expect(page.getByTestId("name-box").innerText()).resolves.toBe("E2");
  await page.keyboard.type("=LAUSD.ITSDAYS(C2)");
  await expect(page.getByRole("textbox", { name: /Edit cell E2/ }).inputValue()).resolves.toBe("=LAUSD.ITSDAYS(C2)");
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Enter");
  expect(await cellText(page, "E2")).toBe("1");
  expect(await seriousViolations(page)).toEqual([]);
  await expect(page.getByTestId("name-box").innerText()).resolves.toBe("E3");

  // Change the input: the formula's cell follows.
  for (const key of ["ArrowUp", "ArrowLeft", "ArrowLeft"]) await page.keyboard.press(key);
  await page.keyboard.type("801");
  await page.keyboard.press("Enter");
  expect(await cellText(page, "C2")).toBe("801");
  expect(await cellText(page, "E2")).toBe("5");
  expect(await book(page, (b) => b.values("Sample sites", "C2:E2"))).toEqual([[801, 12000, 5]]);

  // Esc leaves the cell as it was; F2 edits the formula that is there.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.type("5");
  await page.keyboard.press("Escape");
  expect(await cellText(page, "C2")).toBe("801");
  for (const key of ["ArrowRight", "ArrowRight"]) await page.keyboard.press(key);
  await page.keyboard.press("F2");
  await expect(page.getByRole("textbox", { name: /Edit cell E2/ }).inputValue()).resolves.toBe("=LAUSD.ITSDAYS(C2)");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("*2)");
  await page.keyboard.press("Enter");
  expect(await cellText(page, "E2")).toBe("5");
  expect(await book(page, (b) => b.formulas("Sample sites", "E2")[0][0])).toBe("=LAUSD.ITSDAYS(C2*2)");

  // A formula Excel refuses says why and stays in the editor.
  await page.keyboard.type("=SUM(");
  await page.keyboard.press("Enter");
  await page.getByTestId("edit-error").getByText(/Excel refuses the formula "=SUM\(".*press Esc to cancel/).waitFor();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("edit-error").count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await page.close();
});

test("hostile site names quoted in the pane are exactly that text in the downloaded .xlsx; 00123 twice is one row", async () => {
  const { page, errors } = await openPreview();
  const sites = ["=1+1", "-Lincoln Annex", "00123", "6-8 Campus"];
  for (const site of sites) {
    await page.getByRole("textbox", { name: /Site name/ }).fill(site);
    await page.getByRole("textbox", { name: /Enrollment/ }).fill("523");
    await page.getByRole("button", { name: "Add to budget sheet" }).click();
    await page.getByText(`${site}: $`, { exact: false }).waitFor();
  }
  await page.getByRole("textbox", { name: /Site name/ }).fill("00123");
  await page.getByRole("button", { name: "Add to budget sheet" }).click();
  await page.getByText("00123 is already in the budget").waitFor();
  expect(await cellText(page, "A2")).toBe("=1+1");
  expect(await cellText(page, "A4")).toBe("00123");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .xlsx" }).click()]);
  const bytes = readFileSync((await download.path())!);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("ITS Budget")!;
  const column = (sheet.getColumn(1).values as unknown[]).slice(2);
  expect(column).toEqual([...sites, "Total"]);
  expect([2, 3, 4, 5].map((r) => sheet.getCell(`A${r}`).type)).toEqual(sites.map(() => ExcelJS.ValueType.String));
  const index = workbook.worksheets.indexOf(sheet) + 1;
  const xml = await (await JSZip.loadAsync(bytes)).file(`xl/worksheets/sheet${index}.xml`)!.async("string");
  expect(xml).not.toMatch(/<c r="A\d+"[^>]*><f>/);

  // Opened again in the preview (its zip checked while streaming, then read by exceljs): still that text.
  await page.getByTestId("open-file").setInputFiles(tempFile("budget.xlsx", bytes));
  await page.getByTestId("preview-status").getByText(/Opened its-preview-\d+-budget\.xlsx as "Sample sites \(2\)", "ITS Budget \(2\)"/).waitFor();
  expect(await book(page, (b) => b.values("ITS Budget (2)", "A2:A5").flat())).toEqual(sites);
  expect(errors).toEqual([]);
  await page.close();
});

test("hostile files are refused with a message naming the limit; the page stays usable; codes stay text", async () => {
  const { page, errors } = await openPreview();
  const open = async (path: string, message: RegExp) => {
    await page.getByTestId("open-file").setInputFiles(path);
    await page.getByTestId("preview-status").getByText(message).waitFor();
  };
  const started = Date.now();
  await open(tempFile("wide.csv", `${Array.from({ length: 16385 }, (_, i) => `c${i}`).join(",")}\n`), /"its-preview-\d+-wide\.csv" was not opened\. Row 1 has 16,385 columns; Excel's limit .* is 16,384 columns a sheet/);
  expect(Date.now() - started).toBeLessThan(5000);
  await open(tempFile("cell.csv", `Site,Notes\nA,${"x".repeat(32768)}\n`), /Cell B2 holds 32,768 characters; Excel's limit .* is 32,767 characters a cell/);

  // A zip that declares 200 MB for its sheet, in a file of a few hundred bytes: refused before inflating.
  const bomb = await new JSZip().file("xl/worksheets/sheet1.xml", "x").generateAsync({ type: "uint8array" });
  const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
  const directory = view.getUint32(bomb.byteLength - 6, true);
  view.setUint32(directory + 24, 200 * 1024 * 1024, true);
  await open(tempFile("bomb.xlsx", bomb), /"its-preview-\d+-bomb\.xlsx" was not opened\. It would inflate to 20\d MB of data \(the preview opens at most 100 MB\)/);
  expect(await book(page, (b) => b.sheetNames())).toEqual(["Sample sites"]);

  // The page still works: a CSV of codes opens, and its codes stay text.
  await open(tempFile("codes.csv", "school_name,enrollment,cds_code,school_code\nN.E.W. Academy,425,19647330100289,0100289\n"), /Kept "cds_code", "school_code" as text/);
  expect(await book(page, (b) => b.values(b.activeSheet(), "A2:D2"))).toEqual([["N.E.W. Academy", 425, "19647330100289", "0100289"]]);
  expect(await cellText(page, "D2")).toBe("0100289");
  expect(errors).toEqual([]);
  await page.close();
});

test("a sheet past 40,000 rows with formulas (HyperFormula's default limit) computes; the page does not go blank", async () => {
  const { page, errors } = await openPreview();
  const rows = Array.from({ length: 45_000 }, (_, i) => `Site ${i + 1},${(i % 900) + 1}`);
  await page.getByTestId("open-file").setInputFiles(tempFile("big.csv", `Site,Enrollment\n${rows.join("\n")}\n`));
  await page.getByTestId("preview-status").getByText(/Opened its-preview-\d+-big\.csv/).waitFor({ timeout: 60_000 });
  await page.locator('td[data-cell="C2"]').click();
  await page.keyboard.type("=LAUSD.ITSDAYS(B2)");
  await page.keyboard.press("Enter");
  await page.locator('td[data-cell="C2"]', { hasText: "1" }).waitFor({ timeout: 60_000 });
  expect(await book(page, (b) => b.values(b.activeSheet(), "B45001"))).toEqual([[900]]);
  // Only the rows in view are drawn; a taller window draws more.
  expect(await page.locator('td[data-cell="A130"]').count()).toBe(0);
  await page.setViewportSize({ width: 1440, height: 2600 });
  await page.locator('td[data-cell="A130"]', { hasText: "Site 129" }).waitFor();
  // The grid scrolls to the last row and shows it.
  await page.getByTestId("grid").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.locator('td[data-cell="A45001"]', { hasText: "Site 45000" }).waitFor();
  expect(await page.locator("td[data-cell]").count()).toBeLessThan(2000);
  await expect(page.getByTestId("engine-failure").count()).resolves.toBe(0);
  expect(errors).toEqual([]);
  await page.close();
}, 180_000);
