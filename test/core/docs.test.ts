import fs from "fs";
import path from "path";
import { CURRENT_RATES, bandLabel } from "../../src/core";

// The README and the help page that functions.json links to show the rates as text; they must not drift
// from the bundled table when a new fiscal year is added.
const ROOT = path.resolve(__dirname, "../..");
const docs = {
  "README.md": fs.readFileSync(path.join(ROOT, "README.md"), "utf8"),
  "src/help/help.html": fs.readFileSync(path.join(ROOT, "src/help/help.html"), "utf8"),
};
const dollars = (n: number) => `$${n.toLocaleString("en-US")}`;

describe.each(Object.entries(docs))("%s", (_name, text) => {
  it("shows every price of the bundled table", () => {
    for (const option of CURRENT_RATES.options) {
      for (const price of option.prices) expect(text).toContain(dollars(price));
    }
  });

  it("shows the bands, the 200 reading and the 0-day note", () => {
    for (const band of CURRENT_RATES.bands) expect(text).toContain(bandLabel(band, CURRENT_RATES).replace(" students", ""));
    expect(text).toMatch(/200 (students )?is 1 day/);
    expect(text).toMatch(/remote support only,? with an average wait of 4-6 weeks/);
    expect(text).toContain(CURRENT_RATES.fiscalYear);
  });
});
