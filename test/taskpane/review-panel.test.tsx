/** @jest-environment jsdom */
/**
 * The "Review a budget" tab on the Excel emulation (the real adapter, installed as the page's Office and Excel):
 * columns found by header, counts per kind, a confirmation naming the cells and the sheet, and nothing written
 * without it.
 */
import "@testing-library/jest-dom";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { ReviewPanel } from "../../src/taskpane/review/ReviewPanel";
import { cellChanges } from "../safety/workbookDiff";

// jsdom has no layout: Fluent's MessageBar watches its size with ResizeObserver, which never fires here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

jest.setTimeout(30_000);

const budget = () => [
  ["Site", "Students", "Days bought", "Option", "Cost"],
  ["Alpha ES", 523, 3, "Full Year", 78452],
  ["Beta ES", 523, 2, "Full Year", 52301],
  ["Gamma MS", 250, 2, "Outside Summer", 50000],
  ["Delta HS", 150, 1, "Summer Only", 1125],
];

function setup(): { book: EmulatedWorkbook; user: ReturnType<typeof userEvent.setup>; container: HTMLElement } {
  const book = createWorkbook({ sheets: { Budgets: budget() } });
  installEmulatedOffice(globalThis, book);
  const user = userEvent.setup();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <ReviewPanel />
    </FluentProvider>,
  );
  return { book, user, container: view.container };
}

const countOf = (label: string) => within(screen.getAllByRole("table", { name: "Findings per kind" })[0]).getByRole("row", { name: new RegExp(`^${label}`) });

test("reads the budget, finds the columns, counts the findings, and writes only after the confirmation naming the cells and the sheet", async () => {
  const { book, user } = setup();
  const before = book.snapshot();
  await user.click(screen.getByRole("button", { name: "Read budget" }));
  expect(await screen.findByText("Found 4 rows in Budgets!A1:E5.")).toBeVisible();
  expect(screen.getByRole("combobox", { name: "Site name column" })).toHaveDisplayValue("A: Site");
  expect(screen.getByRole("combobox", { name: "Enrollment column" })).toHaveDisplayValue("B: Students");
  expect(screen.getByRole("combobox", { name: "Days bought column" })).toHaveDisplayValue("C: Days bought");
  expect(screen.getByRole("combobox", { name: "Option column" })).toHaveDisplayValue("D: Option");
  expect(screen.getByRole("combobox", { name: "Cost column" })).toHaveDisplayValue("E: Cost");

  expect(countOf("Days below the recommendation for the enrollment")).toHaveTextContent(/1$/);
  expect(countOf("Cost is not the memo's price")).toHaveTextContent(/1$/);
  expect(countOf("Option is none")).toHaveTextContent(/0$/);
  expect(countOf("No finding")).toHaveTextContent(/2$/);
  expect(screen.getByText(/Row 3 \(Beta ES\): Days 2 is below the memo's recommendation for 523 students: 3 days\./)).toBeVisible();
  expect(screen.getByText(/Row 4 \(Gamma MS\): Cost \$50,000 is not the memo's price for 2 days Outside Summer: \$50,008\./)).toBeVisible();

  const totals = screen.getByRole("table", { name: "Encumbrance per option" });
  expect(within(totals).getByRole("row", { name: "Full Year 2 $130,753" })).toBeVisible();
  expect(within(totals).getByRole("row", { name: "Outside Summer 1 $50,000" })).toBeVisible();
  expect(within(totals).getByRole("row", { name: "Summer Only 1 $1,125" })).toBeVisible();

  await user.click(screen.getByRole("button", { name: "Review 4 rows" }));
  const dialog = screen.getByRole("alertdialog", { name: "Write the findings?" });
  expect(dialog).toHaveTextContent('Writes the findings in column F of "Budgets", cells F1:F5, which are all empty now. Adds a new sheet "ITS Review" with the counts and totals. No other cell changes.');
  expect(book.snapshot()).toEqual(before);

  await user.click(within(dialog).getByRole("button", { name: "Write findings" }));
  expect(await screen.findByText(/2 rows with findings and 2 rows OK, in column "ITS review" \(F1:F5\) of "Budgets"/)).toBeVisible();
  expect(countOf("Cost is not the memo's price")).toHaveTextContent(/1$/);
  expect(book.values("Budgets", "F1:F5").map((r) => r[0])).toEqual([
    "ITS review",
    "OK",
    "Days 2 is below the memo's recommendation for 523 students: 3 days.",
    "Cost $50,000 is not the memo's price for 2 days Outside Summer: $50,008.",
    "OK",
  ]);
  expect(cellChanges(before, book.snapshot()).filter((c) => c.overwrote)).toEqual([]);
  expect(book.sheetNames()).toEqual(["Budgets", "ITS Review"]);
});

test("Don't write changes nothing", async () => {
  const { book, user } = setup();
  const before = book.snapshot();
  await user.click(screen.getByRole("button", { name: "Read budget" }));
  await user.click(await screen.findByRole("button", { name: "Review 4 rows" }));
  await user.click(screen.getByRole("button", { name: "Don't write" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(book.snapshot()).toEqual(before);
});

test("a cell typed where the findings would go after the confirmation was shown: nothing is written, and the pane asks again about the new cells", async () => {
  const { book, user } = setup();
  await user.click(screen.getByRole("button", { name: "Read budget" }));
  await user.click(await screen.findByRole("button", { name: "Review 4 rows" }));
  expect(screen.getByRole("alertdialog")).toHaveTextContent("cells F1:F5");
  act(() => book.userTypes("Budgets", "F3", "call the principal"));
  const before = book.snapshot();
  await user.click(screen.getByRole("button", { name: "Write findings" }));
  const again = await screen.findByRole("alertdialog", { name: "Write the findings?" });
  expect(again).toHaveTextContent('column G of "Budgets", cells G1:G5');
  expect(book.snapshot()).toEqual(before);
  await user.click(within(again).getByRole("button", { name: "Write findings" }));
  await screen.findByText(/in column "ITS review" \(G1:G5\)/);
  expect(book.value("Budgets", "F3")).toBe("call the principal");
  expect(book.value("Budgets", "G4")).toBe("Cost $50,000 is not the memo's price for 2 days Outside Summer: $50,008.");
});

test("a required column not found says so, and Review waits for a choice", async () => {
  const book = createWorkbook({ sheets: { Budgets: [["Site", "Students", "Days bought", "Plan", "Cost"], ["A", 100, 1, "Full Year", 26151]] } });
  installEmulatedOffice(globalThis, book);
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <ReviewPanel />
    </FluentProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Read budget" }));
  expect(await screen.findByText("No header looks like the option column. Choose it.")).toBeVisible();
  expect(screen.getByRole("button", { name: "Review 1 row" })).toBeDisabled();
  await user.selectOptions(screen.getByRole("combobox", { name: "Option column" }), "D: Plan");
  expect(screen.getByRole("button", { name: "Review 1 row" })).toBeEnabled();
  expect(countOf("No finding")).toHaveTextContent(/1$/);
});

test("axe finds no violations with the counts and the confirmation shown", async () => {
  const { user, container } = setup();
  await user.click(screen.getByRole("button", { name: "Read budget" }));
  await user.click(await screen.findByRole("button", { name: "Review 4 rows" }));
  let results: axe.AxeResults | undefined;
  await act(async () => {
    results = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  });
  expect(results!.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
