import { CURRENT_RATES, RATE_TABLES, bundledYears, normalizeFiscalYear, parseFiscalYear, ratesFor } from "../../src/core";
import { FY2025_26 } from "../../src/core/rates/fy2025-26";
import { FAKE_FY2026_27, TWO_YEARS } from "../support/fy2026-27.fake";

describe("normalizeFiscalYear: the spellings budget staff type", () => {
  it.each([
    ["2025-26", "2025-26"],
    ["FY2025-26", "2025-26"],
    ["FY 2025-26", "2025-26"],
    ["fy2025-26", "2025-26"],
    ["2025-2026", "2025-26"],
    ["FY2025-2026", "2025-26"],
    ["FY25-26", "2025-26"],
    ["fy 25-26", "2025-26"],
    ["  2025 - 26 ", "2025-26"],
    ["2025\u201326", "2025-26"],
    ["2099-00", "2099-00"],
    ["2099-2100", "2099-00"],
    ["2008-09", "2008-09"],
  ])("reads %p as %p", (text, year) => {
    expect(normalizeFiscalYear(text)).toBe(year);
  });

  it.each(["2025", "25-26", "2025-27", "2025-2027", "2026-25", "FY2025", "2025/26", "FY-2025-26", "2025-26-27", "FY25-2026", "", "x2025-26"])(
    "is not a fiscal year: %p",
    (text) => {
      expect(normalizeFiscalYear(text)).toBeNull();
    },
  );
});

describe("parseFiscalYear", () => {
  it("omitted or blank is the newest bundled year", () => {
    for (const blank of [undefined, null, "", "  "]) {
      expect(parseFiscalYear(blank)).toEqual({ kind: "ok", value: CURRENT_RATES });
      expect(parseFiscalYear(blank, TWO_YEARS)).toEqual({ kind: "ok", value: FAKE_FY2026_27 });
    }
  });

  it("finds a bundled year by any accepted spelling, whichever year is newest", () => {
    for (const spelling of ["2025-26", "FY2025-26", "FY 2025-26", "2025-2026", "FY25-26"]) {
      expect(parseFiscalYear(spelling)).toEqual({ kind: "ok", value: FY2025_26 });
      expect(parseFiscalYear(spelling, TWO_YEARS)).toEqual({ kind: "ok", value: FY2025_26 });
    }
    expect(parseFiscalYear("FY26-27", TWO_YEARS)).toEqual({ kind: "ok", value: FAKE_FY2026_27 });
  });

  it("refuses a year that is not bundled as #VALUE!, listing the bundled years", () => {
    expect(parseFiscalYear("2019-20")).toEqual({
      kind: "invalid",
      problem: { kind: "value", message: "No rates for fiscal year 2019-20. Bundled years: 2025-26." },
    });
    expect(parseFiscalYear("FY19-20", TWO_YEARS)).toMatchObject({ problem: { message: "No rates for fiscal year 2019-20. Bundled years: 2025-26, 2026-27." } });
  });

  it.each([
    ["next year", '"next year" is not a fiscal year'],
    [2025, "2025 is not a fiscal year"],
    [0, "0 is not a fiscal year"],
    [true, "TRUE is not a fiscal year"],
    ["2025-27", '"2025-27" is not a fiscal year'],
  ])("refuses %p as #VALUE!, saying how to write a year and which are bundled", (input, start) => {
    const parsed = parseFiscalYear(input);
    expect(parsed).toMatchObject({ kind: "invalid", problem: { kind: "value" } });
    if (parsed.kind === "invalid") {
      expect(parsed.problem.message).toBe(
        `${start}: write it as text, like "2025-26", "FY2025-26", "FY 2025-26", "2025-2026" or "FY25-26". Bundled years: 2025-26.`,
      );
    }
  });

  it("lists the bundled years oldest first", () => {
    expect(bundledYears()).toBe(RATE_TABLES.map((t) => t.fiscalYear).join(", "));
    expect(bundledYears(TWO_YEARS)).toBe("2025-26, 2026-27");
  });
});

describe("ratesFor (kept for existing callers)", () => {
  it("still finds a year by its canonical name, and now by the other spellings", () => {
    expect(ratesFor("2025-26")).toBe(FY2025_26);
    expect(ratesFor("FY2025-26")).toBe(FY2025_26);
    expect(ratesFor("2019-20")).toBeUndefined();
    expect(ratesFor("nonsense")).toBeUndefined();
  });
});
