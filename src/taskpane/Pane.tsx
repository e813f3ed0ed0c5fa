/**
 * The pane as Excel (and the preview) mounts it. Its first render is the one pre-rendered into taskpane.html at
 * build time (not knowing yet where it runs), so hydration matches it; then it learns from the page whether
 * office.js loaded and from Office whether it can write and which theme to use.
 */
import { useEffect, useState } from "react";
import type { AddQuote } from "./quote/QuotePanel";
import { App } from "./App";
import { type OfficeStatus, initialStatus, officeStatus, prerenderedStatus } from "./office";

// The quote's Excel writer (planner, ownership marks, the batch) is its own chunk, fetched on the first
// "Add to budget sheet": the first screen needs none of it.
const addQuote: AddQuote = (quote, options) => import("../workbook/excel/quote").then((m) => m.addQuoteToBudget(quote, options));

export function Pane() {
  const [office, setOffice] = useState<OfficeStatus>(prerenderedStatus);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    setOffice(initialStatus());
    officeStatus().then(setOffice, () => setOffice((s) => ({ ...s, host: "none" })));
  }, []);
  return <App office={office} addQuote={addQuote} busy={!hydrated} />;
}
