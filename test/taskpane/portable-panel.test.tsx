/** @jest-environment jsdom */
/**
 * The "Make this sheet work without the add-in" panel on the Excel emulation with the real adapter: Check lists what
 * would change and writes nothing; Confirm converts; a sheet changed since the check is asked about again.
 */
import "@testing-library/jest-dom";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { SAMPLE_SHEET } from "../../src/preview/sample";
import { PortablePanel } from "../../src/taskpane/portable/PortablePanel";
import { liveWorkbook } from "../workbook/portable/support";

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

jest.setTimeout(30_000);

async function setup() {
  const book = await liveWorkbook();
  const user = userEvent.setup();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <PortablePanel />
    </FluentProvider>,
  );
  return { book, user, container: view.container };
}

const lausd = (formulas: unknown[][]) => formulas.flat().filter((f) => typeof f === "string" && /LAUSD\./.test(f));

test("Check names what changes and writes nothing; Confirm converts the active sheet; the pane passes axe", async () => {
  const { book, user, container } = await setup();
  const used = book.usedRange(SAMPLE_SHEET, false);
  const shown = book.values(SAMPLE_SHEET, used);
  const before = book.snapshot();
  const live = lausd(book.formulas(SAMPLE_SHEET, used)).length;
  expect(live).toBeGreaterThan(0);

  await user.click(screen.getByRole("button", { name: "Check what would change" }));
  const region = await screen.findByRole("region", { name: "What would change" });
  expect(within(region).getByText(new RegExp(`^${live} cells on "${SAMPLE_SHEET}" become portable formulas over the rates sheet: "Recommended days" \\(E, ${live} cells\\)\\.$`))).toBeVisible();
  expect(within(region).getByText(/^First: E2, E3, E4, E5, E6 and \d+ more\.$/)).toBeVisible();
  expect(within(region).getByText('Adds the sheet "ITS Rates FY2025-26" (the memo\'s rates, which the portable formulas read).')).toBeVisible();
  expect(book.snapshot()).toEqual(before);
  const confirm = screen.getByRole("button", { name: `Confirm: change ${live} cells` });
  expect(confirm).toHaveFocus();
  expect((await axe.run(container)).violations.map((v) => v.id)).toEqual([]);

  await user.click(confirm);
  expect(await screen.findByText(`${live} cells on "${SAMPLE_SHEET}" no longer need the add-in.`)).toBeVisible();
  expect(lausd(book.formulas(SAMPLE_SHEET, used))).toEqual([]);
  expect(book.values(SAMPLE_SHEET, used)).toEqual(shown);
});

test("values mode; a sheet changed between Check and Confirm is asked about again, with nothing written", async () => {
  const { book, user } = await setup();
  await user.click(screen.getByRole("radio", { name: /^Values/ }));
  await user.click(screen.getByRole("button", { name: "Check what would change" }));
  await screen.findByRole("region", { name: "What would change" });
  book.userTypes(SAMPLE_SHEET, "J2", "=LAUSD.ITSDAYS(C2)");
  const before = book.snapshot();
  await user.click(screen.getByRole("button", { name: /^Confirm: change/ }));
  expect(await screen.findByText("The sheet changed since the check")).toBeVisible();
  expect(book.snapshot()).toEqual(before);
  await user.click(screen.getByRole("button", { name: /^Confirm: change/ }));
  expect(await screen.findByText(/no longer need the add-in/)).toBeVisible();
  expect(book.formulas(SAMPLE_SHEET, "J2")).toEqual([[1]]);
});
