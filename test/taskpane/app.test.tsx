/** @jest-environment jsdom */
/**
 * The pane's shell: three tabs (Quote, Fill a sheet, Review a budget), each panel's chunk loaded when its tab
 * opens, the "without the add-in" command under the fill, and Help at the bottom once the page is hydrated.
 */
import "@testing-library/jest-dom";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import type { OfficeStatus } from "../../src/taskpane/office";

jest.mock("../../src/taskpane/fill/FillPanel", () => ({ FillPanel: () => <p>the fill</p> }));
jest.mock("../../src/taskpane/portable/PortablePanel", () => ({ PortablePanel: () => <p>without the add-in</p> }));
jest.mock("../../src/taskpane/review/ReviewPanel", () => ({ ReviewPanel: () => <p>the review</p> }));

const office: OfficeStatus = { host: "excel", dark: false };

test("three tabs; the fill tab holds the fill and the portable command, the review tab the review; Help is at the bottom", async () => {
  const user = userEvent.setup();
  render(<App office={office} addQuote={jest.fn()} />);
  expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Quote", "Fill a sheet", "Review a budget"]);
  expect(await screen.findByRole("button", { name: "Help and diagnostics" })).toBeVisible();

  await user.click(screen.getByRole("tab", { name: "Fill a sheet" }));
  expect(await screen.findByText("the fill")).toBeVisible();
  expect(await screen.findByText("without the add-in")).toBeVisible();
  expect(screen.queryByText("the review")).toBeNull();

  await user.click(screen.getByRole("tab", { name: "Review a budget" }));
  expect(await screen.findByText("the review")).toBeVisible();
  expect(screen.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", screen.getByRole("tab", { name: "Review a budget" }).id);
});
