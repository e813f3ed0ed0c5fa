/**
 * Done-when of issue 12, item 4: after a quote and a live fill of the sample sheet, "Make this sheet work without the
 * add-in" on both sheets, the .xlsx the preview downloads (src/preview/files.ts toXlsx) recalculates in LibreOffice
 * to the same numbers. LibreOffice must not show the values cached in the file: the profile below says recalculate on
 * load (Calc > Formula > "Recalculation on file load", OOXMLRecalcMode 0 = always), and one enrollment is changed in
 * the file without its cached results, so only a real recalculation shows that row right.
 * Without `soffice` the test fails on CI (process.env.CI) and is skipped elsewhere.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { CURRENT_RATES, annualCost, recommendDays } from "../../../src/core";
import { parseCsv, toXlsx } from "../../../src/preview/files";
import { SAMPLE_SHEET } from "../../../src/preview/sample";
import { applyPortable, checkPortable } from "../../../src/workbook/excel/portable";
import { liveWorkbook } from "./support";

const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
if (!soffice && !process.env.CI) console.warn("LibreOffice (soffice) is not installed: the portable-conversion recalculation test is skipped. Install libreoffice-calc to run it.");
const withSoffice = soffice || process.env.CI ? test : test.skip;

/** Sheets of an .xlsx as LibreOffice recalculates them on load: sheet name -> rows of raw values. */
function recalculated(xlsx: string, dir: string, sheets: readonly string[]): Map<string, string[][]> {
  const profile = path.join(dir, "lo-profile");
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  const always = (name: string) => `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${always("OOXMLRecalcMode")}</oor:items>\n`,
  );
  const out = path.join(dir, "csv");
  // Comma, double quote, UTF-8, raw values (not as shown), every sheet (-1) to its own file "<name>-<sheet>.csv".
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1";
  const run = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", filter, "--outdir", out, xlsx], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr || run.stdout}`);
  const base = path.basename(xlsx, ".xlsx");
  return new Map(sheets.map((s) => [s, parseCsv(fs.readFileSync(path.join(out, `${base}-${s}.csv`), "utf8"))]));
}

const shownAs = (v: unknown) => (typeof v === "string" && /^(#|Err:)/.test(v) ? "an error" : String(v ?? ""));

withSoffice(
  "a live fill and live quotes made portable recalculate in LibreOffice to the same numbers, and follow a changed enrollment",
  async () => {
    if (!soffice) throw new Error("LibreOffice (soffice) is required on CI for this test: install libreoffice-calc.");
    const book = await liveWorkbook();
    const sheets = [SAMPLE_SHEET, "ITS Budget"];
    const before = new Map(sheets.map((s) => [s, book.values(s, book.usedRange(s, false))]));
    for (const sheet of sheets) {
      const checked = await checkPortable("portable", sheet);
      if (checked.kind !== "plan") throw new Error(checked.message);
      expect(checked.plan.changes.length).toBeGreaterThan(0);
      expect((await applyPortable("portable", checked.plan.token, sheet)).kind).toBe("done");
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "its-portable-lo-"));
    try {
      const file = new ExcelJS.Workbook();
      await file.xlsx.load(await toXlsx(book));
      // No LAUSD function is left in the file: LibreOffice would show #NAME? for it.
      file.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(String(cell.formula ?? "")).not.toMatch(/LAUSD/i))));
      file.getWorksheet(SAMPLE_SHEET)!.getCell("C2").value = 801;
      const xlsx = path.join(dir, "budget.xlsx");
      await file.xlsx.writeFile(xlsx);
      const shown = recalculated(xlsx, dir, sheets);

      const wanted = new Map([...before].map(([s, rows]) => [s, rows.map((row) => row.map(shownAs))]));
      // Row 2 of the sample now has 801 students: 5 days and the memo's prices for 5 days.
      const five = recommendDays(801, CURRENT_RATES).days;
      wanted.get(SAMPLE_SHEET)![1].splice(2, 1, "801");
      wanted.get(SAMPLE_SHEET)![1].splice(4, 4, String(five), ...([1, 2, 3] as const).map((o) => String(annualCost(five, o, CURRENT_RATES))));
      for (const sheet of sheets) {
        const got = shown.get(sheet)!.map((row) => row.map(shownAs));
        expect([sheet, got.slice(0, wanted.get(sheet)!.length).map((row, i) => row.slice(0, wanted.get(sheet)![i].length))]).toEqual([sheet, wanted.get(sheet)]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  120_000,
);
