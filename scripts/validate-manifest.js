// `npm run validate`: checks manifest.xml (and dist/manifest.xml when a production build exists) offline,
// then with Microsoft's online validator where it is reachable. Exits 1 when the manifest is invalid and
// when the validator could not run at all ("ERROR", with the cause); an unreachable validator is not a failure.
const { execFile } = require("child_process");
const fs = require("fs");
const path = require("path");
const { checkManifest, SCHEMA_DIR } = require("./manifest-checks");
const { versionRuleError } = require("./functions-metadata");

const ROOT = path.resolve(__dirname, "..");
const DEV_ORIGIN = "https://localhost:3000";

/**
 * Microsoft's validator, through the office-addin-manifest CLI. Tells apart a verdict on the manifest
 * ("valid" / "invalid"), a service that cannot be reached or answered with an error ("unreachable": no
 * verdict, the offline checks stand) and a CLI that could not run at all ("broken": never a verdict).
 */
function onlineValidation(file) {
  // MANIFEST_VALIDATOR_CLI lets the tests stand in a validator that crashes, refuses or cannot connect.
  const cli = process.env.MANIFEST_VALIDATOR_CLI || path.join(ROOT, "node_modules/office-addin-manifest/cli.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, "validate", file], { timeout: 60000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      if (/The manifest is valid\./.test(output) && !error) resolve({ outcome: "valid" });
      else if (/The manifest is not valid\./.test(output)) resolve({ outcome: "invalid", output });
      else if (/Unable to contact|Unable to validate the manifest|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET/.test(output) || error?.killed) {
        resolve({ outcome: "unreachable" });
      } else resolve({ outcome: "broken", output: output || error?.message || "no output" });
    });
  });
}

/** What to do when the CLI itself fails: the usual cause is an incomplete node_modules. */
function brokenCliMessage(output) {
  const firstLine = output.split("\n").find((l) => l.trim()) || output;
  const missing = /Cannot find module '([^']+)'/.exec(output);
  const fix = missing
    ? `a package it needs is missing (${missing[1]}): run \`npm ci\` again; if it stays missing, declare it in package.json.`
    : "run `npm ci` again, then `node node_modules/office-addin-manifest/cli.js validate manifest.xml` to see the full error.";
  return `Microsoft's validator (office-addin-manifest) could not run: ${firstLine.trim()}. This says nothing about the manifest. To fix: ${fix}`;
}

async function validate(file, origin) {
  const { schema, project } = await checkManifest(fs.readFileSync(file, "utf8"), path.basename(file), { origin });
  const problems = [...(schema || []).map((e) => `schema: ${e}`), ...project];
  if (schema === null) console.warn(`  (XSD schemas not found in ${SCHEMA_DIR}: schema check skipped; set MANIFEST_SCHEMA_DIR)`);
  const online = problems.length ? null : await onlineValidation(file);
  const toolFailure = online?.outcome === "broken" ? brokenCliMessage(online.output) : null;
  if (online?.outcome === "unreachable") console.log("  Microsoft's online validator is unreachable from here: offline checks only (they passed).");
  if (online?.outcome === "invalid") problems.push(`Microsoft's validator says the manifest is not valid:\n${online.output}`);
  const verdict = problems.length ? "FAIL" : toolFailure ? "ERROR" : "ok  ";
  console.log(`${verdict} ${path.relative(ROOT, path.resolve(file))}`);
  for (const p of problems) console.log(`  - ${p}`);
  if (toolFailure) console.log(`  - ${toolFailure}`);
  return problems.length === 0 && !toolFailure;
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
