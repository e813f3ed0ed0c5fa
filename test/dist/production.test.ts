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

  it(`loads at most ${BUDGET_GZIP / 1024} KB gzip of its own JavaScript in the task pane`, () => {
    const { files: scripts, total } = paneScripts(DIST);
    expect(scripts.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(["taskpane.js", "functions.js"]));
    expect(total.gzip).toBeLessThanOrEqual(BUDGET_GZIP);
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
