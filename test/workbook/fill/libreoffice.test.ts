/**
 * Done-when of issue 10: a CSV opened as sheet FY25 (a name Excel must quote in formulas) is filled in portable mode
 * through the real adapter on the Excel emulation, downloaded as the preview downloads it (src/preview/files.ts
 * toXlsx), and recalculated by LibreOffice to the core's numbers. LibreOffice must not show the values cached in the
 * file: its profile says recalculate on load (Calc > Formula > "Recalculation on file load", OOXMLRecalcMode 0 =
 * always), and one enrollment is changed in the file without its cached results, so only a real recalculation shows
 * that row right.
 * Without `soffice` the test fails on CI (process.env.CI) and is skipped elsewhere.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { CURRENT_RATES, annualCost, parseEnrollment, recommendDays } from "../../../src/core";
import { parseCsv, openFile, toXlsx } from "../../../src/preview/files";
import { createWorkbook, installEmulatedOffice } from "../../../src/preview/excel-emulation";
import { readFillSource, writeFill } from "../../../src/workbook/excel/fill";
import { SUMMARY_SHEET, detectColumns, planFill } from "../../../src/workbook/fill";
import { enrollmentFiles, readSchools } from "../../support/enrollmentData";

const rates = CURRENT_RATES;
const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasSoffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the LibreOffice recalculation test is skipped. Install it (apt-get install libreoffice-calc) to run it.");
const testWithSoffice = hasSoffice || process.env.CI ? test : test.skip;

/** The real schools when the data is here, else a few; plus boundaries, a blank, text, a refused value and a total. */
function csvText(): string {
  const file = enrollmentFiles()[0];
  const schools = file ? readSchools(file).map((s) => [s.name, s.enrollment]) : [["Alpha ES", "523"], ["Beta MS", "1008"]];
  const extra = [["Edge 200", "200"], ["Edge 200.5", "200.5"], ["Edge 801", "801"], ["Grouped", "1,024"], ["Blank", ""], ["Refused", "n/a"], ["Negative", "-4"], ["Total", "999999"]];
  const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [["School Name", "Enrollment"], ...schools, ...extra].map((row) => row.map(field).join(",")).join("\n");
}

/** LibreOffice's Calc profile: recalculate every formula of an .xlsx (and .ods) when it is loaded. */
function recalculatingProfile(dir: string): string {
  const user = path.join(dir, "profile", "user");
  fs.mkdirSync(user, { recursive: true });
  const item = (name: string) => `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(user, "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${item("OOXMLRecalcMode")}${item("ODFRecalcMode")}</oor:items>\n`,
  );
  return `file://${path.join(dir, "profile")}`;
}

/** Every sheet of an .xlsx as CSV, as LibreOffice computes it: file name -> rows (raw values, not as shown). */
function libreOfficeSheets(xlsx: string, dir: string): Map<string, string[][]> {
  const out = path.join(dir, "out");
  // CSV filter options: comma, double quote, UTF-8, from line 1, ..., values not as shown, all sheets (-1), one file each.
  const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1';
  const run = spawnSync("soffice", [`-env:UserInstallation=${recalculatingProfile(dir)}`, "--headless", "--convert-to", filter, "--outdir", out, xlsx], { encoding: "utf8", timeout: 50_000 });
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr || run.stdout}`);
  return new Map(fs.readdirSync(out).map((f) => [f, parseCsv(fs.readFileSync(path.join(out, f), "utf8"))]));
}

testWithSoffice(
  "a CSV opened as sheet FY25, filled in portable mode, recalculates in LibreOffice to the core's numbers",
  async () => {
    if (!hasSoffice) throw new Error("LibreOffice (soffice) is required on CI for this test: install libreoffice-calc.");
    const book = createWorkbook({ sheets: {} });
    installEmulatedOffice(globalThis, book);
    const opened = await openFile(book, new File([csvText()], "FY25.csv", { type: "text/csv" }));
    expect(opened.sheets).toEqual(["FY25"]);
    const read = await readFillSource({ kind: "usedRange" });
    if (read.kind !== "read") throw new Error(JSON.stringify(read));
    const columns = detectColumns(read.source.formulas[0], rates);
    const plan = planFill(read.source, { enrollmentColumn: columns.enrollment!, siteColumn: columns.site, options: [1, 2, 3], mode: "portable" }, rates);
    expect(await writeFill(plan)).toEqual({ kind: "done", blocks: plan.blocks.length });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "its-lo-"));
    try {
      // Change the first school's enrollment in the file, keeping every cached result: only a recalculation shows it.
      const file = new ExcelJS.Workbook();
      await file.xlsx.load(await toXlsx(book));
      file.getWorksheet("FY25")!.getCell("B2").value = 801;
      const xlsx = path.join(dir, "budget.xlsx");
      await file.xlsx.writeFile(xlsx);
      const sheets = libreOfficeSheets(xlsx, dir);
      const data = sheets.get("budget-FY25.csv");
      const summary = sheets.get(`budget-${SUMMARY_SHEET}.csv`);
      expect([data !== undefined, summary !== undefined, [...sheets.keys()]]).toEqual([true, true, expect.any(Array)]);

      const expected = { days: [0, 0, 0, 0, 0], cost: [0, 0, 0], sites: 0 };
      const rows = read.source.values.slice(1);
      const wrong: string[] = [];
      rows.forEach((row, i) => {
        const enrollment = i === 0 ? 801 : row[columns.enrollment!];
        const parsed = parseEnrollment(enrollment);
        const shown = data![i + 1].slice(2, 6); // days and the three costs, beside the two columns of the CSV
        const label = String(row[0]);
        let want: string[];
        if (label === "Total" || parsed.kind === "blank") want = ["", "", "", ""];
        else if (parsed.kind === "invalid") want = shown.map((v) => (/^(#|Err:)/.test(v) ? v : "an error"));
        else {
          const days = recommendDays(parsed.value, rates).days;
          const costs = ([1, 2, 3] as const).map((o) => annualCost(days, o, rates));
          expected.days[days - 1]++;
          costs.forEach((c, o) => (expected.cost[o] += c));
          expected.sites++;
          want = [String(days), ...costs.map(String)];
        }
        if (JSON.stringify(shown) !== JSON.stringify(want)) wrong.push(`row ${i + 2} ${label} ${String(enrollment)}: LibreOffice ${shown.join(" ")}, core ${want.join(" ")}`);
      });
      expect(wrong).toEqual([]);
      expect(summary![9].slice(0, 5)).toEqual(["All sites", ...expected.cost.map(String), String(expected.sites)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  90_000,
);
