/**
 * Review of a submitted budget built from every LAUSD school of each real enrollment file: every school at
 * its recommended days under one of the three options (in the spellings schools type), priced at the memo's
 * table. A correct sheet reports no finding; with mistakes planted at known rows, every one is found, in its
 * own row, and nothing else. Runs the whole path on the Excel emulation: read, plan, write.
 */
import fs from "fs";
import path from "path";
import { parse } from "csv-parse/sync";
import { CURRENT_RATES, type OptionNumber, annualCost, recommendDays } from "../../../src/core";
import { createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { readReviewSource, writeReview } from "../../../src/workbook/excel/review";
import { FINDING_KINDS, type FindingKind, OK_FINDING, REVIEW_SHEET, detectReviewColumns, planReview } from "../../../src/workbook/review";
import { ENROLLMENT_DIR, enrollmentFiles, hasEnrollmentData, skipMessage } from "../../support/enrollmentData";
import { cellChanges } from "../../safety/workbookDiff";

const rates = CURRENT_RATES;
type Cell = string | number;

/** Spellings the core accepts for each option, as schools type them. */
const SPELLINGS: Record<OptionNumber, Cell[]> = {
  1: ["Full Year", "full year", "Full Year - A Basis", "A Basis", 1],
  2: ["Outside Summer", "Outside of Summer", "outside summer", 2],
  3: ["Summer Only", "SUMMER ONLY", 3],
};

/** The CSV as Excel opens it, with Days bought, Option and Cost typed beside it: every school correct. */
function correctBudget(file: string): Cell[][] {
  const rows: string[][] = parse(fs.readFileSync(path.join(ENROLLMENT_DIR, file)), { skip_empty_lines: true });
  const header = rows[0];
  const enrollment = header.indexOf("enrollment");
  return [
    [...header, "Days bought", "Option", "Cost"],
    ...rows.slice(1).map((row, i) => {
      const cells = row.map((c): Cell => (/^\d{1,10}(\.\d+)?$/.test(c) ? Number(c) : c));
      const days = recommendDays(Number(row[enrollment]), rates).days;
      const option = ((i % 3) + 1) as OptionNumber;
      const spellings = SPELLINGS[option];
      return [...cells, days, spellings[i % spellings.length], annualCost(days, option, rates)];
    }),
  ];
}

/** A mistake of one kind, planted in a row: what it changes, and the findings the row must then show (in order). */
interface Plant {
  readonly kinds: FindingKind[];
  readonly text: RegExp;
  readonly apply: (row: Cell[], at: Columns) => void;
}
interface Columns {
  enrollment: number;
  days: number;
  option: number;
  cost: number;
}

const optionOf = (row: Cell[], at: Columns): OptionNumber => {
  const key = String(row[at.option]).toLowerCase();
  return key.startsWith("summer") || key === "3" ? 3 : key.startsWith("outside") || key === "2" ? 2 : 1;
};

const PLANTS: Plant[] = [
  {
    kinds: ["belowRecommendation"],
    text: /^Days \d is below the memo's recommendation for [\d,]+ students: \d days?\.$/,
    apply: (row, at) => {
      row[at.days] = (row[at.days] as number) - 1;
      row[at.cost] = annualCost(row[at.days] as number, optionOf(row, at), rates);
    },
  },
  { kinds: ["wrongCost"], text: /^Cost \$[\d,]+ is not the memo's price for \d days? (Full Year|Outside Summer|Summer Only): \$[\d,]+\.$/, apply: (row, at) => void (row[at.cost] = (row[at.cost] as number) + 100) },
  { kinds: ["unknownOption"], text: /^Unknown option "Fall Semester"\. Use 1 or "Full Year"/, apply: (row, at) => void (row[at.option] = "Fall Semester") },
  { kinds: ["invalidDays"], text: /^Days a week must be a whole number from 0 to 5 .*got 2\.5\.$/, apply: (row, at) => void (row[at.days] = 2.5) },
  { kinds: ["invalidDays"], text: /^Days a week must be a whole number from 0 to 5 .*got 6\.$/, apply: (row, at) => void (row[at.days] = 6) },
  { kinds: ["invalidDays"], text: /^Days a week must be a whole number from 0 to 5 .*got -1\.$/, apply: (row, at) => void (row[at.days] = -1) },
  { kinds: ["blankCost"], text: /^Cost is blank beside \d days? (Full Year|Outside Summer|Summer Only): the memo's price is \$[\d,]+\.$/, apply: (row, at) => void (row[at.cost] = "") },
  { kinds: ["blankOption"], text: /^Option is blank beside \d days?: enter 1 or "Full Year"/, apply: (row, at) => void (row[at.option] = "") },
  { kinds: ["belowRecommendation", "blankDays"], text: /^Days bought is blank, below the memo's recommendation .* Days bought is blank beside a cost of \$[\d,]+: enter the days/, apply: (row, at) => void (row[at.days] = "") },
  { kinds: ["invalidEnrollment"], text: /^Recommendation not checked: Enrollment must be a number; "n\/a" is text/, apply: (row, at) => void (row[at.enrollment] = "n/a") },
];

const describeData = hasEnrollmentData() ? describe : describe.skip;
if (!hasEnrollmentData()) console.warn(skipMessage());

jest.setTimeout(60_000);

async function reviewOnEmulation(grid: Cell[][]) {
  const book = createWorkbook({ sheets: { Budgets: grid } });
  installEmulatedOffice(globalThis, book);
  const before = book.snapshot();
  const read = await readReviewSource({ kind: "usedRange" });
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const columns = detectReviewColumns(read.source.values[0], rates);
  const plan = planReview(read.source, columns, rates);
  expect(await writeReview(plan)).toEqual({ kind: "done", blocks: 1 });
  const column = book.values("Budgets", plan.target.address).map((r) => String(r[0]));
  return { book, before, plan, columns, column };
}

describeData("review of a submitted budget built from every LAUSD school in the real data", () => {
  it("has the three files", () => expect(enrollmentFiles()).toHaveLength(3));

  describe.each(enrollmentFiles())("%s", (file) => {
    it("finds the columns by their headers among the file's own (educational_option_type is not the option)", () => {
      const header = correctBudget(file)[0];
      const columns = detectReviewColumns(header, rates);
      expect([columns.site, columns.enrollment, columns.days, columns.option, columns.cost].map((c) => header[c!])).toEqual([
        "school_name",
        "enrollment",
        "Days bought",
        "Option",
        "Cost",
      ]);
    });

    it("a correct sheet: every school OK, no finding of any kind, encumbrance per option as the core prices it", async () => {
      const grid = correctBudget(file);
      const { plan, column, book, before } = await reviewOnEmulation(grid);
      const schools = grid.length - 1;
      expect(column.slice(1)).toEqual(Array(schools).fill(OK_FINDING));
      expect(FINDING_KINDS.map((k) => plan.counts[k])).toEqual(FINDING_KINDS.map(() => 0));
      expect([plan.ok, plan.withFindings, plan.blanks]).toEqual([schools, 0, 0]);

      const at = grid[0].length - 3;
      for (const option of [1, 2, 3] as OptionNumber[]) {
        const rows = grid.slice(1).filter((_, i) => (i % 3) + 1 === option);
        expect(plan.totals[option - 1]).toEqual({
          option,
          sites: rows.length,
          days: rows.reduce((n, r) => n + (r[at] as number), 0),
          cost: rows.reduce((n, r) => n + (r[at + 2] as number), 0),
          price: rows.reduce((n, r) => n + annualCost(r[at] as number, option, rates), 0),
        });
      }
      expect(cellChanges(before, book.snapshot()).filter((c) => c.overwrote)).toEqual([]);
      const total = plan.totals.reduce((n, t) => n + t.cost, 0);
      console.log(`${file}: ${schools} schools reviewed, all OK; encumbrance ${plan.totals.map((t) => `$${t.cost.toLocaleString("en-US")}`).join(" / ")} (total $${total.toLocaleString("en-US")})`);
    });

    it("with mistakes of every kind planted at known rows: every one is found in its row, and nothing else", async () => {
      const grid = correctBudget(file);
      const width = grid[0].length;
      const at: Columns = { enrollment: grid[0].indexOf("enrollment"), days: width - 3, option: width - 2, cost: width - 1 };
      // Each plant three times, spread over the sheet; only rows recommended 2 days or more, so one fewer is still a day count.
      const candidates = grid.flatMap((row, i) => (i > 0 && (row[at.days] as number) >= 2 ? [i] : []));
      const planted = new Map<number, Plant>();
      PLANTS.forEach((plant, p) => {
        for (let copy = 0; copy < 3; copy++) {
          const index = candidates[Math.floor(((p * 3 + copy + 0.5) * candidates.length) / (PLANTS.length * 3))];
          plant.apply(grid[index], at);
          planted.set(index, plant);
        }
      });
      expect(planted.size).toBe(PLANTS.length * 3);

      const { plan, column, book, before } = await reviewOnEmulation(grid);
      column.forEach((text, i) => {
        if (i === 0) return;
        const plant = planted.get(i);
        if (plant) expect([i, text]).toEqual([i, expect.stringMatching(plant.text)]);
        else expect([i, text]).toEqual([i, OK_FINDING]);
      });
      const expected = Object.fromEntries(FINDING_KINDS.map((k) => [k, 3 * PLANTS.filter((p) => p.kinds.includes(k)).length]));
      expect(plan.counts).toEqual(expected);
      expect(plan.withFindings).toBe(planted.size);
      expect(plan.ok).toBe(grid.length - 1 - planted.size);

      // The ITS Review sheet shows the same counts; no user cell changed.
      const sheet = book.values(REVIEW_SHEET, "A1:B20");
      expect(sheet.find((r) => String(r[0]).startsWith("Days not a whole number"))?.[1]).toBe(9);
      expect(sheet.find((r) => String(r[0]).startsWith("Rows with at least one finding"))?.[1]).toBe(planted.size);
      expect(cellChanges(before, book.snapshot()).filter((c) => c.overwrote)).toEqual([]);
    });
  });
});
