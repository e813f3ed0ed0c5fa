// Builds the preview page (the development target of webpack.config.js) into a temporary folder for
// the preview browser tests, once per test run (the folder is kept in process.env between files).
// dist/ is left alone: the other browser tests use the production build there.
const os = require("os");
const path = require("path");
const webpack = require("webpack");

const root = path.resolve(__dirname, "../../..");

function buildPreview() {
  if (process.env.ITS_PREVIEW_DIST) return Promise.resolve(process.env.ITS_PREVIEW_DIST);
  const outDir = path.join(os.tmpdir(), `its-preview-${process.pid}`);
  const config = require(path.join(root, "webpack.config.js"))({}, { mode: "development" });
  config.context = root;
  config.mode = "development";
  config.devtool = false;
  config.output = { ...config.output, path: outDir };
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
      process.env.ITS_PREVIEW_DIST = outDir;
      resolve(outDir);
    });
  });
}

module.exports = { buildPreview };
