import type { Page } from "playwright-core";
import { type Browser, launch, watchErrors } from "../support/browser";
import { serveDirectory } from "../support/server";
const { buildPreview } = require("./buildPreview.js") as { buildPreview: () => Promise<string> };

/**
 * One served preview build and one Chromium for a test file (registers its beforeAll/afterAll).
 * `open(query)` loads preview.html in a new page and collects its console errors.
 */
export function previewSession(enabled = true): { open: (query?: string) => Promise<{ page: Page; errors: string[] }> } {
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  let browser: Browser;
  beforeAll(async () => {
    if (!enabled) return;
    server = await serveDirectory(await buildPreview());
    browser = await launch(null, { width: 1440, height: 900 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    open: async (query = "") => {
      const page = await browser.context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}preview.html${query}`);
      return { page, errors };
    },
  };
}
