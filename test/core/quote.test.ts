import { CURRENT_RATES, FULL_TIME_NOTE, REMOTE_ONLY_NOTE, adviceFor, compareOptions, pricePurchase } from "../../src/core";

describe("pricing a purchase", () => {
  it("prices a single option from the table", () => {
    const priced = pricePurchase({ kind: "single", option: 2, days: 3 }, CURRENT_RATES);
    expect(priced.total).toBe(75013);
    expect(priced.description).toBe("Outside Summer");
    expect(priced.lines).toHaveLength(1);
  });

  it("prices a split as Outside Summer plus Summer Only, each from its own column", () => {
    const priced = pricePurchase({ kind: "split", outsideSummerDays: 3, summerOnlyDays: 1 }, CURRENT_RATES);
    expect(priced.lines.map((l) => [l.option.name, l.days, l.cost])).toEqual([
      ["Outside Summer", 3, 75013],
      ["Summer Only", 1, 1125],
    ]);
    expect(priced.total).toBe(76138);
    expect(priced.description).toBe("Outside Summer 3 days + Summer Only 1 day");
  });

  it("compares all three options for the same days", () => {
    expect(compareOptions(5, CURRENT_RATES).map((l) => l.cost)).toEqual([130753, 125021, 5627]);
    expect(compareOptions(0, CURRENT_RATES).map((l) => l.cost)).toEqual([0, 0, 0]);
  });
});

describe("advice", () => {
  it("warns that 0 days is remote support only with a 4-6 week wait", () => {
    expect(adviceFor(0, 3)).toEqual([{ level: "warning", text: REMOTE_ONLY_NOTE }]);
    expect(REMOTE_ONLY_NOTE).toMatch(/remote only.*4-6 weeks/);
  });

  it("warns gently when buying fewer days than recommended", () => {
    const advice = adviceFor(2, 3);
    expect(advice).toHaveLength(1);
    expect(advice[0]).toMatchObject({ level: "warning" });
    expect(advice[0].text).toMatch(/Fewer days than ITS recommends.*3 a week/);
  });

  it("says 5 days is a full-time technician", () => {
    expect(adviceFor(5, 5)).toEqual([{ level: "info", text: FULL_TIME_NOTE }]);
    expect(adviceFor(5, null)).toEqual([{ level: "info", text: FULL_TIME_NOTE }]);
  });

  it("has nothing to say when the recommendation is met and no enrollment is known", () => {
    expect(adviceFor(3, 3)).toEqual([]);
    expect(adviceFor(4, 3)).toEqual([]);
    expect(adviceFor(2, null)).toEqual([]);
  });
});
