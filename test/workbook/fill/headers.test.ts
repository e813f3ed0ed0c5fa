import { CURRENT_RATES } from "../../../src/core";
import { detectColumns, findHeader, utf8Bytes } from "../../../src/workbook/fill";

const rates = CURRENT_RATES;

describe("detectColumns", () => {
  it.each([
    [["Site", "Enrollment"], 1, 0],
    [["School Name", "Total Enrollment", "Budget"], 1, 0],
    [["Location", "Norm Enrollment"], 1, 0],
    [["school_name", "enrollment", "cds_code"], 1, 0],
    [["Name", "Students"], 1, 0],
    [["School code", "School", "# of students"], 2, 1],
    [["CDS", "Site ID", "Site name", "Enrolled students 2025"], 3, 2],
  ])("finds enrollment and site in %j", (headers, enrollment, site) => {
    expect(detectColumns(headers, rates)).toEqual({ enrollment, site });
  });

  it("prefers an exact header over a partial one", () => {
    expect(detectColumns(["Enrollment code", "Site", "Enrollment"], rates).enrollment).toBe(2);
  });

  it("never picks the fill's own columns or a code column as the site", () => {
    const headers = ["School Code", "Recommended days", "Full Year cost", "Students"];
    expect(detectColumns(headers, rates)).toEqual({ enrollment: 3, site: null });
  });

  it("returns null when nothing looks like an enrollment", () => {
    expect(detectColumns(["Site", "Budget", ""], rates)).toEqual({ enrollment: null, site: 0 });
  });
});

it("findHeader ignores case, spaces and punctuation", () => {
  expect(findHeader(["a", "recommended_days", "x"], "Recommended days")).toBe(1);
  expect(findHeader(["a"], "Recommended days")).toBeNull();
});

it("utf8Bytes counts as TextEncoder does", () => {
  for (const text of ["", "abc", "Ñandú Elementary", "€ 5", "😀 school", '["=IF(A1=\\"\\",1)"]']) {
    expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
  }
});
