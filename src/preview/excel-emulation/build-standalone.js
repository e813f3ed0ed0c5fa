/**
 * Builds the emulation as one browser script (an IIFE, HyperFormula included) for browser tests:
 *   const { buildStandalone } = require("../../src/preview/excel-emulation/build-standalone.js");
 *   const file = await buildStandalone(); // default: <os tmp>/excel-emulation/excel-emulation.js
 * or from a shell: node src/preview/excel-emulation/build-standalone.js [outFile]
 */
const os = require("os");
const path = require("path");
const webpack = require("webpack");

const root = path.resolve(__dirname, "../../..");

function buildStandalone(outFile = path.join(os.tmpdir(), "excel-emulation", "excel-emulation.js")) {
  const config = {
    mode: "production",
    context: root,
    entry: path.join(__dirname, "standalone.ts"),
    output: { path: path.dirname(outFile), filename: path.basename(outFile), iife: true },
    // Readable stack traces in test failures matter more than size here.
    optimization: { minimize: false },
    devtool: false,
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } } }],
    },
    performance: { hints: false },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(outFile);
    });
  });
}

module.exports = { buildStandalone };

if (require.main === module) {
  buildStandalone(process.argv[2] && path.resolve(process.argv[2])).then(
    (file) => console.log(`Excel emulation bundle: ${file}`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
