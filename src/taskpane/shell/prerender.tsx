/**
 * The pane's first screen rendered at build time (scripts/prerender-pane.js runs this in Node for webpack), so
 * taskpane.html paints before any JavaScript has run; index.tsx hydrates it. The styles come out as the
 * <style> elements Griffel and FluentProvider would have inserted, which the page's CSP allows by their hashes.
 */
import { createDOMRenderer, renderToStyleElements } from "@fluentui/react-components";
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { PaneRoot } from "./PaneRoot";
import { styleAttributesToRules } from "./styleAttributes";

/** The first screen's markup (for #root) and the <style> elements for the page's <head>. */
export function prerenderPane(): { markup: string; styles: string } {
  const renderer = createDOMRenderer();
  const { markup, css } = styleAttributesToRules(renderToString(<PaneRoot renderer={renderer} />));
  // After Griffel's buckets, so that like an inline style it wins over component classes of equal specificity.
  const styles = renderToStaticMarkup(
    <>
      {renderToStyleElements(renderer)}
      <style data-prerendered-styles="" dangerouslySetInnerHTML={{ __html: css }} />
    </>,
  );
  return { markup, styles };
}
