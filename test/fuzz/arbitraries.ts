/**
 * Generators for what Excel can hand a custom function, and a little more: numbers (with -0, huge, tiny,
 * fractional and band edges), numeric and other text, booleans, blanks, stray values Excel never sends,
 * and 2-D arrays of any shape (jagged and empty too).
 */
import fc from "fast-check";
import { CURRENT_RATES } from "../../src/core";

const bandEdges = CURRENT_RATES.bands.flatMap((b) => (b.maxEnrollment === null ? [] : [b.maxEnrollment, b.maxEnrollment + 1]));

export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(), // includes NaN, +-Infinity, -0, subnormals and huge magnitudes
  fc.integer({ min: -50, max: 2000 }),
  fc.double({ min: -10, max: 1500, noNaN: true }),
  fc.constantFrom(-0, 0, 0.5, 200.5, 800.0001, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, -1, ...bandEdges),
);

/** How people and exports write numbers as text: padded, signed, grouped with commas, exponent. */
export const numericText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.integer({ min: -20, max: 5_000_000 }), fc.double({ min: -5, max: 2000, noNaN: true })),
    fc.constantFrom("plain", "grouped", "padded", "plus", "exp"),
  )
  .map(([n, style]) => {
    switch (style) {
      case "grouped":
        return n.toLocaleString("en-US", { maximumFractionDigits: 6 });
      case "padded":
        return `  ${n}\t`;
      case "plus":
        return n >= 0 ? `+${n}` : String(n);
      case "exp":
        return n.toExponential();
      default:
        return String(n);
    }
  });

export const anyText: fc.Arbitrary<string> = fc.oneof(
  numericText,
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", " ", "\t", "TRUE", "abc", "1,02", "1,,024", "0x10", "Infinity", "NaN", "1e400", "-", ".", "5 days", "#N/A"),
);

/** One cell as a custom function may receive it. Arrays, objects and undefined stand for anything unexpected. */
export const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: anyNumber },
  { weight: 4, arbitrary: anyText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([[5]], [], {}, { value: 3 }, Symbol.for("cell"), 10n) },
);

/** Days-a-week cells: mostly near the allowed 0-5, plus everything else a cell can hold. */
export const daysCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 7 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 2.5, 4.999, 5.0000001, "3", " 4 ", "5.0", "1,0") },
  { weight: 3, arbitrary: anyCell },
);

/** A 2-D argument of any shape: a single cell, a column, a row, a block, a jagged or empty array. */
export function matrixOf<T>(cell: fc.Arbitrary<T>): fc.Arbitrary<T[][]> {
  return fc.oneof(
    { weight: 3, arbitrary: cell.map((c) => [[c]]) },
    { weight: 3, arbitrary: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }))
        .chain(([rows, cols]) =>
          fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
        ),
    },
    { weight: 1, arbitrary: fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }) },
  );
}

/** An option name written the way users do: any case, extra spaces, dashes. */
function sloppy(name: string): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom("lower", "upper", "keep", "space", "dash"), { minLength: name.length, maxLength: name.length })
    .map((edits) =>
      [...name]
        .map((ch, i) =>
          edits[i] === "lower" ? ch.toLowerCase() : edits[i] === "upper" ? ch.toUpperCase() : edits[i] === "space" ? ` ${ch} ` : edits[i] === "dash" ? `${ch}-` : ch,
        )
        .join(""),
    );
}

const optionNames = CURRENT_RATES.options.flatMap((o) => [o.name, o.memoName, ...o.aliases]);

/** The ITSCOST option argument: omitted, numbers, the names (sloppily typed) and nonsense. */
export const optionArg: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, "", 1, 2, 3, "1", "2", "3", 0, 4, 1.5, -1, true, false, "Option 1", "Full", "summer"),
  fc.constantFrom(...optionNames).chain(sloppy),
  fc.string(),
  anyNumber,
);
