/**
 * The production pane (dist/taskpane.html) in headless Chromium, with the Excel emulation in place
 * of office.js: a school and an office are quoted and added with the keyboard alone, the school is
 * added again (an update, not a duplicate), and the rows the workbook holds are checked.
 */
import type { Page } from "playwright-core";
import { seriousViolations } from "./support/axe";
import { type Browser, REAL_OFFICE_JS, launch, tabTo, watchErrors } from "./support/browser";
import { serveDirectory } from "./support/server";
import { screenshotPath } from "./support/screenshots";

const fakeOffice = process.env.ITS_FAKE_OFFICE_JS!;
let server: Awaited<ReturnType<typeof serveDirectory>>;
let browser: Browser;

beforeAll(async () => {
  server = await serveDirectory();
  browser = await launch(fakeOffice);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Book = { values(sheet: string, address: string): unknown[][]; formulas(sheet: string, address: string): unknown[][]; numberFormats(sheet: string, address: string): string[][]; table(name: string): { address: string; body: string; showTotals: boolean } | undefined; frozenRows(sheet: string): number; sheetNames(): string[] };
const book = <T>(page: Page, read: (b: Book) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(window.__book)`) as Promise<T>;

async function openPane(query = "", before?: (page: Page) => void): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  before?.(page);
  await page.goto(`${server.url}taskpane.html${query}`);
  await untilHydrated(page);
  return { page, errors };
}

/** The pane is pre-rendered: it is on screen at once, and usable once React has hydrated it (aria-busy="false"). */
async function untilHydrated(page: Page) {
  await page.locator('main[aria-busy="false"]').waitFor();
}

/** Replaces a text field's content from the keyboard. */
async function typeInto(page: Page, text: string) {
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

async function addAndWait(page: Page, outcome: RegExp) {
  await tabTo(page, /^Add to budget sheet$/);
  await page.keyboard.press("Enter");
  await page.getByText(outcome).waitFor();
}

test("keyboard only: a school and an office are added, re-adding the school updates its row", async () => {
  const { page, errors } = await openPane();

  // School: 523 students, 3 days (the recommendation), Outside Summer.
  await tabTo(page, /^Site name/);
  await typeInto(page, "Lincoln High School");
  await tabTo(page, /^Enrollment/);
  await typeInto(page, "523");
  await page.getByText("401-600 students → 3 days").waitFor();
  await tabTo(page, /^Full Year \(July 1/);
  await page.keyboard.press("ArrowDown");
  await page.getByText("Quote total: $75,013 a year (Outside Summer)").waitFor();
  await addAndWait(page, /Lincoln High School: \$75,013 a year at FY 2025-26 rates, row 2 of sheet "ITS Budget"/);

  // Office: no enrollment, 5 days Full Year.
  await tabTo(page, /^Site name/, { back: true });
  await typeInto(page, "Region East Office");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown"); // Office or Virtual Academy
  await page.keyboard.press("Tab"); // days: none chosen yet, focus on 0
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Tab"); // option: Outside Summer from before
  await page.keyboard.press("ArrowUp"); // Full Year
  await page.getByText("Quote total: $130,753 a year (Full Year)").waitFor();
  await addAndWait(page, /Region East Office: \$130,753 a year at FY 2025-26 rates, row 3/);

  const rows = await book(page, (b) => b.values("ITS Budget", "A1:I4"));
  expect(rows.map((r) => r.slice(0, 8))).toEqual([
    ["Site", "Kind", "Enrollment", "Recommended days", "Days bought", "Option", "Summer Only days", "Annual cost"],
    ["Lincoln High School", "School", 523, 3, 3, "Outside Summer", "", 75013],
    ["Region East Office", "Office / Virtual Academy", "", "", 5, "Full Year", "", 130753],
    ["Total", "", "", "", "", "", "", 205766],
  ]);
  // Live formulas leave the row blank while its inputs are blank (some desktops pass blanks as 0).
  expect(await book(page, (b) => b.formulas("ITS Budget", "D2:H2"))).toEqual([['=IF(C2="","",LAUSD.ITSDAYS(C2,"2025-26"))', "=D2", "Outside Summer", "", '=IF(E2="","",LAUSD.ITSCOST(E2,F2,"2025-26"))']]);
  expect(await book(page, (b) => b.numberFormats("ITS Budget", "H2:H4"))).toEqual([["$#,##0"], ["$#,##0"], ["$#,##0"]]);
  expect(await book(page, (b) => b.frozenRows("ITS Budget"))).toBe(1);

  // Re-add the school with 4 days: the pane asks, Enter on the focused "Update row 2" confirms.
  await tabTo(page, /^Site name/, { back: true });
  await typeInto(page, "Lincoln High School");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowUp"); // School
  await tabTo(page, /^\d days a week$/); // a radio group is one tab stop: the checked 5
  await page.keyboard.press("ArrowLeft"); // 4
  await tabTo(page, /^Full Year \(July 1/);
  await page.keyboard.press("ArrowDown"); // Outside Summer
  await tabTo(page, /^Add to budget sheet$/);
  await page.keyboard.press("Enter");
  await page.getByText(/Row 2 of "ITS Budget" has Outside Summer, 3 days a week, \$75,013/).waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Update row 2");
  await page.keyboard.press("Enter");
  await page.getByText(/Lincoln High School: \$100,017 a year at FY 2025-26 rates, row 2/).waitFor();

  expect(await book(page, (b) => b.table("ITSBudget"))).toMatchObject({ address: "A1:I4", body: "A2:I3", showTotals: true });
  const after = await book(page, (b) => b.values("ITS Budget", "A2:H5"));
  expect(after.map((r) => [r[0], r[4], r[7]])).toEqual([
    ["Lincoln High School", 4, 100017],
    ["Region East Office", 5, 130753],
    ["Total", "", 230770],
    ["", "", ""],
  ]);
  expect(errors).toEqual([]);
  await page.close();
});

test.each(["light", "dark"] as const)("no serious accessibility violations, %s theme; screenshot for the docs", async (theme) => {
  const { page, errors } = await openPane(theme === "dark" ? "?theme=dark" : "");
  await page.getByRole("textbox", { name: /Site name/ }).fill("Lincoln High School");
  await page.getByRole("textbox", { name: /Enrollment/ }).fill("523");
  await page.getByRole("radio", { name: "2 days a week" }).check();
  await page.getByRole("radio", { name: /^Outside Summer/ }).check();
  await page.getByText(/Fewer days than ITS recommends/).waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor);
  expect(background).toBe(theme === "dark" ? "rgb(41, 41, 41)" : "rgb(255, 255, 255)");
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath(`pane-${theme}.png`), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

test("the Fill a sheet tab loads its own chunk on demand, under the page's CSP", async () => {
  const chunks: string[] = [];
  const { page, errors } = await openPane("", (p) => p.on("request", (r) => r.url().endsWith(".js") && chunks.push(new URL(r.url()).pathname)));
  await page.getByRole("tab", { name: "Quote" }).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => {
    const panel = document.querySelector('[role="tabpanel"]');
    return panel?.getAttribute("aria-labelledby") === "tab-fill" && !/Loading the bulk fill/.test(panel.textContent ?? "") && (panel.textContent ?? "").length > 0;
  });
  expect(chunks.filter((c) => !/\/(taskpane|functions|boot)\.js$/.test(c)).length).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await page.close();
});

test("the first screen is in the page itself: painted with its styles before any script runs, inert until hydrated", async () => {
  const page = await browser.context.newPage();
  await page.route(/\/(taskpane|boot)\.js$/, (route) => route.abort());
  const errors = watchErrors(page);
  await page.goto(`${server.url}taskpane.html`);
  await page.getByRole("button", { name: "Add to budget sheet" }).waitFor({ state: "attached" });
  const screen = await page.evaluate(() => {
    const main = document.querySelector("main")!;
    const site = document.querySelector<HTMLInputElement>("input")!;
    return {
      busy: main.getAttribute("aria-busy"),
      inert: main.hasAttribute("inert"),
      background: getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor,
      padding: getComputedStyle(document.querySelector(".fui-FluentProvider")!).paddingLeft,
      siteWidth: site.getBoundingClientRect().width,
    };
  });
  expect(screen).toEqual({ busy: "true", inert: true, background: "rgb(255, 255, 255)", padding: "16px", siteWidth: expect.any(Number) });
  expect(screen.siteWidth).toBeGreaterThan(200);
  // Only the two aborted scripts fail: the page's inline styles are all allowed by the CSP.
  expect(errors.filter((e) => !/taskpane\.js|boot\.js|net::ERR_FAILED|Failed to load resource/.test(e))).toEqual([]);
  await page.close();
});

test("lazy chunks are requested only after the page has loaded, never before the first paint", async () => {
  const { page, errors } = await openPane();
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /\/\d+\.js$/.test(e.name)), null, { timeout: 10_000 });
  const timing = await page.evaluate(() => ({
    loaded: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    chunks: performance.getEntriesByType("resource").filter((e) => /\/\d+\.js$/.test(e.name)).map((e) => e.startTime),
  }));
  expect(timing.loaded).toBeGreaterThan(0);
  for (const start of timing.chunks) expect(start).toBeGreaterThanOrEqual(timing.loaded);
  expect(errors).toEqual([]);
  await page.close();
});

test("when office.js cannot load, the pane still renders, quotes, and says adding needs Excel", async () => {
  const offline = await launch(null);
  try {
    const page = await offline.context.newPage();
    await page.goto(`${server.url}taskpane.html`);
    await untilHydrated(page);
    await page.getByText(/Adding to a sheet needs Excel/).waitFor();
    await page.getByRole("textbox", { name: /Enrollment/ }).fill("801");
    await page.getByText("more than 800 students → 5 days").waitFor();
    expect(await page.getByRole("button", { name: "Add to budget sheet" }).isDisabled()).toBe(true);
  } finally {
    await offline.close();
  }
});

test("with Microsoft's office.js outside Office (no host), the pane renders and says adding needs Excel", async () => {
  const plain = await launch(REAL_OFFICE_JS);
  try {
    const page = await plain.context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}taskpane.html`);
    await untilHydrated(page);
    await page.getByRole("textbox", { name: /Enrollment/ }).fill("400");
    await page.getByText("201-400 students → 2 days").waitFor();
    await page.getByText(/Adding to a sheet needs Excel/).waitFor();
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
    expect(await page.getByRole("button", { name: "Add to budget sheet" }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await plain.close();
  }
});
