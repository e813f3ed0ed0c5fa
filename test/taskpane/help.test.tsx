/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ReactElement } from "react";
import { CHECKS, type CheckResult, type DiagnosticReport, reportText } from "../../src/workbook/diagnostic/checks";
import { CheckExcel } from "../../src/taskpane/help/CheckExcel";
import { HelpSection } from "../../src/taskpane/help/HelpSection";

jest.setTimeout(30000);

// jsdom has no layout: Fluent's MessageBar watches its size with ResizeObserver, which never fires here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const report: DiagnosticReport = {
  ranAt: "2026-12-02T15:40:12.000Z",
  excel: "Excel on PC, version 16.0.17928.20114; ExcelApi 1.17",
  results: CHECKS.map((c): CheckResult =>
    c.id === "blanksToFunctions"
      ? { id: c.id, outcome: "fail", observed: "=LAUSD.ITSDAYS of an empty cell shows 1 (1 day: the blank arrived as 0)." }
      : { id: c.id, outcome: "pass", observed: `seen for ${c.id}` },
  ),
  leftSheets: [],
};

function show(ui: ReactElement) {
  const user = userEvent.setup();
  const view = render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
  return { user, view };
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

const checkButton = () => screen.getByRole("button", { name: "Check this Excel" });

test("Help is closed at first; opened, it loads the check, which says what it will add and remove", async () => {
  const { user } = show(<HelpSection />);
  const header = screen.getByRole("button", { name: "Help and diagnostics" });
  expect(header).toHaveAttribute("aria-expanded", "false");
  expect(screen.queryByText(/Check this Excel/)).toBeNull();
  await user.click(header);
  expect(await screen.findByRole("heading", { name: "Check this Excel (for IT staff)" })).toBeVisible();
  expect(screen.getByText(/adds two scratch sheets .* runs the checks there and removes both; nothing else in the workbook changes/)).toBeVisible();
  // Outside Excel (jsdom has no office.js) the check cannot run, and says so.
  expect(checkButton()).toBeDisabled();
  expect(screen.getByText("Open the add-in in Excel to run the check.")).toBeVisible();
});

test("a run shows one row per check with its result and what it means, and copies the plain text", async () => {
  const check = jest.fn(async () => report);
  const writeText = jest.fn(async (_text: string) => undefined);
  const { user } = show(<CheckExcel check={check} inExcel />);
  // After userEvent.setup(), which puts its own clipboard stub on navigator.
  stubClipboard(writeText);
  expect(screen.queryByRole("button", { name: "Copy results" })).toBeNull();
  await user.click(checkButton());
  const table = await screen.findByRole("table", { name: "Results of Check this Excel" });
  expect(check).toHaveBeenCalledTimes(1);
  const rows = within(table).getAllByRole("row").slice(1);
  expect(rows.map((r) => within(r).getAllByRole("cell")[0].textContent)).toEqual(CHECKS.map((c) => (c.id === "blanksToFunctions" ? "Fail" : "Pass")));
  const blanks = rows[CHECKS.findIndex((c) => c.id === "blanksToFunctions")];
  expect(within(blanks).getByRole("rowheader")).toHaveTextContent("A blank cell reaches the functions as blank");
  expect(blanks).toHaveTextContent(/empty cell reaches the functions as 0.*Seen: =LAUSD\.ITSDAYS of an empty cell shows 1/);
  expect(rows[0]).toHaveTextContent("Excel behaves as the add-in assumes.Seen: seen for failedBatch");
  expect(screen.getByText(/7 checks: 6 pass, 1 fail, 0 could not run\. Excel: Excel on PC, version 16\.0\.17928\.20114; ExcelApi 1\.17\./)).toBeVisible();

  await user.click(screen.getByRole("button", { name: "Copy results" }));
  expect(writeText).toHaveBeenCalledWith(reportText(report));
  expect(writeText.mock.calls[0][0]).toContain("4. A blank cell reaches the functions as blank: FAIL");
  expect(screen.getByRole("status")).toHaveTextContent("Results copied.");
});

test("where the clipboard is refused, the results appear as selectable text", async () => {
  const { user } = show(<CheckExcel check={async () => report} inExcel />);
  stubClipboard(async () => Promise.reject(new Error("NotAllowedError: the frame may not write to the clipboard")));
  await user.click(checkButton());
  await user.click(await screen.findByRole("button", { name: "Copy results" }));
  const text = await screen.findByRole("textbox", { name: "Results as text" });
  expect(text).toHaveValue(reportText(report));
  expect(text).toHaveAttribute("readonly");
  expect(screen.getByText(/Select the text below and copy it/)).toBeVisible();
  expect(screen.getByRole("status")).toHaveTextContent("");
});

test("scratch sheets Excel would not remove are named, with how to delete them", async () => {
  const { user } = show(<CheckExcel check={async () => ({ ...report, leftSheets: ["ITS_check_20261202_154012", "FY25"] })} inExcel />);
  await user.click(checkButton());
  expect(await screen.findByText(/If the workbook has a sheet named "ITS_check_20261202_154012" or "FY25", right-click its tab and choose Delete/)).toBeVisible();
});

test("while the check runs the button waits; no accessibility violations found by axe in the results", async () => {
  let finish: (r: DiagnosticReport) => void = () => {};
  const { user, view } = show(<CheckExcel check={() => new Promise((resolve) => (finish = resolve))} inExcel />);
  await user.click(checkButton());
  expect(checkButton()).toBeDisabled();
  expect(screen.getByText("Checking this Excel...")).toBeVisible();
  await act(async () => finish(report));
  expect(checkButton()).toBeEnabled();
  let results: axe.AxeResults | undefined;
  await act(async () => {
    results = await axe.run(view.container, { rules: { "color-contrast": { enabled: false } } });
  });
  expect(results!.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
