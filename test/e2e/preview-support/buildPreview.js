// Builds the preview page (the development target of webpack.config.js) into a temporary folder for
// the preview browser tests. The folder is named after the sources' sizes and times, so the test
// files of one run (and later runs on unchanged sources) share one build. dist/ is left alone: the
// other browser tests use the production build there.
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const webpack = require("webpack");

const root = path.resolve(__dirname, "../../..");

function sourceStamp() {
  const hash = crypto.createHash("sha256");
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else {
        const { size, mtimeMs } = fs.statSync(file);
        hash.update(`${path.relative(root, file)}:${size}:${mtimeMs}\n`);
      }
    }
  };
  visit(path.join(root, "src"));
  for (const f of ["webpack.config.js", "package-lock.json", "manifest.xml"]) hash.update(`${f}:${fs.statSync(path.join(root, f)).mtimeMs}\n`);
  return hash.digest("hex").slice(0, 16);
}

function buildPreview() {
  const outDir = path.join(os.tmpdir(), `its-preview-${sourceStamp()}`);
  if (fs.existsSync(path.join(outDir, "preview.html"))) return Promise.resolve(outDir);
  const workDir = `${outDir}-${process.pid}`;
  const config = require(path.join(root, "webpack.config.js"))({}, { mode: "development" });
  config.context = root;
  config.mode = "development";
  config.devtool = false;
  config.output = { ...config.output, path: workDir };
  // tsc and jest type-check the sources; the test build only needs JavaScript, fast.
  config.module.rules = config.module.rules.map((rule) =>
    String(rule.test) === String(/\.tsx?$/) ? { test: /\.tsx?$/, exclude: /node_modules/, loader: "ts-loader", options: { transpileOnly: true } } : rule,
  );
  return new Promise((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      // Complete builds only: another run may have finished the same one meanwhile.
      try {
        fs.renameSync(workDir, outDir);
      } catch {
        fs.rmSync(workDir, { recursive: true, force: true });
      }
      resolve(outDir);
    });
  });
}

module.exports = { buildPreview };
