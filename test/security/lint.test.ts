/**
 * The lint gate (`npm run lint`, eslint.config.mjs) catches the Excel mistakes it exists for: a sync in a loop,
 * reading a property that was never loaded or before the sync, and eval. ESLint runs in a child process
 * because its flat config is an ES module, which jest's CommonJS runtime cannot import.
 */
import { execFileSync } from "child_process";
import path from "path";

const ROOT = path.resolve(__dirname, "../..");

const RUNNER = `
const { ESLint } = require("eslint");
let code = "";
process.stdin.on("data", (d) => (code += d)).on("end", async () => {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath: "lint-fixture.ts" });
  process.stdout.write(JSON.stringify(result.messages.map((m) => ({ line: m.line, rule: m.ruleId, severity: m.severity }))));
});`;

function lint(code: string): { line: number; rule: string; severity: number }[] {
  return JSON.parse(execFileSync(process.execPath, ["-e", RUNNER], { cwd: ROOT, input: code, encoding: "utf8" }));
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
