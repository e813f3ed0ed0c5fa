/**
 * The @helpurl page (src/help/help.html) says what the functions really do: the signatures with the year, the
 * spellings they accept and refuse, blanks, and what an error value in a range does under the metadata we generate.
 */
import fs from "fs";
import path from "path";
import { FISCAL_YEAR_SPELLINGS, RATE_TABLES, optionChoices, CURRENT_RATES } from "../../src/core";

const ROOT = path.resolve(__dirname, "../..");
const html = fs.readFileSync(path.join(ROOT, "src/help/help.html"), "utf8");
const text = html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

describe("help.html", () => {
  it("has a section for each function, at the anchor its @helpurl names, with the optional year", () => {
    const source = fs.readFileSync(path.join(ROOT, "src/functions/functions.ts"), "utf8");
    for (const anchor of source.matchAll(/@helpurl \S+#(\w+)/g)) expect(html).toContain(`id="${anchor[1]}"`);
    expect(text).toContain("LAUSD.ITSDAYS(enrollment, [fiscalYear])");
    expect(text).toContain("LAUSD.ITSCOST(days, [option], [fiscalYear])");
    expect(text).toContain("LAUSD.ITSRATES([fiscalYear])");
  });

  it("lists every bundled year and every year spelling the functions accept", () => {
    for (const table of RATE_TABLES) expect(text).toContain(table.fiscalYear);
    for (const spelling of FISCAL_YEAR_SPELLINGS.match(/"[^"]+"/g)!) expect(text).toContain(spelling);
    expect(text).toMatch(/Omitted, it is the newest bundled year/);
    expect(text).toMatch(/"2019-20".*gives #VALUE! with a message listing the bundled years/);
  });

  it("gives the accepted option spellings and shows the refused ones", () => {
    for (const option of CURRENT_RATES.options) {
      for (const name of [option.name, option.memoName, ...option.aliases]) expect(text).toContain(`"${name}"`);
    }
    expect(optionChoices(CURRENT_RATES)).toContain('3 or "Summer Only"');
    for (const refused of ['"-1"', '"$1"', '"1%"', '"(2)"', '"#3"']) expect(text).toContain(refused);
  });

  it("says what a blank cell gives, and what a blank passed as 0 gives", () => {
    expect(text).toMatch(/A blank cell gives a blank result/);
    expect(text).toMatch(/#4702 and #5262/);
    expect(text).toMatch(/a blank enrollment gives 1 day/);
    expect(text).toMatch(/=IF\(B2="","",LAUSD\.ITSDAYS\(B2, "2025-26"\)\)/);
  });

  it("does not promise per-cell errors for error values, since the metadata does not let them reach the function", async () => {
    const result = await generateCustomFunctionsMetadata([path.join(ROOT, "src/functions/functions.ts")], false);
    const metadata = JSON.parse(result.metadataJson);
    // custom-functions-errors.md: allowErrorForDataTypeAny works only with hand-written metadata.
    expect(metadata.allowErrorForDataTypeAny).toBeUndefined();
    expect(text).toMatch(/Excel does not call the function at all and the whole formula shows that error/);
    expect(text).not.toMatch(/error in (that|its own) cell only/);
  }, 60000);
});
