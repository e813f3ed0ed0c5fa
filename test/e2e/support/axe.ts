/** Runs axe-core (from node_modules, no network) on a page; returns serious and critical violations. */
import { readFileSync } from "fs";
import type { Page } from "playwright-core";

export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pane's CSP (rightly) refuses an injected <script>.
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    // Fluent's focus manager (tabster) puts aria-hidden <i tabindex=0 data-tabster-dummy> guards around
    // arrow-key groups such as the TabList; they pass focus on at once and are never a stop, so axe's
    // aria-hidden-focus on them is a false alarm. Everything else on the page is checked.
    const result = await axe.run({ include: [document], exclude: [["[data-tabster-dummy]"]] } as never, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(", ")}`);
}
