/** @jest-environment jsdom */
/**
 * "Check this Excel" stays out of the pane's first paint: HelpSection loads it only when Help is opened, so
 * webpack gives it a chunk of its own (a module reached only through import() is split off).
 */
import "@testing-library/jest-dom";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { HelpSection } from "../../src/taskpane/help/HelpSection";

// A static import of CheckExcel would run this factory while HelpSection is imported, before the flag exists,
// and fail the file with a ReferenceError.
let mockCheckLoaded = false;
jest.mock("../../src/taskpane/help/CheckExcel", () => {
  mockCheckLoaded = true;
  return { CheckExcel: () => <p>the check</p> };
});

test("the check's module is loaded when Help opens, not before", async () => {
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <HelpSection />
    </FluentProvider>,
  );
  expect(mockCheckLoaded).toBe(false);
  await user.click(screen.getByRole("button", { name: "Help and diagnostics" }));
  expect(await screen.findByText("the check")).toBeVisible();
  expect(mockCheckLoaded).toBe(true);
});
