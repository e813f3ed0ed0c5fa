/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { BAND_READING } from "../../src/core";
import { type FillExcel, FillPanel } from "../../src/taskpane/fill/FillPanel";
import type { WriteResult } from "../../src/workbook/excel/fill";
import { CURRENT_RATES } from "../../src/core";
import { type FillPlan, planFill } from "../../src/workbook/fill";
import { type Grid, MemoryBook } from "../workbook/fill/memoryBook";

// jsdom has no layout: Fluent's MessageBar watches its size with ResizeObserver, which never fires here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const sites = (): Grid => [
  ["School", "Norm Enrollment", "Budget"],
  ["Alpha ES", 200, 1],
  ["Beta ES", 523, 2],
  ["", "", ""],
  ["Gamma MS", "n/a", 3],
  ["Delta HS", 801, 4],
];

/** Excel stood in by an in-memory workbook: the planner runs for real on what it "reads". */
function fakeExcel(book: MemoryBook, write?: FillExcel["write"]) {
  // The used range: every column the header row fills, six rows.
  const region = () => ({ start: { row: 0, column: 0 }, rows: 6, columns: book.sheets.get("Sites")![0].filter((h) => h !== "").length });
  const excel = {
    listTables: jest.fn(async () => [{ name: "Schools", sheet: "Sites" }]),
    read: jest.fn<ReturnType<FillExcel["read"]>, Parameters<FillExcel["read"]>>(async () => ({ kind: "read", source: book.read("Sites", region()), readBytes: [] })),
    write: jest.fn<ReturnType<FillExcel["write"]>, Parameters<FillExcel["write"]>>(
      write ??
        (async (plan: FillPlan) => {
          plan.blocks.forEach((b) => book.apply(b));
          return { kind: "done", blocks: plan.blocks.length };
        }),
    ),
  };
  return excel;
}

function setup(excel: FillExcel) {
  const user = userEvent.setup();
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <FillPanel excel={excel} />
    </FluentProvider>,
  );
  return { user, view };
}

jest.setTimeout(30_000);

const fillButton = () => screen.getByRole("button", { name: /^Fill \d+ rows?$/ });

test("reads the sites, finds the columns by header, previews the counts, and fills", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  expect(screen.getByText(new RegExp(BAND_READING.slice(0, 40).replace(/[()]/g, ".")))).toBeVisible();
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  expect(excel.read).toHaveBeenCalledWith({ kind: "usedRange" }, expect.anything());

  expect(screen.getByText("Found 5 rows in Sites!A1:C6.")).toBeVisible();
  expect(screen.getByRole("combobox", { name: "Enrollment column" })).toHaveDisplayValue("B: Norm Enrollment");
  expect(screen.getByRole("combobox", { name: "Site name column" })).toHaveDisplayValue("A: School");
  expect(screen.getByText("5 rows: 3 sites to fill, 1 blank row (left blank), 1 invalid row.")).toBeVisible();
  expect(screen.getByText(/Row 5 \(Gamma MS\): Enrollment must be a number; "n\/a" is text/)).toBeVisible();
  const bands = screen.getByRole("table", { name: "Sites per recommended days" });
  expect(within(bands).getByRole("row", { name: /200 or fewer students: 1 day 1/ })).toBeVisible();
  expect(within(bands).getByRole("row", { name: /401-600 students: 3 days 1/ })).toBeVisible();
  expect(within(bands).getByRole("row", { name: /more than 800 students: 5 days 1/ })).toBeVisible();
  const totals = screen.getByRole("table", { name: "Total per option" });
  expect(within(totals).getByRole("row", { name: "Full Year $235,356" })).toBeVisible();
  expect(within(totals).getByRole("row", { name: "Summer Only $10,128" })).toBeVisible();

  await user.click(screen.getByRole("radio", { name: /Values only/ }));
  await user.click(fillButton());
  expect(excel.write).toHaveBeenCalledTimes(1);
  expect(await screen.findByText(/Filled 3 sites of "Sites" with recommended days and costs/)).toBeVisible();
  expect(screen.getByText(/1 row with an enrollment problem: each shows an error in its own row/)).toBeVisible();
  expect(book.sheets.get("Sites")![2].slice(3)).toEqual([3, 78452, 75013, 3376]);
  // The sheet changed: the next fill starts from a new read.
  expect(screen.queryByRole("button", { name: /^Fill/ })).toBeNull();
});

/** A workbook an earlier values fill wrote D:G of (and marked them). */
function filledBook(): MemoryBook {
  const book = new MemoryBook({ Sites: sites() });
  const region = { start: { row: 0, column: 0 }, rows: 6, columns: 3 };
  const plan = planFill(book.read("Sites", region), { enrollmentColumn: 1, siteColumn: 0, options: [1, 2, 3], mode: "values" }, CURRENT_RATES);
  plan.blocks.forEach((b) => book.apply(b));
  return book;
}

test("a column bearing the fill's header but not its mark is the user's: the fill writes beside it and says where", async () => {
  const grid = sites().map((row, i) => [...row, i === 0 ? "Recommended days" : i === 1 ? 9 : ""]);
  const book = new MemoryBook({ Sites: grid });
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  expect(screen.getByText(/Results go here: New columns E:H \(Recommended days, Full Year cost, Outside Summer cost, Summer Only cost\) on sheet "Sites"/)).toBeVisible();
  await user.click(fillButton());
  expect(await screen.findByText(/Filled 3 sites of "Sites" with recommended days and costs, selected now \(E1:H6\)/)).toBeVisible();
  expect(book.cell("Sites", 1, 3)).toBe(9);
  expect(book.cell("Sites", 0, 4)).toBe("Recommended days");
});

test("asks before replacing cells that hold something in the fill's own columns, listing them, and writes nothing on No", async () => {
  const book = filledBook();
  book.sheets.get("Sites")![1][3] = 9; // typed into the fill's own column
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.click(screen.getByRole("radio", { name: /Values only/ }));
  expect(screen.getByText("1 non-empty cell would change: you will be asked to confirm.")).toBeVisible();
  await user.click(fillButton());
  const dialog = screen.getByRole("alertdialog", { name: "Replace 1 cell?" });
  expect(dialog).toHaveAccessibleDescription(
    /^1 cell already holding something would get new content\. The fill's columns D:G .*updated on sheet "Sites".* Sheet "Sites": 1 cell \(D2\), 1 cell holding something replaced \(D2\)\. Nothing else in the workbook changes\.$/,
  );
  await waitFor(() => expect(within(dialog).getByRole("button", { name: "Replace and fill" })).toHaveFocus());
  await user.click(within(dialog).getByRole("button", { name: "Don't fill" }));
  expect(excel.write).not.toHaveBeenCalled();
  expect(book.cell("Sites", 1, 3)).toBe(9);

  await user.click(fillButton());
  await user.keyboard("{Enter}");
  await screen.findByText("Sheet filled");
  expect(excel.write).toHaveBeenCalledTimes(1);
  expect(book.cell("Sites", 1, 3)).toBe(1);
});

test("a cell typed where the new columns were to go, between Read and Fill, is not overwritten: Fill reads again and writes beside it", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  expect(screen.getByText(/Results go here: New columns D:G/)).toBeVisible();
  book.sheets.get("Sites")![1][3] = "mine"; // D2, the user's now
  await user.click(fillButton());
  expect(await screen.findByText(/Filled 3 sites of "Sites" .*selected now \(E1:H6\)/)).toBeVisible();
  expect(excel.write).toHaveBeenCalledTimes(1);
  expect(book.cell("Sites", 1, 3)).toBe("mine");
});

test("a cell of the fill's own columns typed into between Read and Fill is not overwritten: Fill reads again and asks, with the fresh count", async () => {
  const book = filledBook();
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.click(screen.getByRole("radio", { name: /Values only/ }));
  expect(screen.queryByText(/would change: you will be asked to confirm/)).toBeNull();
  // The user types into the fill's "Recommended days" column (D) after the preview was read.
  book.sheets.get("Sites")![1][3] = 9;

  await user.click(fillButton());
  expect(await screen.findByRole("alertdialog", { name: "Replace 1 cell?" })).toBeVisible();
  expect(excel.read).toHaveBeenCalledTimes(2);
  expect(excel.read).toHaveBeenLastCalledWith({ kind: "usedRange" }, expect.anything());
  expect(excel.write).not.toHaveBeenCalled();
  // The preview is the fresh read's.
  expect(screen.getByText("1 non-empty cell would change: you will be asked to confirm.")).toBeVisible();

  // Another cell changes while the question is open: "Replace" asks again with the new count and writes nothing.
  book.sheets.get("Sites")![2][3] = "ask the principal";
  await user.click(screen.getByRole("button", { name: "Replace and fill" }));
  expect(await screen.findByRole("alertdialog", { name: "Replace 2 cells?" })).toBeVisible();
  expect(excel.write).not.toHaveBeenCalled();
  expect([book.cell("Sites", 1, 3), book.cell("Sites", 2, 3)]).toEqual([9, "ask the principal"]);

  // Confirmed for exactly what the sheet holds: written.
  await user.click(screen.getByRole("button", { name: "Replace and fill" }));
  await screen.findByText("Sheet filled");
  expect(excel.write).toHaveBeenCalledTimes(1);
  expect([book.cell("Sites", 1, 3), book.cell("Sites", 2, 3)]).toEqual([1, 3]);
});

test("an enrollment changed between Read and Fill is filled from its new value", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.click(screen.getByRole("radio", { name: /Values only/ }));
  book.sheets.get("Sites")![1][1] = 801;
  await user.click(fillButton());
  await screen.findByText("Sheet filled");
  expect(book.cell("Sites", 1, 3)).toBe(5);
});

test("columns that moved between Read and Fill are shown again and nothing is written", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  // Someone swaps the School and Norm Enrollment columns.
  for (const row of book.sheets.get("Sites")!) [row[0], row[1]] = [row[1], row[0]];
  await user.click(fillButton());
  expect(await screen.findByText("The sites moved since they were read")).toBeVisible();
  expect(excel.write).not.toHaveBeenCalled();
  expect(screen.getByRole("combobox", { name: "Enrollment column" })).toHaveDisplayValue("A: Norm Enrollment");
});

test("a second fill of the same data says there is nothing to change", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.click(fillButton());
  await screen.findByText("Sheet filled");
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.click(fillButton());
  expect(await screen.findByText("Already up to date")).toBeVisible();
  expect(excel.write).toHaveBeenCalledTimes(1);
});

test("column and option choices re-plan at once; a choice that cannot work says why", async () => {
  const { user } = setup(fakeExcel(new MemoryBook({ Sites: sites() })));
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.selectOptions(screen.getByRole("combobox", { name: "Enrollment column" }), "A: School");
  expect(screen.getByText("5 rows: 0 sites to fill, 1 blank row (left blank), 4 invalid rows.")).toBeVisible();
  await user.selectOptions(screen.getByRole("combobox", { name: "Enrollment column" }), "B: Norm Enrollment");
  for (const name of [/^Full Year/, /^Outside Summer/, /^Summer Only/]) await user.click(screen.getByRole("checkbox", { name }));
  expect(screen.getByText("Choose at least one option to price.")).toBeVisible();
  expect(screen.getByRole("button", { name: /^Fill/ })).toBeDisabled();
});

test("shows progress while writing and Cancel stops between blocks", async () => {
  let release: (result: WriteResult) => void = () => undefined;
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book, (_plan, options) => {
    options.onProgress?.({ phase: "write", done: 1, total: 3 });
    options.signal?.addEventListener("abort", () => release({ kind: "cancelled", blocksDone: 1, rowsDone: 2 }));
    return new Promise<WriteResult>((resolve) => (release = resolve));
  });
  const { user } = setup(excel);
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  await user.click(fillButton());
  expect(screen.getByRole("progressbar")).toBeVisible();
  expect(screen.getByText("Writing: block 1 of 3")).toBeVisible();
  await user.click(screen.getByRole("button", { name: "Cancel" }));
  expect(await screen.findByText("Fill cancelled")).toBeVisible();
  expect(screen.getByText(/Cancelled after writing 2 rows, which stay\. Read the sheet and fill again to finish/)).toBeVisible();
});

test("Excel's failures are shown with what to do; a table is chosen from the workbook's tables", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  excel.read.mockResolvedValueOnce({ kind: "failed", message: 'Sheet "Sites" is empty. Open the sheet that lists your sites.' });
  const { user } = setup(excel);
  await user.click(screen.getByRole("radio", { name: "An Excel table" }));
  expect(await screen.findByRole("combobox", { name: "Table" })).toHaveDisplayValue("Schools (sheet Sites)");
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  expect(excel.read).toHaveBeenCalledWith({ kind: "table", name: "Schools" }, expect.anything());
  expect(await screen.findByRole("alert")).toHaveTextContent(/Could not read the sites.*Open the sheet that lists your sites/);
});

test("keyboard alone reads and fills; axe finds no violations", async () => {
  const book = new MemoryBook({ Sites: sites() });
  const excel = fakeExcel(book);
  const { user, view } = setup(excel);
  await user.tab(); // the scope radio group
  await user.tab(); // Read sites
  expect(screen.getByRole("button", { name: "Read sites" })).toHaveFocus();
  await user.keyboard("{Enter}");
  await screen.findByText("Found 5 rows in Sites!A1:C6.");
  fillButton().focus();
  await user.keyboard("{Enter}");
  await screen.findByText("Sheet filled");
  await user.click(screen.getByRole("button", { name: "Read sites" }));
  let results: axe.AxeResults | undefined;
  await act(async () => {
    results = await axe.run(view.container, { rules: { "color-contrast": { enabled: false } } });
  });
  expect(results!.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await waitFor(() => expect(excel.write).toHaveBeenCalledTimes(1));
});
