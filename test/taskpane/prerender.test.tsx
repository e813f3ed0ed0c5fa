/** @jest-environment jsdom */
/**
 * The first screen pre-rendered into taskpane.html at build time: rendered in Node exactly as the build does
 * (scripts/prerender-pane.js), it hydrates in the browser without a mismatch and then goes live.
 */
import "@testing-library/jest-dom";
import { execFileSync } from "child_process";
import path from "path";
import { act, screen, waitFor } from "@testing-library/react";
import { createDOMRenderer } from "@fluentui/react-components";
import { hydrateRoot } from "react-dom/client";
import { PaneRoot } from "../../src/taskpane/shell/PaneRoot";
import { PRERENDERED_STYLE, styleAttributesToRules } from "../../src/taskpane/shell/styleAttributes";

jest.setTimeout(60_000);

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

describe("style attributes of the pre-rendered markup (the CSP blocks them in HTML)", () => {
  test("become one rule per distinct style, with React's escaping undone inside the rule", () => {
    const { markup, css } = styleAttributesToRules(
      '<div style="color:red;margin:0"><p style="font-family:&quot;Segoe UI&quot;, &#x27;A&amp;B&#x27;">x</p><p style="color:red;margin:0">y</p></div>',
    );
    expect(markup).toBe(`<div ${PRERENDERED_STYLE}="0"><p ${PRERENDERED_STYLE}="1">x</p><p ${PRERENDERED_STYLE}="0">y</p></div>`);
    expect(css).toBe(`[${PRERENDERED_STYLE}="0"]{color:red;margin:0}[${PRERENDERED_STYLE}="1"]{font-family:"Segoe UI", 'A&B'}`);
  });
});

describe("the pre-rendered pane", () => {
  const { markup, styles } = JSON.parse(
    execFileSync(process.execPath, [path.resolve(__dirname, "../../scripts/prerender-pane.js")], { encoding: "utf8", maxBuffer: 2 ** 24 }),
  ) as { markup: string; styles: string };

  test("is the quote form, with no style attribute, marked busy until hydrated", () => {
    document.body.innerHTML = `<div id="root">${markup}</div>`;
    expect(screen.getByRole("heading", { name: "ITS Support Budget" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Site name/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add to budget sheet" })).toBeInTheDocument();
    expect(document.querySelector("main")).toHaveAttribute("aria-busy", "true");
    expect(document.querySelectorAll("[style]")).toHaveLength(0);
    expect(styles).toContain("data-make-styles-bucket");
  });

  /**
   * The markup with its style attributes put back from the rules that replaced them: in development React reports
   * only the first mismatch of a hydration, and the missing style attributes would hide any other.
   */
  function withStyleAttributes(): string {
    const rules = new Map([...styles.matchAll(new RegExp(`\\[${PRERENDERED_STYLE}="(\\d+)"\\]\\{([^}]*)\\}`, "g"))].map((m) => [m[1], m[2]]));
    return markup.replace(new RegExp(`${PRERENDERED_STYLE}="(\\d+)"`, "g"), (_, id: string) => `style="${rules.get(id)!.replace(/"/g, "&quot;")}"`);
  }

  test("hydrates without a mismatch, keeps its server-rendered nodes and goes live", async () => {
    document.head.innerHTML = styles;
    document.body.innerHTML = `<div id="root">${withStyleAttributes()}</div>`;
    expect(document.querySelectorAll("[style]").length).toBeGreaterThan(3);
    const heading = screen.getByRole("heading", { name: "ITS Support Budget" });
    const recoverable = jest.fn();
    const consoleError = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      await act(async () => {
        hydrateRoot(document.getElementById("root")!, <PaneRoot renderer={createDOMRenderer()} />, { onRecoverableError: recoverable });
      });
      await waitFor(() => expect(document.querySelector("main")).toHaveAttribute("aria-busy", "false"));
      expect(recoverable).not.toHaveBeenCalled();
      expect(consoleError).not.toHaveBeenCalled();
      expect(screen.getByRole("heading", { name: "ITS Support Budget" })).toBe(heading);
      // Outside Office (no office.js here) the pane says so once it is live.
      await screen.findByText(/Adding to a sheet needs Excel/);
    } finally {
      consoleError.mockRestore();
    }
  });
});
