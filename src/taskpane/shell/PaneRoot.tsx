/** The pane's React tree, the same at build time (pre-rendered into taskpane.html) and in the browser (hydrated). */
import { type GriffelRenderer, RendererProvider } from "@fluentui/react-components";
import { Pane } from "../Pane";

/**
 * In the browser the renderer's cache is filled from the pre-rendered <style> elements (RendererProvider
 * rehydrates it), so Griffel inserts only the rules the page does not have yet.
 */
export function PaneRoot({ renderer }: { renderer: GriffelRenderer }) {
  return (
    <RendererProvider renderer={renderer}>
      <Pane />
    </RendererProvider>
  );
}
