/** The pane as Excel (and the preview) mounts it: paints at once, then learns from Office whether it can write and which theme to use. */
import { useEffect, useState } from "react";
import { addQuoteToBudget } from "../workbook/excel/quote";
import { App } from "./App";
import { type OfficeStatus, initialStatus, officeStatus } from "./office";

export function Pane() {
  const [office, setOffice] = useState<OfficeStatus>(initialStatus);
  useEffect(() => {
    officeStatus().then(setOffice, () => setOffice((s) => ({ ...s, host: "none" })));
  }, []);
  return <App office={office} addQuote={addQuoteToBudget} />;
}
