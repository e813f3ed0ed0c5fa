/**
 * Entry of the preview page (development build only): an emulated Excel workbook holding the sample
 * sheet, installed as the page's Office and Excel, with the real task pane beside its grid.
 * `?theme=dark` gives the pane Office's dark theme. The workbook is window.__excelWorkbook (tests).
 */
import { createRoot } from "react-dom/client";
import { createWorkbook, installEmulatedOffice } from "./excel-emulation";
import { PreviewApp } from "./PreviewApp";
import { sampleWorkbook } from "./sample";

const theme = new URLSearchParams(location.search).get("theme") === "dark" ? "dark" : "light";
const book = createWorkbook(sampleWorkbook());
installEmulatedOffice(window, book, { theme });
(window as unknown as { __excelWorkbook: typeof book }).__excelWorkbook = book;

createRoot(document.getElementById("root")!).render(<PreviewApp book={book} theme={theme} />);
