import { FluentProvider, Tab, TabList, Text, Title2, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { Suspense, lazy, useState } from "react";
import { CURRENT_RATES } from "../core";
import type { OfficeStatus } from "./office";
import { paneStyles as css } from "./styles";
import { type AddQuote, QuotePanel } from "./quote/QuotePanel";

type TabId = "quote" | "fill";

// The bulk fill is its own chunk, fetched when the browser is idle or when its tab opens, so the
// quote (what most users open the pane for) paints without waiting for it.
const FillPanel = lazy(() => import(/* webpackPrefetch: true */ "./fill/FillPanel").then((m) => ({ default: m.FillPanel })));

export function App({ office, addQuote }: { office: OfficeStatus; addQuote: AddQuote }) {
  const [tab, setTab] = useState<TabId>("quote");
  const canWrite = office.host === "pending" ? "pending" : office.host === "excel";
  return (
    <FluentProvider theme={office.dark ? webDarkTheme : webLightTheme} style={css.root}>
      <main>
        <header style={css.header}>
          <Title2 as="h1">ITS Support Budget</Title2>
          <p style={css.muted}>
            IT support technician days, FY {CURRENT_RATES.fiscalYear} rates (ITS memo of {CURRENT_RATES.source.date}).
          </p>
        </header>
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label="What to do">
          <Tab id="tab-quote" value="quote" aria-controls="panel-quote">
            Quote
          </Tab>
          <Tab id="tab-fill" value="fill" aria-controls="panel-fill">
            Fill a sheet
          </Tab>
        </TabList>
        <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} style={css.panel}>
          {tab === "quote" ? (
            <QuotePanel canWrite={canWrite} addQuote={addQuote} />
          ) : (
            <Suspense fallback={<Text role="status">Loading the bulk fill...</Text>}>
              <FillPanel />
            </Suspense>
          )}
        </div>
      </main>
    </FluentProvider>
  );
}
