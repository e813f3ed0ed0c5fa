import { BAND_READING, CURRENT_RATES, bandLabel, parseEnrollment, recommendDays } from "../../src/core";

const days = (enrollment: number) => recommendDays(enrollment, CURRENT_RATES).days;

describe("recommended days from enrollment", () => {
  it.each([
    [0, 1],
    [1, 1],
    [199, 1],
    [200, 1],
    [200.5, 2],
    [201, 2],
    [399, 2],
    [400, 2],
    [401, 3],
    [600, 3],
    [601, 4],
    [800, 4],
    [800.01, 5],
    [801, 5],
    [5000, 5],
    [1e12, 5],
  ])("%p students -> %p days", (enrollment, expected) => {
    expect(days(enrollment)).toBe(expected);
  });

  it("says which band gave the recommendation", () => {
    expect(recommendDays(523, CURRENT_RATES).bandLabel).toBe("401-600 students");
    expect(recommendDays(200, CURRENT_RATES).bandLabel).toBe("200 or fewer students");
    expect(recommendDays(801, CURRENT_RATES).bandLabel).toBe("more than 800 students");
    expect(CURRENT_RATES.bands.map((b) => bandLabel(b, CURRENT_RATES))).toEqual([
      "200 or fewer students",
      "201-400 students",
      "401-600 students",
      "601-800 students",
      "more than 800 students",
    ]);
  });

  it("states our reading of the memo's gap at 200", () => {
    expect(BAND_READING).toMatch(/200 students is 1 day/);
  });
});

describe("parseEnrollment", () => {
  it.each([
    [523, 523],
    ["523", 523],
    [" 523 ", 523],
    ["1,024", 1024],
    ["12,345.5", 12345.5],
    ["200.5", 200.5],
    [-0, 0],
    ["0", 0],
  ])("reads %p as %p", (input, expected) => {
    expect(parseEnrollment(input)).toEqual({ kind: "ok", value: expected });
  });

  it.each([null, undefined, "", "   "])("treats %p as blank", (input) => {
    expect(parseEnrollment(input)).toEqual({ kind: "blank" });
  });

  it.each([
    ["abc", /"abc" is text/],
    ["12 students", /is text/],
    ["1,02", /is text/],
    [true, /not TRUE/],
    [false, /not FALSE/],
    [{}, /error or another kind/],
  ])("refuses %p as #VALUE! with a message", (input, message) => {
    const parsed = parseEnrollment(input);
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind === "invalid") {
      expect(parsed.problem.kind).toBe("value");
      expect(parsed.problem.message).toMatch(message);
    }
  });

  it.each([-1, "-5", -0.5])("refuses negative %p as #NUM!", (input) => {
    const parsed = parseEnrollment(input);
    expect(parsed).toMatchObject({ kind: "invalid", problem: { kind: "number" } });
    if (parsed.kind === "invalid") expect(parsed.problem.message).toMatch(/cannot be negative/);
  });

  it("refuses infinities and NaN as #NUM!", () => {
    for (const n of [Infinity, -Infinity, NaN]) expect(parseEnrollment(n)).toMatchObject({ kind: "invalid", problem: { kind: "number" } });
  });

  it("keeps long text short in its message", () => {
    const parsed = parseEnrollment("x".repeat(500));
    if (parsed.kind !== "invalid") throw new Error("expected invalid");
    expect(parsed.problem.message.length).toBeLessThan(150);
  });
});
