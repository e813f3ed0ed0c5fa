/**
 * The lint gate (`npm run lint`, eslint.config.mjs) catches the Excel mistakes it exists for: a sync in a loop,
 * reading a property that was never loaded or before the sync, and eval; and it holds the layers of the README.
 * ESLint runs in a child process because its flat config is an ES module, which jest's CommonJS runtime cannot import.
 */
import { execFileSync } from "child_process";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");

const RUNNER = `
const { ESLint } = require("eslint");
let code = "";
process.stdin.on("data", (d) => (code += d)).on("end", async () => {
  // Fixtures are not files on disk, so the typed rules (which need them in the TypeScript project) are off here.
  const overrideConfig = { languageOptions: { parserOptions: { projectService: false } }, rules: { "@typescript-eslint/no-floating-promises": "off" } };
  const [result] = await new ESLint({ cwd: process.cwd(), overrideConfig }).lintText(code, { filePath: process.argv[1] });
  process.stdout.write(JSON.stringify(result.messages.map((m) => ({ line: m.line, rule: m.ruleId, severity: m.severity }))));
});`;

function lint(code: string, filePath = "lint-fixture.ts"): { line: number; rule: string; severity: number }[] {
  return JSON.parse(execFileSync(process.execPath, ["-e", RUNNER, filePath], { cwd: ROOT, input: code, encoding: "utf8" }));
}

test("flags sync in a loop, reads without load or before sync, and eval, as errors", () => {
  const messages = lint(`
export async function rename(names: string[]) {
  await Excel.run(async (context) => {
    for (const name of names) {
      const sheet = context.workbook.worksheets.getItem(name);
      sheet.load("position");
      await context.sync();
    }
    const selected = context.workbook.getSelectedRange();
    console.log(selected.values);
    const used = context.workbook.worksheets.getActiveWorksheet().getUsedRange();
    used.load("address");
    console.log(used.address);
    await context.sync();
    eval("1");
  });
}
`);
  const at = (line: number) => messages.filter((m) => m.line === line && m.severity === 2).map((m) => m.rule);
  expect(at(7)).toContain("office-addins/no-context-sync-in-loop");
  expect(at(10)).toEqual(expect.arrayContaining(["office-addins/load-object-before-read", "office-addins/call-sync-before-read"]));
  expect(at(13)).toContain("office-addins/call-sync-after-load");
  expect(at(15)).toContain("no-eval");
}, 60_000);

test("accepts the read -> sync -> write shape the add-in uses, and does not police formatting", () => {
  const messages = lint(`
export async function readThenWrite() {
  await Excel.run(async (context) => {
    const used = context.workbook.worksheets.getActiveWorksheet().getUsedRange();
    used.load("address, values");
    await context.sync();
    const values = used.values; // (the plugin misreads used.values.length as a navigation property)
    const   rows = values.length;     used.getCell(0, 0).values = [[rows]];
    await context.sync();
  });
}
`);
  expect(messages).toEqual([]);
}, 60_000);

describe("the layers of the README", () => {
  const errors = (code: string, filePath: string) =>
    lint(code, filePath)
      .filter((m) => m.severity === 2)
      .map((m) => m.rule);

  it("src/core imports nothing of React, Fluent, Office, the other layers or the preview, and touches no host global", () => {
    expect(errors(`import React from "react";\nexport const x = React;`, "src/core/x.ts")).toContain("no-restricted-imports");
    expect(errors(`import { Button } from "@fluentui/react-components";\nexport const x = Button;`, "src/core/rates/x.ts")).toContain("no-restricted-imports");
    expect(errors(`import { planFill } from "../workbook/fill";\nexport const x = planFill;`, "src/core/x.ts")).toContain("no-restricted-imports");
    for (const global of ["Excel.run", "Office.onReady", "document.title", "window.name"]) {
      expect(errors(`export const x = () => ${global};`, "src/core/x.ts")).toContain("no-restricted-globals");
    }
    expect(errors(`import { ok } from "../inputs";\nexport const x = ok;`, "src/core/rates/x.ts")).toEqual([]);
  }, 60_000);

  it("only src/workbook/excel/ calls Excel", () => {
    const call = `export const run = () => Excel.run(async () => undefined);`;
    for (const file of ["src/taskpane/x.tsx", "src/workbook/fill/x.ts", "src/functions/x.ts"]) expect(errors(call, file)).toContain("no-restricted-globals");
    expect(errors(call, "src/workbook/excel/x.ts")).toEqual([]);
  }, 60_000);

  it("nothing shipped imports the preview or HyperFormula", () => {
    for (const file of ["src/taskpane/x.tsx", "src/functions/x.ts", "src/workbook/x.ts", "src/workbook/excel/x.ts", "src/core/x.ts"]) {
      expect(errors(`import { emulate } from "../preview/excel-emulation";\nexport const x = emulate;`, file)).toContain("no-restricted-imports");
      expect(errors(`import { HyperFormula } from "hyperformula";\nexport const x = HyperFormula;`, file)).toContain("no-restricted-imports");
    }
  }, 60_000);
});
