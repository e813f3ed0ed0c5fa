import { CURRENT_RATES, formatDollars, optionChoices, parseDays, parseOption } from "../../src/core";

describe("parseOption", () => {
  it.each([
    [undefined, 1],
    [null, 1],
    ["", 1],
    [1, 1],
    [2, 2],
    [3, 3],
    ["2", 2],
    ["Full Year", 1],
    ["full year", 1],
    ["FULLYEAR", 1],
    ["A Basis", 1],
    ["Full Year - A Basis", 1],
    ["  full   year  ", 1],
    ["Outside Summer", 2],
    ["Outside of Summer", 2],
    ["outside-summer", 2],
    ["Summer Only", 3],
    ["summer only", 3],
    [" 3 ", 3],
    ["Full-Year", 1],
    ["full year \u2013 a basis", 1],
    ["Outside   of - Summer", 2],
  ])("reads %p as option %p", (input, expected) => {
    expect(parseOption(input, CURRENT_RATES)).toEqual({ kind: "ok", value: expected });
  });

  it.each([0, 4, 1.5, -1, "Summer", "Full", true, "Option 1", "01", "1.0", "1 2"])("refuses %p and lists the valid options", (input) => {
    const parsed = parseOption(input, CURRENT_RATES);
    expect(parsed.kind).toBe("invalid");
    if (parsed.kind === "invalid") {
      expect(parsed.problem.kind).toBe("value");
      expect(parsed.problem.message).toContain(optionChoices(CURRENT_RATES));
    }
  });

  // Punctuation used to be stripped, so each of these read as an option number or name.
  it.each(["-1", "$1", "1%", "(2)", "#3", "+1", "3.", "-Full Year", "Summer Only!", "Outside_Summer", "Full.Year", "summer-only-"])(
    "refuses %p: only the documented spellings are options",
    (input) => {
      expect(parseOption(input, CURRENT_RATES)).toEqual({
        kind: "invalid",
        problem: {
          kind: "value",
          message: `Unknown option "${input}". Use 1 or "Full Year", 2 or "Outside Summer", 3 or "Summer Only" (any case; spaces or hyphens between words).`,
        },
      });
    },
  );

  it("lists the options by number and name", () => {
    expect(optionChoices(CURRENT_RATES)).toBe('1 or "Full Year", 2 or "Outside Summer", 3 or "Summer Only"');
  });
});

describe("parseDays", () => {
  it.each([
    [0, 0],
    [5, 5],
    ["3", 3],
    [" 4 ", 4],
    [2.0, 2],
  ])("reads %p as %p days", (input, expected) => {
    expect(parseDays(input, CURRENT_RATES)).toEqual({ kind: "ok", value: expected });
  });

  it.each([6, -1, 2.5, "7"])("refuses %p as #NUM! and says what is allowed", (input) => {
    const parsed = parseDays(input, CURRENT_RATES);
    expect(parsed).toMatchObject({ kind: "invalid", problem: { kind: "number" } });
    if (parsed.kind === "invalid") expect(parsed.problem.message).toMatch(/whole number from 0 to 5 \(5 = a full-time technician\)/);
  });

  it.each(["three", true])("refuses %p as #VALUE!", (input) => {
    expect(parseDays(input, CURRENT_RATES)).toMatchObject({ kind: "invalid", problem: { kind: "value" } });
  });

  it("treats a blank as blank", () => {
    expect(parseDays("", CURRENT_RATES)).toEqual({ kind: "blank" });
  });
});

describe("formatDollars", () => {
  it("shows whole dollars with thousands separators", () => {
    expect([0, 1125, 75013, 130753, 78477955].map(formatDollars)).toEqual(["$0", "$1,125", "$75,013", "$130,753", "$78,477,955"]);
  });
});
