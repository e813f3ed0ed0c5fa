/** Style attributes of pre-rendered markup as CSS rules (see styleAttributesToRules). */

/** The attribute that stands in for a pre-rendered element's `style` attribute. */
export const PRERENDERED_STYLE = "data-prerendered-style";

const ENTITIES: Record<string, string> = { "&quot;": '"', "&#x27;": "'", "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/**
 * The CSP blocks style attributes in markup (React sets them through CSSOM, which it allows), so each distinct
 * `style="..."` becomes `data-prerendered-style="n"` and a rule `[data-prerendered-style="n"]{...}`. Hydration
 * neither checks nor re-applies style attributes, and later changes go through CSSOM on top of these rules.
 */
export function styleAttributesToRules(markup: string): { markup: string; css: string } {
  const ids = new Map<string, number>();
  const rewritten = markup.replace(/ style="([^"]*)"/g, (_, declarations: string) => {
    if (!ids.has(declarations)) ids.set(declarations, ids.size);
    return ` ${PRERENDERED_STYLE}="${ids.get(declarations)}"`;
  });
  const css = [...ids].map(([declarations, id]) => `[${PRERENDERED_STYLE}="${id}"]{${declarations.replace(/&(quot|#x27|amp|lt|gt);/g, (e) => ENTITIES[e])}}`);
  return { markup: rewritten, css: css.join("") };
}
