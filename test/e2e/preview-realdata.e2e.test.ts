/**
 * Real LAUSD data in the preview: the 1,008 schools of 2019-20 are opened as a CSV (codes kept as text), filled from the
 * pane with live formulas, and the workbook's totals per option (computed in the page by the LAUSD
 * functions) equal the core's; the fill takes at most 3 syncs. Skips when the data folder is absent.
 */
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { CURRENT_RATES, annualCost, parseEnrollment, recommendDays } from "../../src/core";
import { parseCsv } from "../../src/preview/files";
import { MODE_LABELS } from "../../src/workbook/fill";
import { previewSession } from "./preview-support/session";

const CSV = resolve(__dirname, "../../../shared/data/lausd-enrollment/enrollment-2019-20-cde.csv");
const present = existsSync(CSV);
if (!present) console.warn(`Skipping the real-data preview test: ${CSV} is absent (see the team's shared data folder).`);

const preview = previewSession(present);

(present ? test : test.skip)("the 1,008 schools of 2019-20: opened as CSV, filled with live formulas, totals per option match the core", async () => {
  const rows = parseCsv(readFileSync(CSV, "utf8")).filter((r) => r.some((v) => v !== ""));
  const enrollment = rows[0].indexOf("enrollment");
  const days = rows.slice(1).map((r) => parseEnrollment(r[enrollment])).map((p) => (p.kind === "ok" ? recommendDays(p.value, CURRENT_RATES).days : 0));
  expect(days).toHaveLength(1008);
  const expected = CURRENT_RATES.options.map((o) => days.reduce((sum, d) => sum + annualCost(d, o.number, CURRENT_RATES), 0));

  const { page, errors } = await preview.open();
  await page.getByTestId("open-file").setInputFiles(CSV);
  await page.getByTestId("preview-status").getByText(/Opened enrollment-2019-20-cde\.csv/).waitFor();
  // Codes keep their leading zeros and digits, as the file has them (school_code 0100289, a 14-digit cds_code).
  await page.getByTestId("preview-status").getByText(/Kept "cds_code", "school_code", "charter_number" as text/).waitFor();
  const names = rows[0];
  const sheet = (await page.evaluate("window.__excelWorkbook.activeSheet()")) as string;
  const opened = (await page.evaluate(`window.__excelWorkbook.values(${JSON.stringify(sheet)}, "A2:T2")`)) as unknown[][];
  expect(opened[0][names.indexOf("school_code")]).toBe(rows[1][names.indexOf("school_code")]);
  expect(opened[0][names.indexOf("cds_code")]).toBe(rows[1][names.indexOf("cds_code")]);
  expect(opened[0][names.indexOf("enrollment")]).toBe(Number(rows[1][names.indexOf("enrollment")]));

  await page.getByRole("tab", { name: "Fill a sheet" }).click();
  await page.getByRole("radio", { name: "The whole active sheet" }).check();
  await page.getByRole("button", { name: "Read sites" }).click();
  await page.getByText("Found 1,008 rows").waitFor({ timeout: 60_000 });
  for (const o of CURRENT_RATES.options) await page.getByRole("checkbox", { name: new RegExp(`^${o.name} \\(`) }).check();
  await page.getByRole("radio", { name: MODE_LABELS.live }).check();
  // The fill reads the sheet again before writing: its syncs count from the Fill click.
  const syncsBefore = (await page.evaluate("window.__excelWorkbook.instrumentation.syncCalls")) as number;
  await page.getByRole("button", { name: "Fill 1,008 rows" }).click();
  await page.getByText("Sheet filled").waitFor({ timeout: 60_000 });
  expect(((await page.evaluate("window.__excelWorkbook.instrumentation.syncCalls")) as number) - syncsBefore).toBeLessThanOrEqual(3);

  // The summary's "All sites" row, as the page's formula engine computed it.
  const summary = (await page.evaluate('window.__excelWorkbook.values("ITS Summary", "A1:E12")')) as unknown[][];
  const header = summary.find((r) => r.includes("Full Year"))!;
  const all = summary.find((r) => r[0] === "All sites")!;
  expect(CURRENT_RATES.options.map((o) => all[header.indexOf(o.name)])).toEqual(expected);
  expect(errors).toEqual([]);
  await page.close();
});
