/** Headless Debian Chromium via playwright-core, offline: only 127.0.0.1 and the routed office.js answer. */
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, normalize } from "path";
import { type BrowserContext, type Page, chromium } from "playwright-core";

export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Microsoft's own office.js and the scripts it loads next, from the @microsoft/office-js package. */
export const REAL_OFFICE_JS = require.resolve("@microsoft/office-js/dist/office.js");

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh profile per launch. `officeJs` is the file served in place of Microsoft's office.js
 * (REAL_OFFICE_JS serves the whole CDN folder from the npm package), or null to make it fail to
 * load (as outside Office with no network).
 */
export async function launch(officeJs: string | null, options: { width?: number; height?: number } = {}): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), "its-e2e-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: options.width ?? 380, height: options.height ?? 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  await context.route(/^https?:\/\//, (route) => {
    const url = route.request().url();
    const cdn = OFFICE_JS.replace(/office\.js$/, "");
    if (url.startsWith(cdn)) {
      if (!officeJs) return route.abort("internetdisconnected");
      if (officeJs !== REAL_OFFICE_JS || url === OFFICE_JS) return route.fulfill({ path: officeJs, contentType: "text/javascript" });
      const file = join(dirname(REAL_OFFICE_JS), normalize(new URL(url).pathname.slice(new URL(cdn).pathname.length)));
      return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
    }
    return /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url) ? route.continue() : route.abort("internetdisconnected");
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects the page's uncaught errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible label matches, as a keyboard
 * user would; fails after `max` presses.
 */
export async function tabTo(page: Page, label: RegExp, { back = false, max = 30 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      const labelled = el.getAttribute("aria-label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
      return labelled ?? el.textContent ?? "";
    });
    if (label.test(name)) return;
  }
  throw new Error(`Tab never reached a control labelled ${label}`);
}
