/**
 * Every LAUSD school of each real enrollment file, filled in each output mode and evaluated by an
 * independent engine (HyperFormula), checked row by row against the core and the custom functions.
 */
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";
import { CURRENT_RATES, type OptionNumber, annualCost, parseEnrollment, recommendDays } from "../../../src/core";
import { itsCost, itsDays } from "../../../src/functions/functions";
import { rangeAddress } from "../../../src/workbook/address";
import { type FillMode, SUMMARY_SHEET, detectColumns, planFill } from "../../../src/workbook/fill";
import { installCustomFunctionsHost } from "../../support/customFunctionsHost";
import { ENROLLMENT_DIR, enrollmentFiles, hasEnrollmentData, readmeBandCounts, skipMessage } from "../../support/enrollmentData";
import { type Grid, MemoryBook, type Shown, evaluate } from "./memoryBook";

const rates = CURRENT_RATES;
const OPTIONS: OptionNumber[] = [1, 2, 3];
const MODES: FillMode[] = ["live", "portable", "values"];

/** The CSV as Excel opens it: numbers become numbers (long codes stay text, as Excel users format them). */
function sheetOf(file: string): Grid {
  const rows: string[][] = parse(fs.readFileSync(path.join(ENROLLMENT_DIR, file)), { skip_empty_lines: true });
  return rows.map((row, i) => (i === 0 ? row : row.map((cell) => (/^-?\d{1,10}(\.\d+)?$/.test(cell) ? Number(cell) : cell))));
}

const describeData = hasEnrollmentData() ? describe : describe.skip;
if (!hasEnrollmentData()) console.warn(skipMessage());

describeData("bulk fill of every LAUSD school in the real data", () => {
  beforeAll(() => installCustomFunctionsHost());

  it("has the three files", () => expect(enrollmentFiles()).toHaveLength(3));

  describe.each(enrollmentFiles())("%s", (file) => {
    const grid = sheetOf(file);
    const schools = grid.length - 1;
    const region = { start: { row: 0, column: 0 }, rows: grid.length, columns: grid[0].length };
    const detected = detectColumns(grid[0] as string[], rates);
    const enrollments = grid.slice(1).map((row) => row[detected.enrollment ?? -1]);
    const shownByMode = new Map<FillMode, Shown[][]>();
    const summaryByMode = new Map<FillMode, Shown[][]>();

    beforeAll(() => {
      for (const mode of MODES) {
        const book = new MemoryBook({ Schools: grid });
        const plan = planFill(book.read("Schools", region), { enrollmentColumn: detected.enrollment!, siteColumn: detected.site, options: OPTIONS, mode }, rates);
        plan.blocks.forEach((b) => book.apply(b));
        const shown = evaluate(book);
        shownByMode.set(mode, shown.get("Schools")!);
        summaryByMode.set(mode, shown.get(SUMMARY_SHEET)!);
      }
    });

    it("finds the enrollment and school-name columns by their headers", () => {
      expect(grid[0][detected.enrollment!]).toBe("enrollment");
      expect(grid[0][detected.site!]).toBe("school_name");
    });

    it.each(MODES)("%s: every row's days and costs are the core's", (mode) => {
      const shown = shownByMode.get(mode)!;
      const expected = enrollments.map((e) => {
        const parsed = parseEnrollment(e);
        if (parsed.kind !== "ok") throw new Error(`Unexpected enrollment ${String(e)} in ${file}`);
        const days = recommendDays(parsed.value, rates).days;
        return [days, ...OPTIONS.map((o) => annualCost(days, o, rates))];
      });
      const firstOutput = grid[0].length;
      expect(shown.slice(1).map((row) => row.slice(firstOutput, firstOutput + 4))).toEqual(expected);
      expect(shown).toHaveLength(schools + 1);
    });

    it("portable formulas give the custom functions' values on every row", () => {
      const portable = shownByMode.get("portable")!.slice(1);
      const days = itsDays(enrollments.map((e) => [e]));
      const costs = OPTIONS.map((o) => itsCost(days, rates.options[o - 1].name as never));
      const first = grid[0].length;
      portable.forEach((row, i) => expect(row.slice(first, first + 4)).toEqual([days[i][0], ...costs.map((c) => c[i][0])]));
    });

    it("all three modes show identical numbers, and the summary's totals are the core's", () => {
      const [live, portable, values] = MODES.map((m) => shownByMode.get(m));
      expect(portable).toEqual(live);
      expect(values).toEqual(live);
      const [s1, s2, s3] = MODES.map((m) => summaryByMode.get(m));
      expect(s2).toEqual(s1);
      expect(s3).toEqual(s1);

      const year = /(\d{4}-\d{2})/.exec(file)![1];
      const bands = readmeBandCounts().get(year)!;
      const days = enrollments.map((e) => recommendDays(e as number, rates).days);
      const totals = OPTIONS.map((o) => days.reduce((sum, d) => sum + annualCost(d, o, rates), 0));
      const summary = s1!;
      expect(summary.slice(4, 9).map((row) => row[4])).toEqual(bands);
      expect(summary[9]).toEqual(["All sites", ...totals, schools]);
      // The printed note for the report: totals per option for this file.
      console.log(`${file}: ${schools} schools; totals ${totals.map((t) => `$${t.toLocaleString("en-US")}`).join(" / ")} (${rangeAddress(region)})`);
    });
  });
});
