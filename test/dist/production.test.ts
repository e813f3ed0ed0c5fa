import fs from "fs";
import path from "path";

const { BUDGET_GZIP, paneScripts } = require("../../scripts/bundle-budget");

const DIST = path.resolve(__dirname, "../../dist");
if (!fs.existsSync(path.join(DIST, "taskpane.html"))) {
  throw new Error("No production build in dist/: run `npm run build` before `npm run test:dist`.");
}
const files = fs.readdirSync(DIST, { recursive: true }).map(String);
const read = (name: string) => fs.readFileSync(path.join(DIST, name), "utf8");

interface LicensedPackage {
  name: string;
  version: string;
  license: string;
  licenseText?: string;
}
const licensed: LicensedPackage[] = JSON.parse(read("third-party-licenses.json"));

describe("the production build in dist/", () => {
  it("is a production build: no preview page and no development-only entry", () => {
    expect(files).toEqual(expect.arrayContaining(["taskpane.html", "functions.js", "functions.json", "manifest.xml", "help.html"]));
    expect(files.filter((f) => /preview/i.test(f))).toEqual([]);
  });

  it(`has the task pane request at most ${BUDGET_GZIP / 1024} KB gzip of its own JavaScript before its first render`, () => {
    const { files: scripts, total } = paneScripts(DIST);
    expect(scripts.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(["taskpane.js", "functions.js", "boot.js"]));
    expect(total.gzip).toBeLessThanOrEqual(BUDGET_GZIP);
  });

  it("never prefetches or preloads its lazy chunks from the bundle (they would be requested before the first render)", () => {
    const bundles = files.filter((f) => /^[^/]+\.js$/.test(f));
    expect(bundles).toEqual(expect.arrayContaining(["taskpane.js"]));
    for (const file of bundles) {
      // webpack's runtime for webpackPrefetch / webpackPreload adds <link rel="prefetch|preload"> at startup.
      expect({ file, prefetch: /\.rel\s*=\s*["'](prefetch|preload)["']/.test(read(file)) }).toEqual({ file, prefetch: false });
    }
  });

  it("has the pane's first screen rendered into taskpane.html, styled without style attributes and marked busy", () => {
    const page = read("taskpane.html");
    const root = /<div id="?root"?>([\s\S]*)<\/div>\s*<\/body>/.exec(page)?.[1] ?? "";
    expect(root).toContain(">ITS Support Budget</h1>");
    expect(root).toContain("Add to budget sheet");
    expect(root).toMatch(/<main aria-busy="true" inert="">/);
    expect(root).not.toMatch(/\sstyle=/);
    expect(page).toMatch(/<style data-make-styles-bucket=/);
  });

  it("holds no HyperFormula (GPL-3.0, for the preview and tests only) and nothing else copyleft", () => {
    const code = files.filter((f) => f.endsWith(".js"));
    expect(code.length).toBeGreaterThan(0);
    for (const file of code) {
      const text = read(file);
      expect({ file, hyperformula: /hyperformula/i.test(text) }).toEqual({ file, hyperformula: false });
    }
    expect(licensed.filter((p) => /GPL/i.test(p.license) || p.name === "hyperformula")).toEqual([]);
  });

  it("ships a third-party license notice naming every bundled package with its license text", () => {
    const notice = read("third-party-licenses.txt");
    for (const name of ["react", "react-dom", "@fluentui/react-button", "scheduler"]) {
      expect(licensed.map((p) => p.name)).toContain(name);
    }
    for (const p of licensed) {
      expect(notice).toContain(`${p.name} ${p.version}\nLicense: ${p.license}`);
      if (p.licenseText) expect(notice).toContain(p.licenseText.trim().slice(0, 200));
    }
  });
});
