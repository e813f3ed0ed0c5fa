/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { BAND_READING, FULL_TIME_NOTE, REMOTE_ONLY_NOTE } from "../../src/core";
import { App } from "../../src/taskpane/App";
import type { OfficeStatus } from "../../src/taskpane/office";
import { type AddQuote, QuotePanel } from "../../src/taskpane/quote/QuotePanel";
import { TWO_YEARS } from "../support/fy2026-27.fake";

// Typing through user-event is slow on a busy machine; these tests are about behavior, not speed.
jest.setTimeout(30000);

// jsdom has no layout: Fluent's MessageBar watches its size with ResizeObserver, which never fires here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const inExcel: OfficeStatus = { host: "excel", dark: false };
const added: Awaited<ReturnType<AddQuote>> = { kind: "plan", action: "added", sheet: "ITS Budget", row: 2, plan: { steps: [] } };

function setup(office: OfficeStatus = inExcel, addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>(async () => added)) {
  const user = userEvent.setup();
  const view = render(<App office={office} addQuote={addQuote} />);
  return { user, addQuote, view };
}
const addButton = () => screen.getByRole("button", { name: /add to budget sheet/i });
const daysGroup = () => screen.getByRole("radiogroup", { name: /days a week to buy|outside summer days a week/i });
const dayRadio = (n: number) => within(daysGroup()).getByRole("radio", { name: `${n} ${n === 1 ? "day" : "days"} a week` });
const total = () => screen.getByText(/^Quote total:/);

async function fillSchool(user: ReturnType<typeof userEvent.setup>, site = "Lincoln HS", enrollment = "523") {
  await user.type(screen.getByRole("textbox", { name: /site name/i }), site);
  await user.type(screen.getByRole("textbox", { name: /enrollment/i }), enrollment);
}

describe("a school quote", () => {
  test("shows the recommendation with its band and the 200 rule, and defaults the days to it", async () => {
    const { user } = setup();
    await fillSchool(user);
    const rec = screen.getByRole("status", { name: "Recommendation" });
    expect(rec).toHaveTextContent("ITS recommends 3 days a week");
    expect(rec).toHaveTextContent("401-600 students → 3 days");
    expect(rec).toHaveTextContent(BAND_READING);
    expect(dayRadio(3)).toBeChecked();
    await user.clear(screen.getByRole("textbox", { name: /enrollment/i }));
    await user.type(screen.getByRole("textbox", { name: /enrollment/i }), "200");
    expect(screen.getByRole("status", { name: "Recommendation" })).toHaveTextContent("200 or fewer students → 1 day");
    expect(dayRadio(1)).toBeChecked();
  });

  test("compares all three options for the chosen days and totals the chosen one, live", async () => {
    const { user } = setup();
    await fillSchool(user);
    const table = screen.getByRole("table", { name: "Cost of 3 days a week under each option" });
    const rows = within(table).getAllByRole("row").slice(1).map((r) => r.textContent);
    expect(rows).toEqual(["Full Year (chosen)Jul 1 - Jun 30$78,452", "Outside SummerJul 17 - Jun 30$75,013", "Summer OnlyJul 1 - Jul 16$3,376"]);
    expect(total()).toHaveTextContent("Quote total: $78,452 a year (Full Year)");
    await user.click(screen.getByRole("radio", { name: /^Outside Summer \(July 17 through June 30\)/ }));
    expect(total()).toHaveTextContent("Quote total: $75,013 a year (Outside Summer)");
    await user.click(dayRadio(4));
    expect(screen.getByRole("table", { name: "Cost of 4 days a week under each option" })).toHaveTextContent("$100,017");
    expect(total()).toHaveTextContent("$100,017");
  });

  test("warns gently below the recommendation, explains 0 and 5 days", async () => {
    const { user } = setup();
    await fillSchool(user);
    expect(screen.queryByText(/Fewer days than ITS recommends/)).toBeNull();
    await user.click(dayRadio(2));
    expect(screen.getByText("Fewer days than ITS recommends for this enrollment (3 a week). Expect slower on-site help.")).toBeVisible();
    await user.click(dayRadio(0));
    expect(screen.getByText(REMOTE_ONLY_NOTE)).toBeVisible();
    expect(total()).toHaveTextContent("Quote total: $0 a year");
    await user.click(dayRadio(5));
    expect(screen.getByText(FULL_TIME_NOTE)).toBeVisible();
    expect(screen.queryByText(REMOTE_ONLY_NOTE)).toBeNull();
    // Back to the recommendation, which then follows the enrollment again.
    await user.click(screen.getByRole("button", { name: "Use the recommended 3 days a week" }));
    expect(dayRadio(3)).toBeChecked();
    await user.type(screen.getByRole("textbox", { name: /enrollment/i }), "0");
    expect(dayRadio(5)).toBeChecked();
    expect(screen.queryByRole("button", { name: /Use the recommended/ })).toBeNull();
  });

  test("a split adds Summer Only days to Outside Summer days", async () => {
    const { user } = setup();
    await fillSchool(user);
    await user.click(screen.getByRole("radio", { name: /^Split/ }));
    expect(daysGroup()).toHaveAccessibleName("Outside Summer days a week");
    await user.click(within(screen.getByRole("radiogroup", { name: /Summer Only days a week/ })).getByRole("radio", { name: "1 day a week in summer" }));
    expect(total()).toHaveTextContent("Quote total: $76,138 a year (Outside Summer 3 days + Summer Only 1 day)");
  });
});

describe("validation at the field", () => {
  test.each([
    ["abc", /Enrollment must be a number; "abc" is text/],
    ["-5", /Enrollment cannot be negative/],
  ])("enrollment %p shows a message and disables the action", async (input, message) => {
    const { user } = setup();
    await fillSchool(user, "Lincoln HS", input);
    const field = screen.getByRole("textbox", { name: /enrollment/i });
    expect(field).toHaveAccessibleDescription(message);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(addButton()).toBeDisabled();
    expect(screen.queryByRole("status", { name: "Recommendation" })).toBeNull();
  });

  test("blank site and blank enrollment say what to enter once touched; nothing throws", async () => {
    const { user } = setup();
    expect(addButton()).toBeDisabled();
    expect(screen.getByText(/To add the quote: Enter the site's name/)).toBeVisible();
    await user.click(screen.getByRole("textbox", { name: /site name/i }));
    await user.tab();
    expect(screen.getByRole("textbox", { name: /site name/i })).toHaveAccessibleDescription(/Enter the site's name/);
    await user.click(screen.getByRole("textbox", { name: /enrollment/i }));
    await user.tab();
    expect(screen.getByRole("textbox", { name: /enrollment/i })).toHaveAccessibleDescription(/Enter the school's enrollment/);
    await user.type(screen.getByRole("textbox", { name: /site name/i }), "   ");
    expect(addButton()).toBeDisabled();
  });
});

describe("an office or Virtual Academy", () => {
  test("has no enrollment: days are chosen directly, then priced", async () => {
    const { user } = setup();
    await user.type(screen.getByRole("textbox", { name: /site name/i }), "Region East");
    await user.click(screen.getByRole("radio", { name: /Office or Virtual Academy/ }));
    expect(screen.queryByRole("textbox", { name: /enrollment/i })).toBeNull();
    expect(addButton()).toBeDisabled();
    expect(screen.getByText(/Choose how many days a week to buy/)).toBeVisible();
    await user.click(dayRadio(5));
    expect(total()).toHaveTextContent("Quote total: $130,753 a year (Full Year)");
    expect(screen.getByText(FULL_TIME_NOTE)).toBeVisible();
    expect(screen.queryByText(/Fewer days/)).toBeNull();
    expect(addButton()).toBeEnabled();
  });
});

describe("adding to the budget sheet", () => {
  test("sends the quote and the options, then says where it went", async () => {
    const { user, addQuote } = setup();
    await fillSchool(user);
    await user.click(screen.getByRole("radio", { name: /^Outside Summer/ }));
    await user.click(addButton());
    expect(addQuote).toHaveBeenCalledWith(
      { site: "Lincoln HS", kind: "school", enrollment: 523, purchase: { kind: "single", option: 2, days: 3 } },
      { sheetName: "ITS Budget", formulas: true, confirmUpdate: false, fiscalYear: "2025-26" },
    );
    expect(await screen.findByText('Lincoln HS: $75,013 a year at FY 2025-26 rates, row 2 of sheet "ITS Budget".')).toBeVisible();
    expect(addButton()).toHaveFocus();
  });

  test("plain numbers when live formulas are unchecked", async () => {
    const { user, addQuote } = setup();
    await fillSchool(user);
    await user.click(screen.getByRole("checkbox", { name: /Live formulas/ }));
    await user.click(addButton());
    expect(addQuote.mock.calls[0][1].formulas).toBe(false);
  });

  test("an existing site is updated only after the user confirms", async () => {
    const addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>()
      .mockResolvedValueOnce({ kind: "confirmUpdate", sheet: "ITS Budget", row: 4, current: "Full Year, 3 days a week, $78,452" })
      .mockResolvedValueOnce({ ...added, action: "updated", row: 4 });
    const { user } = setup(inExcel, addQuote);
    await fillSchool(user);
    await user.click(addButton());
    expect(await screen.findByText(/Row 4 of "ITS Budget" has Full Year, 3 days a week, \$78,452\. Replace it/)).toBeVisible();
    const update = screen.getByRole("button", { name: "Update row 4" });
    expect(update).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(addQuote).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ confirmUpdate: true }));
    expect(await screen.findByText("Updated")).toBeVisible();
  });

  test("keeping the existing row writes nothing", async () => {
    const addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>().mockResolvedValue({ kind: "confirmUpdate", sheet: "ITS Budget", row: 2, current: "x" });
    const { user } = setup(inExcel, addQuote);
    await fillSchool(user);
    await user.click(addButton());
    await user.click(await screen.findByRole("button", { name: "Keep the existing row" }));
    expect(addQuote).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: /Update row/ })).toBeNull();
  });

  test("a foreign ITS Budget sheet: asks, offers a new name, checks it, then uses it", async () => {
    const addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>()
      .mockResolvedValueOnce({ kind: "sheetNotOurs", sheet: "ITS Budget", suggestedName: "ITS Budget 2" })
      .mockResolvedValueOnce({ ...added, sheet: "ITS Budget 2" });
    const { user } = setup(inExcel, addQuote);
    await fillSchool(user);
    await user.click(addButton());
    expect(await screen.findByText(/already holds data this add-in did not write, so nothing was changed/)).toBeVisible();
    const name = screen.getByRole("textbox", { name: "New sheet name" });
    expect(name).toHaveValue("ITS Budget 2");
    const create = screen.getByRole("button", { name: "Create sheet and add" });
    await user.clear(name);
    await user.type(name, "Its budget");
    expect(name).toHaveAccessibleDescription(/already exists/);
    expect(create).toBeDisabled();
    await user.clear(name);
    await user.type(name, "Budget a/b");
    expect(create).toBeDisabled();
    await user.clear(name);
    await user.type(name, "ITS Budget 2");
    await user.click(create);
    expect(addQuote).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ sheetName: "ITS Budget 2" }));
    expect(await screen.findByText(/row 2 of sheet "ITS Budget 2"/)).toBeVisible();
  });

  test("a blocked add shows the planner's problem", async () => {
    const message = "The row below the ITS Budget table holds data. Move it.";
    const { user } = setup(inExcel, jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>(async () => ({ kind: "blocked", message })));
    await fillSchool(user);
    await user.click(addButton());
    expect(await screen.findByText(message)).toBeVisible();
    expect(screen.getByText("Not added")).toBeVisible();
  });

  test.each([
    ["cellEdit", "Excel is busy editing a cell. Finish editing the cell (press Enter or Esc).", "Excel is busy editing a cell. Finish editing the cell (press Enter or Esc). Then click Add to budget sheet again."],
    ["excelTooOld", "This Excel is too old for the add-in.", "This Excel is too old for the add-in."],
    ["unknown", "Excel stopped (x).", "Excel stopped (x). Check the ITS Budget sheet, then click Add to budget sheet again: adding the same site again updates its row instead of duplicating it."],
  ] as const)("a failed add (%s) shows Excel's remedy and how to try again from this pane", async (problem, remedy, shown) => {
    const { user } = setup(inExcel, jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>(async () => ({ kind: "failed", failure: { problem, remedy, detail: "x" } })));
    await fillSchool(user);
    await user.click(addButton());
    expect(await screen.findByText(shown)).toBeVisible();
    expect(screen.getByText("Not added")).toBeVisible();
  });
});

describe("the pane outside Excel", () => {
  test("renders, quotes, and says adding needs Excel", async () => {
    const { user } = setup({ host: "none", dark: false });
    await fillSchool(user);
    expect(total()).toHaveTextContent("$78,452");
    expect(screen.getByText(/Adding to a sheet needs Excel/)).toBeVisible();
    expect(addButton()).toBeDisabled();
  });

  test("while Office is still answering, the button waits without claiming Excel is missing", () => {
    setup({ host: "pending", dark: false });
    expect(screen.queryByText(/needs Excel/)).toBeNull();
  });
});

test("the Fill a sheet tab shows the bulk fill panel, and back", async () => {
  const { user } = setup();
  await user.click(screen.getByRole("tab", { name: "Fill a sheet" }));
  expect(screen.queryByRole("textbox", { name: /site name/i })).toBeNull();
  // The bulk fill loads on demand; wait until the spinner gives way to it.
  await waitFor(() => expect(screen.queryByText(/Loading the bulk fill/)).toBeNull());
  expect(screen.getByRole("tabpanel").textContent).not.toBe("");
  expect(screen.getByRole("tabpanel")).toHaveAttribute("aria-labelledby", "tab-fill");
  await user.click(screen.getByRole("tab", { name: "Quote" }));
  expect(screen.getByRole("textbox", { name: /site name/i })).toBeVisible();
});

// Tab order is proven in a real browser (test/e2e): jsdom cannot run Fluent's focus manager (tabster).
// Here: every control answers the keyboard once focused, with no pointer event at all.
test("every control of a quote works from the keyboard", async () => {
  const { user, addQuote } = setup();
  const focus = (el: HTMLElement) => act(() => el.focus());
  focus(screen.getByRole("textbox", { name: /site name/i }));
  await user.keyboard("Region East");
  focus(screen.getByRole("radio", { name: /^School/ }));
  await user.keyboard("{ArrowDown}");
  expect(screen.getByRole("radio", { name: /Office or Virtual Academy/ })).toBeChecked();
  focus(dayRadio(0));
  await user.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}");
  expect(dayRadio(5)).toBeChecked();
  focus(screen.getByRole("radio", { name: /^Full Year/ }));
  await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}");
  expect(screen.getByRole("radio", { name: /^Split/ })).toBeChecked();
  focus(within(screen.getByRole("radiogroup", { name: /Summer Only days a week/ })).getByRole("radio", { name: "0 days a week in summer" }));
  await user.keyboard("{ArrowRight}{ArrowRight}");
  focus(screen.getByRole("checkbox", { name: /Live formulas/ }));
  await user.keyboard(" ");
  expect(screen.getByRole("checkbox", { name: /Live formulas/ })).not.toBeChecked();
  focus(addButton());
  await user.keyboard("{Enter}");
  expect(addQuote).toHaveBeenCalledWith(
    { site: "Region East", kind: "office", enrollment: null, purchase: { kind: "split", outsideSummerDays: 5, summerOnlyDays: 2 } },
    { sheetName: "ITS Budget", formulas: false, confirmUpdate: false, fiscalYear: "2025-26" },
  );
});

test("no accessibility violations found by axe, form filled and warning shown", async () => {
  const { user, view } = setup();
  await fillSchool(user);
  await user.click(dayRadio(0));
  // color-contrast needs layout, which jsdom lacks; the browser test checks it.
  let results: axe.AxeResults | undefined;
  await act(async () => {
    results = await axe.run(view.container, { rules: { "color-contrast": { enabled: false } } });
  });
  expect(results!.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

describe("the fiscal year", () => {
  const yearChooser = () => screen.queryByRole("combobox", { name: "Fiscal year" });

  test("with one bundled year the pane says which it uses, and offers no choice", () => {
    setup();
    expect(screen.getByText(/^FY 2025-26 rates \(ITS memo of /)).toBeVisible();
    expect(yearChooser()).toBeNull();
  });

  /** The quote panel with the real FY 2025-26 and the made-up FY 2026-27 (test/support/fy2026-27.fake.ts). */
  function twoYears(addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>(async () => added)) {
    const user = userEvent.setup();
    render(<QuotePanel canWrite={true} addQuote={addQuote} rateTables={TWO_YEARS} />);
    return { user, addQuote };
  }

  test("with two years the newest is chosen; choosing the other re-prices what is shown and what is sent", async () => {
    const { user, addQuote } = twoYears();
    expect(yearChooser()).toHaveValue("2026-27");
    await fillSchool(user, "Lincoln HS", "300");
    // Made-up 2026-27 bands: 300 students is 1 day.
    expect(dayRadio(1)).toBeChecked();
    expect(total()).toHaveTextContent("Quote total: $11,111 a year");
    await user.selectOptions(yearChooser()!, "2025-26");
    expect(dayRadio(2)).toBeChecked();
    expect(total()).toHaveTextContent("Quote total: $52,301 a year");
    await user.click(addButton());
    expect(addQuote).toHaveBeenLastCalledWith(
      { site: "Lincoln HS", kind: "school", enrollment: 300, purchase: { kind: "single", option: 1, days: 2 } },
      expect.objectContaining({ fiscalYear: "2025-26" }),
    );
    expect(await screen.findByText(/\$52,301 a year at FY 2025-26 rates/)).toBeVisible();
  });

  test("a budget of another year asks; adding at its year prices the quote with that year and chooses it", async () => {
    const message = "This budget is priced with FY 2025-26 rates; this quote uses FY 2026-27. Add it at FY 2025-26 rates, or start a new budget sheet for FY 2026-27.";
    const addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>()
      .mockResolvedValueOnce({ kind: "otherYear", sheet: "ITS Budget", budgetYear: "2025-26", quoteYear: "2026-27", choices: ["2025-26"], message })
      .mockResolvedValueOnce(added);
    const { user } = twoYears(addQuote);
    await fillSchool(user, "Lincoln HS", "300");
    await user.click(addButton());
    expect(await screen.findByText(message)).toBeVisible();
    const answer = screen.getByRole("button", { name: "Add at FY 2025-26 rates" });
    expect(answer).toHaveFocus();
    await user.click(answer);
    expect(addQuote).toHaveBeenLastCalledWith(expect.objectContaining({ purchase: { kind: "single", option: 1, days: 2 } }), expect.objectContaining({ fiscalYear: "2025-26" }));
    expect(addQuote.mock.calls[1][1]).toMatchObject({ agreedYear: "2025-26" });
    expect(yearChooser()).toHaveValue("2025-26");
    expect(total()).toHaveTextContent("$52,301");
  });

  test("a budget that names no year: the year chosen in answer is sent as agreed, also with the update question that follows", async () => {
    const addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>()
      .mockResolvedValueOnce({ kind: "otherYear", sheet: "ITS Budget", budgetYear: null, quoteYear: "2026-27", choices: ["2026-27"], message: "This budget records no fiscal year." })
      .mockResolvedValueOnce({ kind: "confirmUpdate", sheet: "ITS Budget", row: 2, current: "x" })
      .mockResolvedValueOnce({ ...added, action: "updated" });
    const { user } = twoYears(addQuote);
    await fillSchool(user);
    await user.click(addButton());
    await user.click(await screen.findByRole("button", { name: "Add at FY 2026-27 rates" }));
    expect(addQuote.mock.calls[1][1]).toMatchObject({ fiscalYear: "2026-27", agreedYear: "2026-27" });
    await user.click(await screen.findByRole("button", { name: "Update row 2" }));
    expect(addQuote.mock.calls[2][1]).toMatchObject({ fiscalYear: "2026-27", agreedYear: "2026-27", confirmUpdate: true });
  });

  test("a budget of a year this version lacks offers only Cancel", async () => {
    const addQuote = jest.fn<ReturnType<AddQuote>, Parameters<AddQuote>>().mockResolvedValue({ kind: "otherYear", sheet: "ITS Budget", budgetYear: "2031-32", quoteYear: "2026-27", choices: [], message: "no FY 2031-32 rates" });
    const { user } = twoYears(addQuote);
    await fillSchool(user);
    await user.click(addButton());
    expect(await screen.findByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(screen.queryByRole("button", { name: /^Add at FY/ })).toBeNull();
  });
});
