#!/usr/bin/env node
/**
 * Review mode at 1,008 and 100,000 rows on the Excel emulation: syncs, requests, blocks, bytes, CPU and wall time of
 * readReviewSource + planReview + writeReview (src/workbook/excel/review.ts, unchanged). The sheet is the 2019-20
 * LAUSD schools (repeated for 100,000 rows) at their recommended days, priced at the memo's table, with one row in
 * a hundred given a wrong cost, so the findings column holds both kinds of text.
 *
 *   node scripts/bench-review.js            # prints a Markdown table
 *   require("./bench-review").benchReview(n) # one measurement, for scripts/bench.js
 */
const fs = require("fs");
const path = require("path");
const { registerTypeScript } = require("./typescript-require");

const ROOT = path.resolve(__dirname, "..");
const DATA = path.resolve(ROOT, "../shared/data/lausd-enrollment/enrollment-2019-20-cde.csv");

/** `n` rows of [school, enrollment]: the real 2019-20 schools repeated, or (without the data) made-up enrollments. */
function schools(n) {
  if (!fs.existsSync(DATA)) return { source: "synthetic (real data not found)", rows: Array.from({ length: n }, (_, i) => [`School ${i + 1}`, (i * 37) % 1500]) };
  const { parse } = require("csv-parse/sync");
  const real = parse(fs.readFileSync(DATA), { columns: true, skip_empty_lines: true });
  return { source: "enrollment-2019-20-cde.csv", rows: Array.from({ length: n }, (_, i) => [real[i % real.length].school_name, Number(real[i % real.length].enrollment)]) };
}

/** A submitted budget of `n` rows: header, then site, enrollment, days bought, option, cost. */
function budget(n) {
  const { CURRENT_RATES: rates, annualCost, recommendDays } = require(path.join(ROOT, "src/core"));
  const { source, rows } = schools(n);
  const sheet = rows.map(([site, enrollment], i) => {
    const days = recommendDays(enrollment, rates).days;
    const option = (i % 3) + 1;
    const cost = annualCost(days, option, rates) + (i % 100 === 7 ? 1 : 0);
    return [site, enrollment, days, rates.options[option - 1].name, cost];
  });
  return { source, sheet: [["School", "Enrollment", "Days bought", "Option", "Cost"], ...sheet] };
}

async function benchReview(n) {
  if (!require.extensions[".ts"]) registerTypeScript();
  const { createWorkbook, installEmulatedOffice } = require(path.join(ROOT, "src/preview/excel-emulation"));
  const { readReviewSource, writeReview } = require(path.join(ROOT, "src/workbook/excel/review.ts"));
  const { detectReviewColumns, planReview } = require(path.join(ROOT, "src/workbook/review"));
  const { CURRENT_RATES } = require(path.join(ROOT, "src/core"));
  const { source, sheet } = budget(n);
  // Constants as entered, formulas not computed: the bench times the add-in's work, not a formula engine's.
  const evaluator = () => (s, row, column) => s.cell(row, column)?.input ?? "";
  const book = createWorkbook({ evaluator, sheets: { Budgets: sheet } });
  installEmulatedOffice(global, book);
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const read = await readReviewSource({ kind: "usedRange" });
  if (read.kind !== "read") throw new Error(JSON.stringify(read));
  const readRequests = book.instrumentation.requests.length;
  const cpu1 = process.cpuUsage();
  const plan = planReview(read.source, detectReviewColumns(read.source.values[0], CURRENT_RATES), CURRENT_RATES);
  const planCpu = process.cpuUsage(cpu1);
  const written = await writeReview(plan);
  if (written.kind !== "done") throw new Error(JSON.stringify(written));
  const cpu = process.cpuUsage(cpu0);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const requests = book.instrumentation.requests;
  const last = book.values("Budgets", `F${n + 1}`)[0][0];
  if (!last) throw new Error(`last row not reviewed (F${n + 1} is empty)`);
  return {
    rows: n,
    source,
    syncs: book.instrumentation.syncCalls,
    readRequests,
    writeBlocks: plan.blocks.length,
    maxRequestBytes: Math.max(...requests.map((r) => r.bytes)),
    maxResponseBytes: Math.max(...requests.map((r) => r.responseBytes)),
    findings: plan.withFindings,
    cpuMs: (cpu.user + cpu.system) / 1000,
    planCpuMs: (planCpu.user + planCpu.system) / 1000,
    wallMs,
  };
}

/** The figures as a Markdown table. */
function reviewTable(results) {
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const ms = (x) => `${x.toFixed(0)} ms`;
  const rows = results.map((r) =>
    `| ${r.rows.toLocaleString("en-US")} | ${r.syncs} | ${r.readRequests} | ${r.writeBlocks} | ${kb(r.maxRequestBytes)} | ${kb(r.maxResponseBytes)} | ${r.findings.toLocaleString("en-US")} | ${ms(r.cpuMs)} / ${ms(r.planCpuMs)} | ${ms(r.wallMs)} |`,
  );
  return [
    "| rows | syncs | read requests | write blocks | largest request | largest response | rows with findings | CPU: all / planReview | wall |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

module.exports = { benchReview, reviewTable };

async function main() {
  const results = [];
  for (const n of [1008, 100_000]) results.push(await benchReview(n));
  console.log(`Review mode on the Excel emulation (${results[0].source}; one row in 100 with a wrong cost):\n`);
  console.log(reviewTable(results));
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
