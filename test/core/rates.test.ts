import { CURRENT_RATES, RATE_TABLES, annualCost, optionByNumber, ratesFor } from "../../src/core";
import fs from "fs";
import path from "path";
import { FY2025_26 } from "../../src/core/rates/fy2025-26";
import { FAKE_FY2026_27 } from "../support/fy2026-27.fake";

// The memo's cost model, typed in again from shared/seed/000_5a7a40e9cfe8c68b.txt for this test.
const MEMO_FY2025_26: Record<number, [number, number, number]> = {
  1: [26151, 25004, 1125],
  2: [52301, 50008, 2251],
  3: [78452, 75013, 3376],
  4: [104602, 100017, 4502],
  5: [130753, 125021, 5627],
};

describe("FY 2025-26 rate table", () => {
  it("is the newest bundled year and the one the add-in uses", () => {
    expect(CURRENT_RATES).toBe(FY2025_26);
    expect(RATE_TABLES[RATE_TABLES.length - 1].fiscalYear).toBe("2025-26");
    expect(ratesFor("2025-26")).toBe(FY2025_26);
    expect(ratesFor("2024-25")).toBeUndefined();
  });

  it("cites the memo it was copied from", () => {
    expect(FY2025_26.source.date).toBe("2024-12-05");
    expect(FY2025_26.source.title).toMatch(/IT Support Technician Budget Model/);
  });

  it.each(Object.entries(MEMO_FY2025_26))("prices %s days a week exactly as the memo", (days, prices) => {
    prices.forEach((price, i) => {
      expect(annualCost(Number(days), (i + 1) as 1 | 2 | 3, FY2025_26)).toBe(price);
    });
  });

  it("costs nothing for 0 days under every option", () => {
    for (const option of [1, 2, 3] as const) expect(annualCost(0, option, FY2025_26)).toBe(0);
  });

  it("refuses days that cannot be bought", () => {
    for (const days of [-1, 6, 2.5, Number.NaN]) {
      expect(() => annualCost(days, 1, FY2025_26)).toThrow(/whole number from 0 to 5/);
    }
  });

  it("names the options and their periods as the memo does", () => {
    expect(FY2025_26.options.map((o) => [o.number, o.name, o.period])).toEqual([
      [1, "Full Year", "July 1 through June 30"],
      [2, "Outside Summer", "July 17 through June 30"],
      [3, "Summer Only", "July 1 through July 16"],
    ]);
    expect(optionByNumber(2, FY2025_26).memoName).toBe("Outside of Summer");
  });

  it.each(RATE_TABLES.map((t) => [t.fiscalYear, t]))("%s is well formed", (_year, table) => {
    expect(table.maxDays).toBe(5);
    expect(table.bands.map((b) => b.days)).toEqual([1, 2, 3, 4, 5]);
    expect(table.bands[table.bands.length - 1].maxEnrollment).toBeNull();
    for (const option of table.options) {
      expect(option.prices).toHaveLength(table.maxDays);
      option.prices.forEach((price, i) => {
        expect(Number.isInteger(price)).toBe(true);
        if (i > 0) expect(price).toBeGreaterThan(option.prices[i - 1]);
      });
    }
  });
});

describe("the made-up test year (test/support/fy2026-27.fake.ts)", () => {
  it("is newer than every real year and not one of them; when a real 2026-27 ships, move the fake to a later year", () => {
    expect(RATE_TABLES.map((t) => t.fiscalYear)).not.toContain(FAKE_FY2026_27.fiscalYear);
    expect(RATE_TABLES.every((t) => t.fiscalYear < FAKE_FY2026_27.fiscalYear)).toBe(true);
  });

  it("is never imported by shipped code", () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const src = path.resolve(__dirname, "../../src");
    for (const file of files(src).filter((f) => /\.tsx?$/.test(f))) expect([file, fs.readFileSync(file, "utf8")]).not.toEqual([file, expect.stringMatching(/test\/support|\.fake/)]);
  });
});
