import { FluentProvider, Text, Title2, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { Suspense, lazy, useEffect, useState } from "react";
import { CURRENT_RATES } from "../core";
import type { OfficeStatus } from "./office";
import { paneStyles as css } from "./styles";
import { type AddQuote, QuotePanel } from "./quote/QuotePanel";
import { type TabChoice, Tabs, panelId, tabId } from "./shell/Tabs";

type TabId = "quote" | "fill" | "review";
const TABS: readonly TabChoice<TabId>[] = [
  { value: "quote", label: "Quote" },
  { value: "fill", label: "Fill a sheet" },
  { value: "review", label: "Review a budget" },
];

// The bulk fill is its own chunk, so the quote (what most users open the pane for) paints without it. It is
// fetched once the page has loaded and the browser is idle, or when its tab opens; never before the first paint
// (webpackPrefetch would request it as soon as taskpane.js runs).
const loadFillPanel = () => import("./fill/FillPanel");
const FillPanel = lazy(() => loadFillPanel().then((m) => ({ default: m.FillPanel })));
// The other tabs and the help are their own chunks too, fetched only when opened.
const PortablePanel = lazy(() => import("./portable/PortablePanel").then((m) => ({ default: m.PortablePanel })));
const ReviewPanel = lazy(() => import("./review/ReviewPanel").then((m) => ({ default: m.ReviewPanel })));
const HelpSection = lazy(() => import("./help/HelpSection").then((m) => ({ default: m.HelpSection })));

/** Runs `task` when the page has loaded and the main thread is idle (Safari, used by Office on Mac, has no requestIdleCallback). */
function whenIdleAfterLoad(task: () => void): () => void {
  let cancel = () => {};
  const schedule = () => {
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(task, { timeout: 2000 });
      cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(task, 200);
      cancel = () => clearTimeout(id);
    }
  };
  if (document.readyState === "complete") schedule();
  else {
    window.addEventListener("load", schedule, { once: true });
    cancel = () => window.removeEventListener("load", schedule);
  }
  return () => cancel();
}

/**
 * `busy`: the pre-rendered pane is on screen but not hydrated yet. It is inert meanwhile (what was typed or chosen
 * before hydration would not reach React's state) and aria-busy tells assistive technology to wait.
 */
export function App({ office, addQuote, busy = false }: { office: OfficeStatus; addQuote: AddQuote; busy?: boolean }) {
  const [tab, setTab] = useState<TabId>("quote");
  const canWrite = office.host === "pending" ? "pending" : office.host === "excel";
  // A failed warm-up costs nothing: opening the tab requests the chunk again.
  useEffect(() => whenIdleAfterLoad(() => void loadFillPanel().catch(() => {})), []);
  // The help is not part of the pre-rendered first screen: it mounts once the page is hydrated, so the markup
  // rendered at build time and the first render in the browser stay the same.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <FluentProvider theme={office.dark ? webDarkTheme : webLightTheme} style={css.root}>
      {/* React 18 knows no `inert` prop: as an unknown attribute it must be a string, and absent to be off. */}
      <main aria-busy={busy} {...(busy ? { inert: "" } : {})}>
        <header style={css.header}>
          <Title2 as="h1">ITS Support Budget</Title2>
          <p style={css.muted}>
            IT support technician days, FY {CURRENT_RATES.fiscalYear} rates (ITS memo of {CURRENT_RATES.source.date}).
          </p>
        </header>
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="What to do" />
        <div id={panelId(tab)} role="tabpanel" aria-labelledby={tabId(tab)} style={css.panel}>
          {tab === "quote" ? (
            <QuotePanel canWrite={canWrite} addQuote={addQuote} />
          ) : tab === "fill" ? (
            <Suspense fallback={<Text role="status">Loading the bulk fill...</Text>}>
              <FillPanel />
              <PortablePanel />
            </Suspense>
          ) : (
            <Suspense fallback={<Text role="status">Loading the review...</Text>}>
              <ReviewPanel />
            </Suspense>
          )}
        </div>
        {hydrated && (
          <Suspense fallback={null}>
            <HelpSection />
          </Suspense>
        )}
      </main>
    </FluentProvider>
  );
}
