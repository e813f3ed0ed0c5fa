/**
 * The pane as Excel (and the preview) mounts it. Its first render is the one pre-rendered into taskpane.html at
 * build time (not knowing yet where it runs), so hydration matches it; then it learns from the page whether
 * office.js loaded and from Office whether it can write and which theme to use.
 */
import { useEffect, useState } from "react";
import { addQuoteToBudget } from "../workbook/excel/quote";
import { App } from "./App";
import { type OfficeStatus, initialStatus, officeStatus, prerenderedStatus } from "./office";

export function Pane() {
  const [office, setOffice] = useState<OfficeStatus>(prerenderedStatus);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    setOffice(initialStatus());
    officeStatus().then(setOffice, () => setOffice((s) => ({ ...s, host: "none" })));
  }, []);
  return <App office={office} addQuote={addQuoteToBudget} busy={!hydrated} />;
}
