/** @jest-environment jsdom */
/**
 * Typing into the preview's grid, keyboard only, as a user edits Excel: a value or a formula (=LAUSD.*) typed in a
 * cell and Enter commit through the emulation's user-typing path and dependents recalculate in the grid; Esc
 * cancels; F2 and double-click edit what is there (text keeps Excel's '); a formula Excel refuses is explained and
 * stays in the editor; while editing, the add-in's batches wait (cell-edit mode). Also: the engine failure message
 * and the error boundary that keeps the page.
 */
import "@testing-library/jest-dom";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { HyperFormula } from "hyperformula";
import { useReducer, useEffect } from "react";
import { type EmulatedWorkbook, createWorkbook, installEmulatedOffice } from "../../src/preview/excel-emulation";
import { Grid, editText } from "../../src/preview/Grid";
import { ErrorBoundary } from "../../src/preview/PreviewApp";

jest.setTimeout(30000);
// jsdom has no layout.
Element.prototype.scrollIntoView = () => undefined;
HTMLCanvasElement.prototype.getContext = () => null;

/** The grid redrawn on every change of the workbook, as PreviewApp does. */
function Live({ book }: { book: EmulatedWorkbook }) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => book.model.onChange(redraw), [book]);
  return <Grid book={book} />;
}

function setup() {
  const book = createWorkbook({
    sheets: { Sites: [["Site", "Kind", "Enrollment", "Days"], ["Arroyo", "School", 150, "=LAUSD.ITSDAYS(C2)"], ["Bluff", "School", 523, null], ["Code", "'00123", null, null]] },
  });
  installEmulatedOffice(window, book);
  const user = userEvent.setup();
  render(<Live book={book} />);
  return { book, user, grid: screen.getByRole("grid", { name: "Sheet Sites" }) };
}
const cell = (address: string) => document.querySelector<HTMLElement>(`td[data-cell="${address}"]`)!;
const activeCell = (grid: HTMLElement) => grid.getAttribute("aria-activedescendant");

async function goTo(user: ReturnType<typeof userEvent.setup>, grid: HTMLElement, address: string) {
  await user.pointer({ keys: "[MouseLeft]", target: cell(address) });
  grid.focus();
  expect(activeCell(grid)).toBe(`grid-cell-${address}`);
}

test("typing a value and Enter commits it; the formula that depends on it recalculates; the cell below is next", async () => {
  const { book, user, grid } = setup();
  expect(cell("D2")).toHaveTextContent("1");
  await goTo(user, grid, "C2");
  await user.keyboard("450");
  expect(screen.getByRole("textbox", { name: /Edit cell C2/ })).toHaveValue("450");
  expect(book.host.inCellEditMode).toBe(true);
  await user.keyboard("{Enter}");
  expect(book.values("Sites", "C2:D2")).toEqual([[450, 3]]);
  expect(cell("C2")).toHaveTextContent("450");
  expect(cell("D2")).toHaveTextContent("3");
  expect(book.host.inCellEditMode).toBe(false);
  expect(grid).toHaveFocus();
  expect(activeCell(grid)).toBe("grid-cell-C3");
  expect(cell("C3")).toHaveAttribute("aria-selected", "true");
});

test("a typed =LAUSD.ITSDAYS formula computes, shows in the formula bar, and follows its input", async () => {
  const { book, user, grid } = setup();
  await goTo(user, grid, "D3");
  await user.keyboard("=LAUSD.ITSDAYS(C3){Enter}");
  expect(book.formulas("Sites", "D3")).toEqual([["=LAUSD.ITSDAYS(C3)"]]);
  expect(cell("D3")).toHaveTextContent("3");
  await user.keyboard("{ArrowUp}");
  expect(screen.getByTestId("formula-bar")).toHaveTextContent("=LAUSD.ITSDAYS(C3)");
  await user.keyboard("{ArrowLeft}801{Enter}");
  expect(cell("D3")).toHaveTextContent("5");
});

test("Esc cancels: the cell keeps its content and the host leaves cell-edit mode", async () => {
  const { book, user, grid } = setup();
  await goTo(user, grid, "C2");
  await user.keyboard("999{Escape}");
  expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  expect(book.values("Sites", "C2")).toEqual([[150]]);
  expect(book.host.inCellEditMode).toBe(false);
  expect(grid).toHaveFocus();
});

test("F2 edits the formula that is there; double-click too; text keeps Excel's ' so Enter leaves it text", async () => {
  const { book, user, grid } = setup();
  await goTo(user, grid, "D2");
  await user.keyboard("{F2}");
  expect(screen.getByRole("textbox", { name: /Edit cell D2/ })).toHaveValue("=LAUSD.ITSDAYS(C2)");
  await user.keyboard("{Backspace}{Backspace}3){Enter}");
  expect(book.formulas("Sites", "D2")).toEqual([["=LAUSD.ITSDAYS(C3)"]]);
  expect(cell("D2")).toHaveTextContent("3");

  await user.dblClick(cell("B4"));
  const editor = screen.getByRole("textbox", { name: /Edit cell B4/ });
  expect(editor).toHaveValue("'00123");
  await user.keyboard("{Enter}");
  expect(book.values("Sites", "B4")).toEqual([["00123"]]);
});

test("a formula Excel refuses is explained and stays in the editor until corrected or cancelled", async () => {
  const { book, user, grid } = setup();
  await goTo(user, grid, "E2");
  await user.keyboard("=1+{Enter}");
  expect(screen.getByRole("alert")).toHaveTextContent(/Excel refuses the formula "=1\+".*Correct it, or press Esc to cancel\./);
  expect(screen.getByRole("textbox", { name: /Edit cell E2/ })).toHaveValue("=1+");
  expect(book.host.inCellEditMode).toBe(true);
  await user.keyboard("2{Enter}");
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  expect(cell("E2")).toHaveTextContent("3");
});

test("while a cell is being edited, the add-in's batch waits (delayForCellEdit) and runs after Enter", async () => {
  const { book, user, grid } = setup();
  await goTo(user, grid, "C3");
  await user.keyboard("801");
  let done = false;
  const batch = Excel.run({ delayForCellEdit: true }, async (context) => {
    context.workbook.worksheets.getItem("Sites").getRange("D3").formulas = [["=LAUSD.ITSDAYS(C3)"]];
    await context.sync();
  }).then(() => (done = true));
  await act(() => new Promise((r) => setTimeout(r, 20)));
  expect(done).toBe(false);
  expect(screen.getByTestId("edit-hint")).toHaveTextContent("Editing C3: Enter commits, Esc cancels. The add-in waits until then, as in Excel.");
  expect(book.formulas("Sites", "D3")).toEqual([[""]]);
  await user.keyboard("{Enter}");
  await act(() => batch);
  expect(cell("D3")).toHaveTextContent("5");
});

test("Delete clears the selected cells; the keyboard help and labels are there; axe finds no serious problem", async () => {
  const { book, user, grid } = setup();
  await goTo(user, grid, "C2");
  await user.keyboard("{Shift>}{ArrowDown}{/Shift}{Delete}");
  expect(book.values("Sites", "C2:C3")).toEqual([[""], [""]]);
  expect(grid).toHaveAccessibleDescription(/Type to replace the active cell, F2 to edit it; Enter commits, Esc cancels/);
  expect(screen.getAllByRole("columnheader").map((h) => h.textContent).slice(0, 3)).toEqual(["A", "B", "C"]);
  expect(screen.getByRole("rowheader", { name: "2" })).toBeInTheDocument();
  expect(screen.getAllByRole("gridcell").length).toBeGreaterThan(100);
  const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false } } });
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("a long sheet draws only the rows in view; scrolling and the arrow keys bring the others", async () => {
  const book = createWorkbook({ sheets: { Long: Array.from({ length: 50_000 }, (_, i) => [`Site ${i + 1}`, i]) } });
  const user = userEvent.setup();
  render(<Live book={book} />);
  expect(document.querySelectorAll("tbody tr[aria-rowindex]").length).toBeLessThan(100);
  const scroller = screen.getByTestId("grid");
  act(() => {
    scroller.scrollTop = 24 * 40_000;
    scroller.dispatchEvent(new Event("scroll"));
  });
  expect(cell("A40001")).toHaveTextContent("Site 40001");
  expect(cell("A2")).toBeNull();
  act(() => {
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event("scroll"));
  });
  const grid = screen.getByRole("grid");
  expect(grid).toHaveAttribute("aria-rowcount", "50006");
  await goTo(user, grid, "A2");
  for (let i = 0; i < 3; i++) await user.keyboard("{ArrowDown}");
  expect(activeCell(grid)).toBe("grid-cell-A5");
});

test("editText: what editing starts from", () => {
  expect(editText(undefined, 2026)).toBe("");
  expect(editText({ input: "=A1" }, 2026)).toBe("=A1");
  expect(editText({ input: "=1+1", text: true }, 2026)).toBe("'=1+1");
  expect(editText({ input: "6-8 Campus" }, 2026)).toBe("6-8 Campus");
  expect(editText({ input: "6-8" }, 2026)).toBe("'6-8");
  expect(editText({ input: "'quoted" }, 2026)).toBe("''quoted");
  expect(editText({ input: 523 }, 2026)).toBe("523");
  expect(editText({ input: false }, 2026)).toBe("FALSE");
});

test("when the formula engine cannot hold the workbook, the grid says so and shows #CALC!, not a blank page", () => {
  const build = jest.spyOn(HyperFormula, "buildFromSheets").mockImplementation(() => {
    throw new Error("Sheet size limit exceeded");
  });
  setup();
  expect(screen.getByRole("alert")).toHaveTextContent(/Formulas are not calculated: .*HyperFormula.*\(Sheet size limit exceeded\)\. Formula cells show #CALC!/);
  expect(cell("D2")).toHaveTextContent("#CALC!");
  expect(cell("A2")).toHaveTextContent("Arroyo");
  build.mockRestore();
});

test("the error boundary shows what failed in place of its part and tries again when the workbook changes", () => {
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const Boom = ({ fail }: { fail: boolean }) => {
    if (fail) throw new Error("Out of memory");
    return <p>cells</p>;
  };
  const view = render(
    <ErrorBoundary label="The grid" resetKey={1}>
      <Boom fail />
    </ErrorBoundary>,
  );
  expect(screen.getByRole("alert")).toHaveTextContent("The grid could not be shown: Out of memory");
  view.rerender(
    <ErrorBoundary label="The grid" resetKey={2}>
      <Boom fail={false} />
    </ErrorBoundary>,
  );
  expect(screen.getByText("cells")).toBeInTheDocument();
  warn.mockRestore();
  error.mockRestore();
});
