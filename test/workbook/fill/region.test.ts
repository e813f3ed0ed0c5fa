import { rangeAddress } from "../../../src/workbook/address";
import { clipToUsed, parseSelection } from "../../../src/workbook/fill";

const clip = (selection: string, used: string | null) => {
  const r = clipToUsed(selection, used);
  return r && rangeAddress(r);
};

it("parses whole columns and whole rows as Excel reports a selection", () => {
  expect(parseSelection("Sheet1!A:C")).toEqual({ start: { row: 0, column: 0 }, rows: 1048576, columns: 3 });
  expect(parseSelection("'My sites'!$2:$9")).toEqual({ start: { row: 1, column: 0 }, rows: 8, columns: 16384 });
  expect(parseSelection("Sites!B2:D10")).toEqual({ start: { row: 1, column: 1 }, rows: 9, columns: 3 });
});

it("clips a selection to the used range", () => {
  expect(clip("Sites!A:C", "Sites!A1:T1009")).toBe("A1:C1009");
  expect(clip("Sites!1:1009", "Sites!B1:E1009")).toBe("B1:E1009");
  expect(clip("Sites!B2:D5", "Sites!A1:T1009")).toBe("B2:D5");
  expect(clip("Sites!A1:Z2000", "Sites!C3:D9")).toBe("C3:D9");
  expect(clip("Sites!X1:Z9", "Sites!A1:T1009")).toBeNull();
  expect(clip("Sites!A1", null)).toBeNull();
});
