import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, SCHEMA_DIR } = require("../../scripts/manifest-checks");

const ROOT = path.resolve(__dirname, "../..");
const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const hasSchemas = fs.existsSync(path.join(SCHEMA_DIR, "OfficeAppManifestV1_1.xsd"));
if (!hasSchemas) console.warn(`Manifest XSDs not found in ${SCHEMA_DIR}: schema assertions skipped.`);

async function problems(xml: string, origin = "https://localhost:3000"): Promise<string[]> {
  const { schema, project } = await checkManifest(xml, "manifest.xml", { origin });
  return [...(schema ?? []), ...project];
}

describe("manifest.xml", () => {
  it("passes the XSDs and the project's own checks", async () => {
    const { schema, project } = await checkManifest(manifest, "manifest.xml", { origin: "https://localhost:3000" });
    expect(project).toEqual([]);
    if (hasSchemas) expect(schema).toEqual([]);
  });

  it("declares the shared runtime, the LAUSD namespace and a ribbon button without TaskpaneId", () => {
    expect(manifest).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(manifest).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="LAUSD"\/>/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(manifest).not.toMatch(/TaskpaneId/);
  });

  it("points its icons at real PNGs of the declared sizes", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const png = fs.readFileSync(path.join(ROOT, `assets/icon-${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const [, size] of manifest.matchAll(/assets\/icon-(\d+)\.png/g)) {
      expect(fs.existsSync(path.join(ROOT, `assets/icon-${size}.png`))).toBe(true);
    }
  });
});

describe("broken manifests fail", () => {
  const broken: [string, (xml: string) => string, RegExp][] = [
    ["a resid that names no resource", (x) => x.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Nope"/>'), /resid "Nope"/],
    ["no namespace", (x) => x.replace('<Namespace resid="Functions.Namespace"/>', ""), /Namespace/],
    ["an http URL", (x) => x.replace("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"), /not https/],
    ["a URL on another origin", (x) => x.replace("https://localhost:3000/functions.json", "https://elsewhere.example/functions.json"), /not on https:\/\/localhost:3000/],
    ["more permissions than needed", (x) => x.replace("<Permissions>ReadWriteDocument", "<Permissions>ReadDocument"), /ReadWriteDocument/],
    ["a short-lived runtime", (x) => x.replace('lifetime="long"', 'lifetime="short"'), /lifetime="long"/],
    ["a bad Id", (x) => x.replace(/<Id>[^<]+<\/Id>/, "<Id>not-a-guid</Id>"), /GUID/],
  ];
  it.each(broken)("%s", async (_name, breakIt, message) => {
    const found = await problems(breakIt(manifest));
    expect(found.join("\n")).toMatch(message);
  });

  (hasSchemas ? it : it.skip)("an element the schema does not allow", async () => {
    const { schema } = await checkManifest(manifest.replace("<DefaultLocale>", "<Colour>red</Colour><DefaultLocale>"), "m.xml");
    expect(schema.join("\n")).toMatch(/Colour/);
  });

  it("`npm run validate` exits 1 on a broken manifest and 0 on the real one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, manifest.replace('<Runtime resid="Taskpane.Url"', '<Runtime resid="Missing"'));
    const run = (f: string) => {
      try {
        return { code: 0, out: execFileSync("node", [path.join(ROOT, "scripts/validate-manifest.js"), f], { encoding: "utf8", timeout: 120000 }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { code: err.status, out: err.stdout };
      }
    };
    const bad = run(file);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAIL .*manifest.xml[\s\S]*resid "Missing"/);
    expect(run(path.join(ROOT, "manifest.xml")).code).toBe(0);
  }, 180000);
});
