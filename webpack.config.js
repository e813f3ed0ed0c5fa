const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const LicensePlugin = require("webpack-license-plugin");
const { sources } = require("webpack");

const urlDev = "https://localhost:3000/";
// Where the production build is hosted. Set it with `npm run build -- --env urlProd=https://host/path/`
// or the ADDIN_URL_PROD environment variable; the placeholder below is not a real host.
const urlProdPlaceholder = "https://its-budget-addin.example.org/";

/** Rewrites every dev URL (not just the first, unlike the Office templates) in the emitted manifest, metadata and pages. */
class RewriteDevUrls {
  constructor(urlProd) {
    this.urlProd = urlProd;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RewriteDevUrls", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "RewriteDevUrls", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          for (const name of Object.keys(assets).filter((n) => /\.(xml|json|html)$/.test(n))) {
            const text = assets[name].source().toString();
            if (text.includes(urlDev)) {
              compilation.updateAsset(name, new sources.RawSource(text.split(urlDev).join(this.urlProd)));
            }
          }
        },
      );
    });
  }
}

/** The notice shipped beside the bundle: every third-party package in it, with its license text. */
function licenseNotice(packages) {
  const sections = packages.map((p) =>
    [`${p.name} ${p.version}`, `License: ${p.license}`, p.repository ? `Repository: ${p.repository}` : null, "", (p.licenseText || "(no license file in the package)").trim()]
      .filter((line) => line !== null)
      .join("\n"),
  );
  return `Third-party software in the ITS Support Budget add-in (dist/). Generated at build time.\n\n${sections.join("\n\n" + "-".repeat(78) + "\n\n")}\n`;
}

/**
 * Excel on the web reads functions.json from its own origin (office-js #3970, Excel-Custom-Functions #212), so
 * the metadata needs CORS; the pages, scripts and source maps are loaded by Office's own frame and need none.
 */
const CORS_PATHS = new Set(["/functions.json"]);

/** The pane's first screen, rendered from the current sources in a fresh Node process (scripts/prerender-pane.js). */
function prerenderPane(dev) {
  const { execFileSync } = require("child_process");
  const env = { ...process.env, NODE_ENV: dev ? "development" : "production" };
  return JSON.parse(execFileSync(process.execPath, [path.resolve(__dirname, "scripts/prerender-pane.js")], { encoding: "utf8", env, maxBuffer: 16 * 2 ** 20 }));
}

/**
 * The page's script tags: functions.js and boot.js deferred; the pane's bundle preloaded (fetched at once, at the
 * same priority as a script), for boot.js to run once the pre-rendered pane has been painted.
 */
function paneScriptTags(files) {
  return files
    .map((src) => (/(^|\/)taskpane\.js$/.test(src) ? `<link rel="preload" as="script" href="${src}" data-pane-bundle />` : `<script defer src="${src}"></script>`))
    .join("\n    ");
}

/**
 * taskpane.html from its template: the add-in's scripts (deferred) at `<!-- scripts -->`, after the CSP <meta> and
 * before office.js (Chromium requests scripts found after a CSP <meta> only once a blocking office.js has run; above
 * it they download alongside and still run after it, in order); the pre-rendered pane in #root and its styles at
 * `<!-- styles -->`, each inline <style> allowed by its hash in the policy's style-src (no 'unsafe-inline').
 */
function taskpanePage(scriptTags, dev) {
  const template = fs.readFileSync(path.resolve(__dirname, "src/taskpane/taskpane.html"), "utf8").replace(/\s*<!--(?! (scripts|styles) -->)[\s\S]*?-->/g, "");
  for (const marker of ["<!-- scripts -->", "<!-- styles -->", '<div id="root"></div>']) {
    if (!template.includes(marker)) throw new Error(`src/taskpane/taskpane.html lost its ${marker}.`);
  }
  const { markup, styles } = prerenderPane(dev);
  const page = template
    .replace("<!-- scripts -->", scriptTags)
    .replace("<!-- styles -->", styles)
    .replace('<div id="root"></div>', `<div id="root">${markup}</div>`);
  const hashes = [...page.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${crypto.createHash("sha256").update(m[1]).digest("base64")}'`);
  return page.replace(/(style-src [^;"]*)/, (directive) => [directive, ...new Set(hashes.filter((h) => !directive.includes(h)))].join(" "));
}

/** office-addin-dev-certs writes these files; its CA cannot be trusted system-wide without admin rights. */
function devHttpsOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return {};
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

module.exports = (env = {}, options = {}) => {
  const dev = options.mode !== "production";
  const urlProd = env.urlProd || process.env.ADDIN_URL_PROD || urlProdPlaceholder;
  if (!/^https:\/\/[^/]+\/(.*\/)?$/.test(urlProd)) {
    throw new Error(`urlProd must be an https:// URL ending in "/", got "${urlProd}".`);
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      boot: "./src/taskpane/shell/boot.ts",
      // The preview workbench (emulated Excel + HyperFormula, GPL-3.0) is a development target only.
      ...(dev ? { preview: "./src/preview/index.tsx" } : {}),
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        // Type-check only what the bundle contains (tests are checked by tsc and jest).
        { test: /\.tsx?$/, exclude: /node_modules/, loader: "ts-loader", options: { onlyCompileBundledFiles: true } },
        { test: /\.(png|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { hints: false },
    // webpack minifies HTML (and its inline CSS) itself: that would change the inline styles after their CSP hashes
    // are taken, and reordering rules would change which of Griffel's atomic classes wins.
    optimization: { minimizeOptions: { html: false } },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        templateContent: ({ htmlWebpackPlugin }) => taskpanePage(paneScriptTags(htmlWebpackPlugin.files.js), dev),
        inject: false,
        // Not minified, for the same reason as optimization.minimizeOptions.html above.
        minify: false,
        // The shared runtime page also registers the custom functions.
        chunks: ["functions", "boot", "taskpane"],
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "src/help/help.html", to: "help.html" },
        ],
      }),
      ...(dev ? [new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"], scriptLoading: "defer" })] : []),
      ...(dev ? [] : [new RewriteDevUrls(urlProd)]),
      ...(dev
        ? []
        : [
            new LicensePlugin({
              outputFilename: "third-party-licenses.json",
              additionalFiles: { "third-party-licenses.txt": licenseNotice },
              // Nothing copyleft ships: HyperFormula (GPL-3.0) is for the preview and the tests only.
              unacceptableLicenseTest: (license) => /GPL/i.test(license),
            }),
          ]),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      host: "localhost",
      headers: (req) => (CORS_PATHS.has(new URL(req.url, "https://localhost").pathname) ? { "Access-Control-Allow-Origin": "*" } : {}),
      server: { type: "https", options: devHttpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      hot: false,
      liveReload: false,
      client: false,
    },
  };
};
