/**
 * The production pane (dist/taskpane.html) in headless Chromium, with the Excel emulation in place of
 * office.js: the 1,008 real LAUSD schools are put on a sheet, the "Fill a sheet" tab reads them and
 * fills them with portable formulas in at most 3 syncs from the Fill click (Fill reads the sheet again,
 * then writes); every row and the totals per option are the core's; a second fill changes nothing; a
 * cell typed over, even after the read, is replaced only after the confirmation.
 */
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { CURRENT_RATES, type OptionNumber, annualCost, recommendDays } from "../../src/core";
import { ENROLLMENT_DIR, hasEnrollmentData, skipMessage } from "../support/enrollmentData";
import { seriousViolations } from "./support/axe";
import { type Browser, launch, tabTo, watchErrors } from "./support/browser";
import { serveDirectory } from "./support/server";

const rates = CURRENT_RATES;
const OPTIONS: OptionNumber[] = [1, 2, 3];

type Book = {
  values(sheet: string, address: string): unknown[][];
  sheetNames(): string[];
  activeSheet(): string;
  instrumentation: { syncCalls: number; reset(): void };
};
const book = <T>(page: Page, read: (b: Book) => T): Promise<T> => page.evaluate(`(${read.toString()})(window.__book)`) as Promise<T>;

/** Writes cells on the active sheet through the emulated Excel API, as a user's workbook would hold them. */
async function putCells(page: Page, address: string, rows: unknown[][]) {
  await page.evaluate(
    `Excel.run(async (context) => {
       context.workbook.worksheets.getActiveWorksheet().getRange(${JSON.stringify(address)}).values = ${JSON.stringify(rows)};
       await context.sync();
     })`,
  );
}

const describeData = hasEnrollmentData() ? describe : describe.skip;
if (!hasEnrollmentData()) console.warn(skipMessage());

describeData("bulk fill in the production pane", () => {
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  let browser: Browser;
  const csv: string[][] = hasEnrollmentData() ? parse(fs.readFileSync(path.join(ENROLLMENT_DIR, "enrollment-2019-20-cde.csv"))) : [];
  const sheet = csv.map((row, i) => (i === 0 ? row : row.map((c) => (/^\d{1,10}$/.test(c) ? Number(c) : c))));
  const days = sheet.slice(1).map((r) => recommendDays(r[1] as number, rates).days);
  const last = `T${sheet.length}`;

  beforeAll(async () => {
    server = await serveDirectory();
    browser = await launch(process.env.ITS_FAKE_OFFICE_JS!);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function read(page: Page) {
    await tabTo(page, /^(Read sites|Read again)$/);
    await page.keyboard.press("Enter");
    await page.getByText(`Found 1,008 rows in ${await book(page, (b) => b.activeSheet())}!A1:`).waitFor();
  }

  async function fill(page: Page, outcome: string) {
    await tabTo(page, /^Fill 1,008 rows$/);
    await page.keyboard.press("Enter");
    if (outcome) await page.getByText(outcome, { exact: true }).waitFor();
  }

  test("1,008 schools filled with portable formulas in 3 syncs; totals per option are the core's; a second fill changes nothing", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}taskpane.html`);
    await page.getByRole("tab", { name: "Fill a sheet" }).click();
    await page.getByRole("button", { name: "Read sites" }).waitFor();
    await putCells(page, `A1:${last}`, sheet);

    // Counted from the Fill click: the fresh read before writing, then the write.
    await read(page);
    await book(page, (b) => b.instrumentation.reset());
    await fill(page, "Sheet filled");
    expect(await book(page, (b) => b.instrumentation.syncCalls)).toBeLessThanOrEqual(3);

    const active = await book(page, (b) => b.activeSheet());
    const filled = (await page.evaluate(`window.__book.values(${JSON.stringify(active)}, "U1:X${sheet.length}")`)) as unknown[][];
    expect(filled[0]).toEqual(["Recommended days", "Full Year cost", "Outside Summer cost", "Summer Only cost"]);
    expect(filled.slice(1)).toEqual(days.map((d) => [d, ...OPTIONS.map((o) => annualCost(d, o, rates))]));
    const totals = OPTIONS.map((o) => days.reduce((sum, d) => sum + annualCost(d, o, rates), 0));
    expect(await book(page, (b) => b.values("ITS Summary", "A10:E10"))).toEqual([["All sites", ...totals, 1008]]);
    expect(await book(page, (b) => b.sheetNames())).toContain(`ITS Rates FY${rates.fiscalYear}`);

    await read(page);
    await book(page, (b) => b.instrumentation.reset());
    await fill(page, "Already up to date");
    expect(await book(page, (b) => b.instrumentation.syncCalls)).toBe(2); // the fresh read only: nothing written
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a result typed over is replaced only after the confirmation, which says how many cells", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}taskpane.html`);
    await page.getByRole("tab", { name: "Fill a sheet" }).click();
    await putCells(page, `A1:${last}`, sheet);
    await read(page);
    await page.getByRole("radio", { name: /Values only/ }).click();
    await fill(page, "Sheet filled");

    // Typed over after the read that the preview shows: Fill reads again and asks.
    await read(page);
    await putCells(page, "U2:V2", [[9, "ask the principal"]]);
    await fill(page, "");
    const dialog = page.getByRole("alertdialog", { name: "Replace 2 cells?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/2 cells already holding something would get new content/);
    await page.getByRole("button", { name: "Don't fill" }).click();
    const active = await book(page, (b) => b.activeSheet());
    expect(await page.evaluate(`window.__book.values(${JSON.stringify(active)}, "U2:V2")`)).toEqual([[9, "ask the principal"]]);

    await fill(page, "");
    await expect(page.getByRole("button", { name: "Replace and fill" }).evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await page.getByText("Sheet filled", { exact: true }).waitFor();
    expect(await page.evaluate(`window.__book.values(${JSON.stringify(active)}, "U2:V2")`)).toEqual([[days[0], annualCost(days[0], 1, rates)]]);
    await page.close();
  });
});
