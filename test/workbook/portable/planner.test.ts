/**
 * The planner of the conversion: only changed cells are written (rectangles of them, never a cell between), in
 * requests under the byte limit with the rates sheet first; ITSRATES tables; values mode's inputs; the confirmation.
 */
import { CURRENT_RATES } from "../../../src/core";
import { parseRange } from "../../../src/workbook/address";
import { ratesSheet, ratesSheetName, utf8Bytes } from "../../../src/workbook/fill";
import { plannedCells } from "../../../src/workbook/plan";
import { type PortableRead, PortableError, confirmationLines, planPortable } from "../../../src/workbook/portable/planner";
import { TWO_YEARS } from "../../support/fy2026-27.fake";

const RATES = ratesSheetName(CURRENT_RATES);

function read(formulas: unknown[][], values: unknown[][] = formulas, extra: Partial<PortableRead> = {}): PortableRead {
  const columns = Math.max(...formulas.map((r) => r.length));
  const pad = (rows: unknown[][]) => rows.map((r) => [...r, ...Array(columns - r.length).fill("")]) as never;
  return { sheet: "Budget", address: `A1:${String.fromCharCode(64 + columns)}${formulas.length}`, formulas: pad(formulas), values: pad(values), sheetNames: ["Budget"], ratesSheets: {}, ...extra };
}

test("writes exactly the converted cells, in rectangles, with the rates sheet added first; the user's cells between are never written", () => {
  const formulas = [
    ["Enrollment", "Days", "Note", "Cost"],
    [523, "=LAUSD.ITSDAYS(A2)", "keep", "=LAUSD.ITSCOST(B2)"],
    [150, "=LAUSD.ITSDAYS(A3)", "00123", "=LAUSD.ITSCOST(B3)"],
    ["", "", "", ""],
    [801, "=LAUSD.ITSDAYS(A5)", "", "=B5*2"],
  ];
  const plan = planPortable(read(formulas), "portable");
  expect(plan.changes.map((c) => [c.address, c.header])).toEqual([["B2", "Days"], ["D2", "Cost"], ["B3", "Days"], ["D3", "Cost"], ["B5", "Days"]]);
  expect(plan.columns).toEqual([{ header: "Days", column: "B", cells: 3 }, { header: "Cost", column: "D", cells: 2 }]);
  const steps = plan.blocks.flatMap((b) => b.steps);
  expect(steps.slice(0, 1)).toEqual([{ kind: "addSheet", sheet: RATES }]);
  expect(steps.filter((s) => s.kind === "setCells" && s.sheet === "Budget").map((s) => (s.kind === "setCells" ? s.address : ""))).toEqual(["B2:B3", "D2:D3", "B5"]);
  const written = plannedCells({ steps }).filter((c) => c.sheet === "Budget" && c.input !== undefined).map((c) => `${String.fromCharCode(65 + c.column)}${c.row + 1}`);
  expect(written.sort()).toEqual(plan.changes.map((c) => c.address).sort());
  expect(plan.ratesSheetsAdded).toEqual([RATES]);
  expect(confirmationLines(plan).slice(0, 2)).toEqual([
    '5 cells on "Budget" become portable formulas over the rates sheet: "Days" (B, 3 cells), "Cost" (D, 2 cells).',
    "First: B2, D2, B3, D3, B5.",
  ]);
});

test("requests stay under the byte limit; a rates sheet that holds the memo's table is used as it is", () => {
  const formulas = [["Enrollment", "Days"], ...Array.from({ length: 200 }, (_, i) => [i * 5, `=LAUSD.ITSDAYS(A${i + 2})`])];
  const layout = ratesSheet(CURRENT_RATES);
  const plan = planPortable(read(formulas, formulas, { sheetNames: ["Budget", RATES], ratesSheets: { [RATES]: layout.cells } }), "portable", undefined, 20_000);
  expect(plan.ratesSheetsAdded).toEqual([]);
  expect(plan.blocks.length).toBeGreaterThan(5);
  for (const block of plan.blocks) expect(utf8Bytes(JSON.stringify(block.steps.map((s) => (s.kind === "setCells" ? s.cells : []))))).toBeLessThanOrEqual(20_000 + 100);
  expect(plan.blocks.flatMap((b) => b.steps).reduce((n, s) => n + (s.kind === "setCells" ? parseRange(s.address).rows : 0), 0)).toBe(200);
});

test("a rates sheet of that name with other content stops the plan, naming the cell", () => {
  const cells = ratesSheet(CURRENT_RATES).cells.map((r) => [...r]);
  cells[13][1] = 99;
  expect(() => planPortable(read([["x"], ["=LAUSD.ITSCOST(1)"]], undefined, { sheetNames: ["Budget", RATES], ratesSheets: { [RATES]: cells } }), "portable")).toThrow(
    new PortableError(`The sheet "${RATES}" does not hold the memo's FY 2025-26 rates (cell B14 holds 99, the memo's table has 0), and the portable formulas would read it. Rename or delete that sheet (the add-in adds it again), then check again.`),
  );
});

test("values mode writes what is shown, text kept as text, blank as blank and errors as error formulas; a year from a cell is fine there", () => {
  const formulas = [["h", "h", "h", "h", "h"], ["=LAUSD.ITSDAYS(A1,$Z$1)", "=IF(A1=\"\",\"\",LAUSD.ITSDAYS(A1))", '=LAUSD.ITSDAYS(A1:A2)&" days"', "=LAUSD.ITSDAYS(A3)", '=LAUSD.ITSDAYS(A3)&" days"']];
  const values = [["h", "h", "h", "h", "h"], [3, "", "00123", "#VALUE!", "3 days"]];
  // C2 spills (a range argument): left in both modes.
  const plan = planPortable(read(formulas, values, { valueTypes: [["String", "String", "String", "String", "String"], ["Double", "Empty", "String", "Error", "String"]] }), "values");
  expect(plan.changes.map((c) => [c.address, c.after])).toEqual([["A2", 3], ["B2", ""], ["D2", "=#VALUE!"], ["E2", "'3 days"]]);
  expect([plan.left.map((l) => l.address), plan.ratesSheetsAdded]).toEqual([["C2"], []]);
  // The same formula in portable mode is left, with why.
  expect(planPortable(read(formulas, values), "portable").left.map((l) => l.address)).toEqual(["A2", "C2"]);
});

test("=LAUSD.ITSRATES(year) becomes the rates sheet's cells over its spill, or the table's values", () => {
  const grid = [["=LAUSD.ITSRATES(\"2025-26\")", "", "", "", ""], ...Array.from({ length: 6 }, () => ["", "", "", "", ""])];
  const portable = planPortable(read(grid), "portable", TWO_YEARS);
  expect(portable.changes.length).toBe(6 * 4);
  expect(portable.changes.slice(0, 5).map((c) => c.after)).toEqual(["'Days per week", "'Full Year", "'Outside Summer", "'Summer Only", `='${RATES}'!$A$15`]);
  expect(portable.ratesSheetsAdded).toEqual([RATES]);
  const values = planPortable(read(grid), "values", TWO_YEARS);
  expect(values.changes.filter((c) => c.address === "B6" || c.address === "D2").map((c) => c.after)).toEqual([1125, 130753]);
  // A spill over a formula of its own is left.
  const blocked = grid.map((r) => [...r]);
  blocked[2][1] = "=1+1";
  expect(planPortable(read(blocked), "portable", TWO_YEARS).left.map((l) => l.reason)).toEqual([expect.stringMatching(/spills over cells that hold formulas/)]);
});
