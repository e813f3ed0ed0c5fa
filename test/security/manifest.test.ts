/**
 * Least privilege in the manifest the add-in ships with (manifest.xml and the production build's copy):
 * ReadWriteDocument and nothing more, every URL over HTTPS, and no AppDomains to widen where the pane may go.
 */
import { DOMParser } from "@xmldom/xmldom";
import fs from "fs";
import path from "path";
import webpack from "webpack";
import os from "os";

const ROOT = path.resolve(__dirname, "../..");
const PROD_URL = "https://its.example.test/addin/";

/** The production manifest, built by the project's own rewrite of dev URLs (CopyPlugin + RewriteDevUrls only). */
async function productionManifest(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "security-manifest-"));
  const config = require("../../webpack.config.js")({ urlProd: PROD_URL }, { mode: "production" });
  config.entry = { functions: "./src/core/index.ts" }; // any small entry: only the copied manifest matters here
  config.output = { ...config.output, path: dir };
  config.plugins = config.plugins.filter((p: object) => /CopyPlugin|RewriteDevUrls/.test(p.constructor.name));
  await new Promise<void>((resolve, reject) => webpack(config, (err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats?.toString("errors-only"))) : resolve())));
  try {
    return fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const manifests: [string, string][] = [["manifest.xml", fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8")]];

beforeAll(async () => {
  manifests.push(["dist/manifest.xml", await productionManifest()]);
}, 120_000);

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const all = Array.from(doc.getElementsByTagName("*"));
  return { doc, all, named: (name: string) => all.filter((e) => e.localName === name) };
}

describe.each([
  ["manifest.xml", 0],
  ["the production build's manifest.xml", 1],
])("%s", (_, index) => {
  const get = () => manifests[index];

  test("asks for ReadWriteDocument, no more", () => {
    const [, xml] = get();
    const permissions = parse(xml).named("Permissions");
    expect(permissions.map((p) => p.textContent?.trim())).toEqual(["ReadWriteDocument"]);
  });

  test("points every URL at HTTPS", () => {
    const [, xml] = get();
    const { all } = parse(xml);
    const urls = all.flatMap((e) =>
      Array.from(e.attributes)
        .filter((a) => !a.name.startsWith("xmlns") && /^[a-z][a-z0-9+.-]*:\/\//i.test(a.value))
        .map((a) => a.value),
    );
    const texts = all.filter((e) => e.childNodes.length === 1 && e.firstChild?.nodeType === 3).map((e) => e.textContent!.trim());
    const everyUrl = [...urls, ...texts.filter((t) => /^[a-z]+:\/\//i.test(t))];
    expect(everyUrl.length).toBeGreaterThan(5);
    expect(everyUrl.filter((u) => !u.startsWith("https://"))).toEqual([]);
    if (index === 1) expect(everyUrl.every((u) => u.startsWith(PROD_URL))).toBe(true);
  });

  test("declares no AppDomains", () => {
    const [, xml] = get();
    expect(parse(xml).named("AppDomains")).toHaveLength(0);
    expect(parse(xml).named("AppDomain")).toHaveLength(0);
  });
});
