/**
 * The production functions.js as Excel's custom-functions runtime loads it: by itself, with no DOM,
 * React or module system, only a CustomFunctions host. Built here with the project's webpack config.
 */
import fs from "fs";
import os from "os";
import path from "path";
import vm from "vm";
import webpack from "webpack";
import { createCustomFunctionsHost, StubCustomFunctionError } from "../support/customFunctionsHost";
import { enrollmentFiles, readSchools } from "../support/enrollmentData";
import { CURRENT_RATES, annualCost, parseEnrollment, recommendDays } from "../../src/core";

const PROD = "https://its.example.test/addin/";
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "functions-build-"));
const twoYearsDir = fs.mkdtempSync(path.join(os.tmpdir(), "functions-build-two-years-"));
let metadata: { functions: { id: string; name: string; helpUrl: string; parameters: Record<string, unknown>[] }[]; enums: unknown[] } & Record<string, unknown>;
const host = createCustomFunctionsHost();
const twoYearsHost = createCustomFunctionsHost();
const call = (id: string, ...args: unknown[]) => host.registered.get(id)!(...args) as unknown[][];
const callTwoYears = (id: string, ...args: unknown[]) => twoYearsHost.registered.get(id)!(...args) as unknown[][];

/** Builds functions.js (and functions.json, the manifest) with the production config, optionally with more plugins. */
async function build(dir: string, extraPlugins: webpack.WebpackPluginInstance[] = []): Promise<void> {
  const config = require("../../webpack.config.js")({ urlProd: PROD }, { mode: "production" });
  config.mode = "production";
  config.entry = { functions: config.entry.functions };
  config.output = { ...config.output, path: dir };
  config.plugins = [...config.plugins.filter((p: object) => /CustomFunctionsMetadataPlugin|RewriteDevUrls|CopyPlugin/.test(p.constructor.name)), ...extraPlugins];
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, result) => (err || !result ? reject(err) : resolve(result))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString("errors-only"));
}

/** Loads a built functions.js as Excel's runtime does: no window, document or require, only CustomFunctions. */
const load = (dir: string, into: ReturnType<typeof createCustomFunctionsHost>) =>
  vm.runInNewContext(fs.readFileSync(path.join(dir, "functions.js"), "utf8"), { CustomFunctions: into });

beforeAll(async () => {
  await build(outDir);
  metadata = JSON.parse(fs.readFileSync(path.join(outDir, "functions.json"), "utf8"));
  load(outDir, host);
  // The day a second year ships: the bundled list is FY 2025-26 plus a made-up FY 2026-27.
  const twoYears = path.resolve(__dirname, "../support/twoYears.bundled.ts");
  await build(twoYearsDir, [new webpack.NormalModuleReplacementPlugin(/^\.\/bundled$/, twoYears)]);
  load(twoYearsDir, twoYearsHost);
}, 240000);

afterAll(() => [outDir, twoYearsDir].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const codeOf = (cell: unknown) => (cell instanceof StubCustomFunctionError ? cell.code : cell);

describe("dist/functions.js loaded on its own", () => {
  it("registers exactly the ids of functions.json", () => {
    expect([...host.registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect([...host.registered.keys()].sort()).toEqual(["ITSCOST", "ITSDAYS", "ITSRATES"]);
  });

  it("gives the memo's days at every boundary", () => {
    const enrollments = [0, 1, 199, 200, 200.5, 201, 399, 400, 401, 600, 601, 800, 801, 100000];
    expect(call("ITSDAYS", [enrollments])).toEqual([[1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 5, 5]]);
  });

  it("gives every price of the memo's table", () => {
    for (const option of CURRENT_RATES.options) {
      expect(call("ITSCOST", [[0, 1, 2, 3, 4, 5]], option.name)).toEqual([[0, ...option.prices]]);
      expect(call("ITSCOST", [[1, 2, 3, 4, 5]], String(option.number))).toEqual([[...option.prices]]);
    }
    expect(call("ITSRATES")).toHaveLength(6);
  });

  it.each(enrollmentFiles())("agrees with the core for every school in %s", (file) => {
    const schools = readSchools(file);
    const days = call("ITSDAYS", schools.map((s) => [s.enrollment]));
    schools.forEach((school, i) => {
      const parsed = parseEnrollment(school.enrollment);
      if (parsed.kind !== "ok") throw new Error(`${school.name}: ${school.enrollment}`);
      expect(days[i][0]).toBe(recommendDays(parsed.value, CURRENT_RATES).days);
    });
    const costs = call("ITSCOST", days, "Outside Summer");
    costs.forEach(([cost], i) => expect(cost).toBe(annualCost(days[i][0] as number, 2, CURRENT_RATES)));
  });

  it("returns Excel's error codes for bad input", () => {
    const days = call("ITSDAYS", [["many", -1, true, null]]);
    expect(days[0].map(codeOf)).toEqual(["#VALUE!", "#NUM!", "#VALUE!", ""]);
    const cost = call("ITSCOST", [[6, 1.5, "x"]]);
    expect(cost[0].map((c) => (c as StubCustomFunctionError).code)).toEqual(["#NUM!", "#NUM!", "#VALUE!"]);
    expect(() => call("ITSCOST", [[1]], "Winter")).toThrow(expect.objectContaining({ code: "#VALUE!" }));
    for (const option of ["-1", "$1", "1%", "(2)", "#3"]) {
      expect(() => call("ITSCOST", [[1]], option)).toThrow(expect.objectContaining({ code: "#VALUE!", message: expect.stringContaining('Use 1 or "Full Year"') }));
    }
  });

  it('=LAUSD.ITSCOST(3, 1, "2025-26") gives 78452; "2019-20" gives #VALUE! naming the bundled years', () => {
    expect(call("ITSCOST", [[3]], 1, "2025-26")).toEqual([[78452]]);
    expect(call("ITSCOST", [[3]], "1", "FY25-26")).toEqual([[78452]]);
    expect(call("ITSDAYS", [[523]], "FY2025-26")).toEqual([[3]]);
    expect(call("ITSRATES", "2025-2026")[3]).toEqual([3, 78452, 75013, 3376]);
    const refused = expect.objectContaining({ code: "#VALUE!", message: "No rates for fiscal year 2019-20. Bundled years: 2025-26." });
    expect(() => call("ITSCOST", [[3]], 1, "2019-20")).toThrow(refused);
    expect(() => call("ITSDAYS", [[523]], "2019-20")).toThrow(refused);
    expect(() => call("ITSRATES", "2019-20")).toThrow(refused);
  });
});

describe("functions.js built with a second (made-up) year bundled", () => {
  it("a formula naming 2025-26 keeps the memo's prices and bands; the new year, or no year, gives the new ones", () => {
    for (const option of CURRENT_RATES.options) {
      expect(callTwoYears("ITSCOST", [[0, 1, 2, 3, 4, 5]], option.name, "2025-26")).toEqual([[0, ...option.prices]]);
    }
    expect(callTwoYears("ITSCOST", [[3]], 1, "2025-26")).toEqual([[78452]]);
    expect(callTwoYears("ITSCOST", [[3]], 1, "2026-27")).toEqual([[33333]]);
    expect(callTwoYears("ITSCOST", [[3]], 1)).toEqual([[33333]]);
    expect(callTwoYears("ITSDAYS", [[300]], "2025-26")).toEqual([[2]]);
    expect(callTwoYears("ITSDAYS", [[300]], "2026-27")).toEqual([[1]]);
    expect(() => callTwoYears("ITSCOST", [[3]], 1, "2019-20")).toThrow(
      expect.objectContaining({ code: "#VALUE!", message: "No rates for fiscal year 2019-20. Bundled years: 2025-26, 2026-27." }),
    );
  });

  it("the shipped build does not contain the made-up year", () => {
    expect(fs.readFileSync(path.join(outDir, "functions.js"), "utf8")).not.toMatch(/2026-27|MADE-UP|33333/);
    expect(fs.readFileSync(path.join(twoYearsDir, "functions.js"), "utf8")).toMatch(/2026-27/);
  });
});

describe("generated functions.json", () => {
  const byId = (id: string) => metadata.functions.find((f) => f.id === id)!;

  it("describes every function and parameter, with help on the production host", () => {
    for (const fn of metadata.functions) {
      expect(fn.name).toBe(fn.id);
      expect((fn as unknown as { description: string }).description.length).toBeGreaterThan(20);
      expect(fn.helpUrl).toBe(`${PROD}help.html#${fn.id.toLowerCase()}`);
      for (const p of fn.parameters) expect(String(p.description).length).toBeGreaterThan(10);
    }
  });

  it("takes ranges and returns spills, with an optional option offered from a list", () => {
    const fiscalYear = expect.objectContaining({ name: "fiscalYear", type: "string", optional: true, description: expect.stringContaining('"FY2025-26"') });
    expect(byId("ITSDAYS").parameters).toEqual([expect.objectContaining({ name: "enrollment", type: "any", dimensionality: "matrix" }), fiscalYear]);
    expect(byId("ITSCOST").parameters).toEqual([
      expect.objectContaining({ name: "days", type: "any", dimensionality: "matrix" }),
      expect.objectContaining({ name: "option", type: "string", optional: true, customEnumId: "ItsOption" }),
      fiscalYear,
    ]);
    expect(byId("ITSCOST").parameters[0].optional).toBeUndefined();
    expect(byId("ITSDAYS").parameters[0].optional).toBeUndefined();
    expect(byId("ITSRATES").parameters).toEqual([fiscalYear]);
    // Error values never reach the functions (custom-functions-errors.md); the help page says so.
    expect(metadata.allowErrorForDataTypeAny).toBeUndefined();
    for (const fn of metadata.functions) {
      const f = fn as unknown as { result: Record<string, unknown>; options?: Record<string, unknown> };
      expect(f.result).toEqual({ dimensionality: "matrix" }); // type any: results hold blanks and errors
      expect(f.options?.volatile).toBeFalsy();
      expect(f.options?.stream).toBeFalsy();
    }
    expect(metadata.enums).toEqual([
      expect.objectContaining({
        id: "ItsOption",
        type: "string",
        values: [
          expect.objectContaining({ stringValue: "Full Year" }),
          expect.objectContaining({ stringValue: "Outside Summer" }),
          expect.objectContaining({ stringValue: "Summer Only" }),
        ],
      }),
    ]);
  });
});

describe("production manifest", () => {
  it("has every dev URL rewritten to the production base URL, not just the first", async () => {
    const source = fs.readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");
    const built = fs.readFileSync(path.join(outDir, "manifest.xml"), "utf8");
    const devUrls = source.match(/https:\/\/localhost:3000\//g)!.length;
    expect(devUrls).toBeGreaterThan(5);
    expect(built).not.toContain("localhost");
    expect(built.split(PROD).length - 1).toBe(devUrls);
    const { checkManifest } = require("../../scripts/manifest-checks");
    const { project } = await checkManifest(built, "manifest.xml", { origin: new URL(PROD).origin });
    expect(project).toEqual([]);
  });
});

describe("manifest version rule", () => {
  it("the recorded metadata matches the source, so the manifest version is current", async () => {
    const { versionRuleError } = require("../../scripts/functions-metadata");
    expect(await versionRuleError()).toBeNull();
  }, 60000);
});
