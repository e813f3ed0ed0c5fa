/**
 * Stands in for https://appsforoffice.microsoft.com/.../office.js in browser tests: installs the
 * shared Excel emulation (src/preview/excel-emulation) as the page's Office and Excel, so the
 * production pane runs unchanged and writes into a workbook the test can read back as
 * `window.__book`. `?theme=dark` in the page URL selects Office's dark theme.
 */
import { createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";

const params = new URLSearchParams(location.search);
const book = createWorkbook();
installEmulatedOffice(window, book, { theme: params.get("theme") === "dark" ? "dark" : "light" });
(window as unknown as { __book: typeof book }).__book = book;
