// `npm run audit:prod`: npm audit of what ships (dependencies only: React and Fluent UI), failing on high or
// critical advisories. Where the registry's advisory service cannot be reached it says so and exits 0, so an
// offline machine is told plainly that no audit ran rather than failing or passing silently.
const { spawnSync } = require("child_process");

const run = spawnSync("npm", ["audit", "--omit=dev", "--omit=optional", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`npm audit gave no report:\n${run.stdout}${run.stderr}`);
  process.exit(1);
}
if (!report.metadata) {
  console.log(`npm audit NOT RUN: the advisory service is unreachable from this machine (${report.message || report.error?.summary || "no report"}).`);
  process.exit(0);
}
const { high = 0, critical = 0, moderate = 0, low = 0 } = report.metadata.vulnerabilities;
console.log(`npm audit of production dependencies: ${critical} critical, ${high} high, ${moderate} moderate, ${low} low.`);
process.exit(high + critical > 0 ? 1 : 0);
