/**
 * `npm run screenshots`: refreshes the README's pictures in docs/ from the browser tests that take them
 * (they otherwise save to a temporary folder). Needs the production build: `npm run build` first.
 */
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const files = ["test/e2e/pane.e2e.test.ts", "test/e2e/preview.e2e.test.ts", "test/e2e/preview-fill.e2e.test.ts"];
const jest = require.resolve("jest/bin/jest", { paths: [root] });
const run = spawnSync(process.execPath, [jest, "--config", "test/e2e/jest.config.js", "--runInBand", ...files], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, SCREENSHOT_DIR: path.join(root, "docs") },
});
process.exit(run.status ?? 1);
