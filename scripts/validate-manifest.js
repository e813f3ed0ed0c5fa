/* eslint-disable no-undef */
// `npm run validate`: checks manifest.xml (and dist/manifest.xml when a production build exists) offline,
// then with Microsoft's online validator where it is reachable. Exits 1 on any problem.
const { execFile } = require("child_process");
const fs = require("fs");
const path = require("path");
const { checkManifest, SCHEMA_DIR } = require("./manifest-checks");
const { versionRuleError } = require("./functions-metadata");

const ROOT = path.resolve(__dirname, "..");
const DEV_ORIGIN = "https://localhost:3000";

function onlineValidation(file) {
  const cli = path.join(ROOT, "node_modules/.bin/office-addin-manifest");
  return new Promise((resolve) => {
    execFile(cli, ["validate", file], { timeout: 60000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (/Unable to contact|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(output) || error?.killed) resolve({ reachable: false });
      else resolve({ reachable: true, ok: !error, output });
    });
  });
}

async function validate(file, origin) {
  const { schema, project } = await checkManifest(fs.readFileSync(file, "utf8"), path.basename(file), { origin });
  const problems = [...(schema || []).map((e) => `schema: ${e}`), ...project];
  if (schema === null) console.warn(`  (XSD schemas not found in ${SCHEMA_DIR}: schema check skipped; set MANIFEST_SCHEMA_DIR)`);
  const online = problems.length ? null : await onlineValidation(file);
  if (online && !online.reachable) console.log("  Microsoft's online validator is unreachable from here; offline checks only.");
  if (online?.reachable && !online.ok) problems.push(`online validator: ${online.output.trim()}`);
  console.log(`${problems.length ? "FAIL" : "ok  "} ${path.relative(ROOT, path.resolve(file))}`);
  for (const p of problems) console.log(`  - ${p}`);
  return problems.length === 0;
}

(async () => {
  const files = process.argv.slice(2);
  if (!files.length) files.push("manifest.xml");
  let ok = true;
  for (const file of files) ok = (await validate(file, path.resolve(file) === path.join(ROOT, "manifest.xml") ? DEV_ORIGIN : undefined)) && ok;
  const distManifest = path.join(ROOT, "dist/manifest.xml");
  if (!files.some((f) => path.resolve(f) === distManifest) && fs.existsSync(distManifest)) {
    // A build's URLs must all share the origin of its SourceLocation: one missed rewrite fails here.
    ok = (await validate(distManifest, undefined)) && ok;
  }
  const versionError = await versionRuleError();
  if (versionError) console.log(`FAIL functions metadata version rule\n  - ${versionError}`);
  process.exit(ok && !versionError ? 0 : 1);
})().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
