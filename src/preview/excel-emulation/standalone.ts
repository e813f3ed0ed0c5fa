/**
 * Entry of the standalone browser bundle (see build-standalone.js): exposes the emulation as
 * `window.ExcelEmulation` and, when a page set `window.__excelEmulation = { workbook, theme }` before
 * the script ran (e.g. with Playwright's addInitScript), installs it at once as Office and Excel and
 * puts the workbook at `window.__excelWorkbook`. Served in place of office.js, it lets the
 * production task pane run in a browser test.
 */
import * as ExcelEmulation from "./index";
import type { InstallOptions } from "./office";
import type { WorkbookSpec } from "./model";

interface Request {
  workbook?: WorkbookSpec;
  theme?: InstallOptions["theme"];
}

const page = window as unknown as { ExcelEmulation: typeof ExcelEmulation; __excelEmulation?: Request; __excelWorkbook?: ExcelEmulation.EmulatedWorkbook };
page.ExcelEmulation = ExcelEmulation;
if (page.__excelEmulation) {
  const book = ExcelEmulation.createWorkbook(page.__excelEmulation.workbook);
  ExcelEmulation.installEmulatedOffice(window, book, { theme: page.__excelEmulation.theme });
  page.__excelWorkbook = book;
}
