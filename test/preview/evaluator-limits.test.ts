/**
 * The preview's formula engine past HyperFormula's default sheet size (40,000 rows, where the preview went blank)
 * and when the engine cannot hold a workbook at all: formula cells show #CALC! and the evaluator says why, instead
 * of every read of a value throwing.
 */
import { HyperFormula } from "hyperformula";
import { createWorkbook } from "../../src/preview/excel-emulation";
import { evaluationFailure } from "../../src/preview/excel-emulation/evaluator";

test("a sheet of 40,001 rows with formulas evaluates (HyperFormula's own limit is 40,000 rows; Excel's 1,048,576)", () => {
  const rows = Array.from({ length: 40_001 }, (_, i) => [i + 1, `=LAUSD.ITSDAYS(A${i + 1})`]);
  const book = createWorkbook({ sheets: { Big: rows } });
  expect(book.values("Big", "B40000:B40001")).toEqual([[5], [5]]);
  expect(book.values("Big", "B200:B201")).toEqual([[1], [2]]);
  expect(evaluationFailure(book.model.evaluator)).toBeNull();
  // A typed edit far down recalculates incrementally.
  book.userTypes("Big", "A40001", "300");
  expect(book.values("Big", "B40001")).toEqual([[2]]);
}, 60_000);

test("when HyperFormula cannot build the workbook, formula cells show #CALC!, constants stay, and the reason is given", () => {
  const book = createWorkbook({ sheets: { S: [["Enrollment", "Days"], [401, "=LAUSD.ITSDAYS(A2)"]] } });
  const build = jest.spyOn(HyperFormula, "buildFromSheets").mockImplementation(() => {
    throw new Error("Out of memory");
  });
  book.userTypes("S", "C1", "Note");
  book.model.structureChanged();
  expect(book.values("S", "A1:C2")).toEqual([["Enrollment", "Days", "Note"], [401, "#CALC!", ""]]);
  expect(evaluationFailure(book.model.evaluator)).toBe("Out of memory");
  build.mockRestore();

  // Once the engine can hold it again, formulas are computed and the failure is gone.
  book.model.structureChanged();
  expect(book.values("S", "B2")).toEqual([[3]]);
  expect(evaluationFailure(book.model.evaluator)).toBeNull();
});
