/**
 * The pane's "Help and diagnostics" disclosure, closed by default at the bottom of the pane, out of the way of
 * budget staff. App mounts it with a lazy import; "Check this Excel" inside is its own chunk again, fetched only
 * when the disclosure opens (a collapsed AccordionPanel renders nothing).
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text, tokens } from "@fluentui/react-components";
import { Suspense, lazy } from "react";
import { CURRENT_RATES } from "../../core";
import { paneStyles as css } from "../styles";

const CheckExcel = lazy(() => import(/* webpackChunkName: "check-excel" */ "./CheckExcel").then((m) => ({ default: m.CheckExcel })));

export function HelpSection() {
  return (
    <Accordion collapsible style={{ marginTop: tokens.spacingVerticalXXXL }}>
      <AccordionItem value="help">
        <AccordionHeader as="h2" size="small">
          Help and diagnostics
        </AccordionHeader>
        <AccordionPanel>
          <div style={css.form}>
            <p style={css.muted}>
              ITS Support Budget prices IT support technician days at the FY {CURRENT_RATES.fiscalYear} rates of the ITS memo of{" "}
              {CURRENT_RATES.source.date}. In cells: =LAUSD.ITSDAYS(enrollment, [fiscalYear]), =LAUSD.ITSCOST(days, [option], [fiscalYear]) and
              =LAUSD.ITSRATES([fiscalYear]). A cell
              showing #NAME? means the add-in is not loaded in this Excel: open it from Home &gt; ITS Support.
            </p>
            <Suspense fallback={<Text role="status">Loading the Excel check...</Text>}>
              <CheckExcel />
            </Suspense>
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
