// Excel caches a custom function's metadata (functions.json) for up to a day per manifest version, so a
// metadata change must ship with a new manifest <Version>. src/functions/metadata.lock.json records the
// metadata's hash and the manifest version it shipped with; `npm run validate` and the tests enforce it.
//   node scripts/functions-metadata.js --lock   records the current metadata after you bumped <Version>
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const ROOT = path.resolve(__dirname, "..");
const SOURCE = path.join(ROOT, "src/functions/functions.ts");
const LOCK = path.join(ROOT, "src/functions/metadata.lock.json");

async function metadataHash() {
  const result = await generateCustomFunctionsMetadata([SOURCE], false);
  if (result.errors.length) throw new Error(`functions.ts metadata errors:\n${result.errors.join("\n")}`);
  return crypto.createHash("sha256").update(result.metadataJson).digest("hex");
}

const manifestVersion = (manifestPath) => /<Version>([^<]+)<\/Version>/.exec(fs.readFileSync(manifestPath, "utf8"))[1];

const newer = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
};

/** An error message when the metadata changed but the manifest version did not, else null. */
async function versionRuleError(manifestPath = path.join(ROOT, "manifest.xml")) {
  const lock = JSON.parse(fs.readFileSync(LOCK, "utf8"));
  if ((await metadataHash()) === lock.sha256) return null;
  const version = manifestVersion(manifestPath);
  const bump = newer(version, lock.manifestVersion)
    ? `then run \`npm run lock:functions\` to record it.`
    : `bump <Version> in manifest.xml above ${lock.manifestVersion}, then run \`npm run lock:functions\`.`;
  return `The custom functions' metadata (functions.json) changed since manifest version ${lock.manifestVersion}: Excel caches it for a day per version, so ${bump}`;
}

async function lock(manifestPath = path.join(ROOT, "manifest.xml")) {
  const previous = fs.existsSync(LOCK) ? JSON.parse(fs.readFileSync(LOCK, "utf8")) : null;
  const sha256 = await metadataHash();
  const version = manifestVersion(manifestPath);
  if (previous && previous.sha256 !== sha256 && !newer(version, previous.manifestVersion)) {
    throw new Error(`Bump <Version> in manifest.xml above ${previous.manifestVersion} first: the metadata changed.`);
  }
  fs.writeFileSync(LOCK, JSON.stringify({ manifestVersion: version, sha256 }, null, 2) + "\n");
  console.log(`Recorded functions.json ${sha256.slice(0, 12)} for manifest version ${version}.`);
}

if (require.main === module && process.argv.includes("--lock")) {
  lock().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}

module.exports = { versionRuleError, metadataHash, newer };
