// Bundles fakeOffice.ts (the Excel emulation installed as Office/Excel globals) for the browser.
// Test-only: it includes HyperFormula (GPL-3.0), which never ships in the add-in.
const os = require("os");
const path = require("path");
const webpack = require("webpack");

function buildFakeOffice() {
  const outDir = path.join(os.tmpdir(), `its-e2e-${process.pid}`);
  const compiler = webpack({
    mode: "development",
    devtool: false,
    target: "web",
    entry: path.resolve(__dirname, "fakeOffice.ts"),
    output: { path: outDir, filename: "office.js" },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
    },
    performance: { hints: false },
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve(path.join(outDir, "office.js"));
    }),
  );
}

module.exports = { buildFakeOffice };
