/** The pane's entry: paints at once, then learns from Office whether it can write and which theme to use. */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { addQuoteToBudget } from "../workbook/excel/quote";
import { App } from "./App";
import { type OfficeStatus, initialStatus, officeStatus } from "./office";

function Pane() {
  const [office, setOffice] = useState<OfficeStatus>(initialStatus);
  useEffect(() => {
    officeStatus().then(setOffice, () => setOffice((s) => ({ ...s, host: "none" })));
  }, []);
  return <App office={office} addQuote={addQuoteToBudget} />;
}

// The theme's background runs edge to edge (set through CSSOM, which the page's CSP allows).
document.body.style.margin = "0";
createRoot(document.getElementById("root")!).render(<Pane />);
