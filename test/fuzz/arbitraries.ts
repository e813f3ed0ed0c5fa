/**
 * Generators for what Excel can hand a custom function, and a little more: numbers (with -0, huge, tiny,
 * fractional and band edges), numeric and other text, booleans, blanks, stray values Excel never sends,
 * and 2-D arrays of any shape (jagged and empty too).
 */
import fc from "fast-check";
import { CURRENT_RATES, type OptionNumber, RATE_TABLES } from "../../src/core";

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

/** An option name written the way the help allows: any case, extra spaces, hyphens between the letters. */
function sloppy(name: string): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom("lower", "upper", "keep", "space", "dash"), { minLength: name.length, maxLength: name.length })
    .map((edits) =>
      [...name]
        .map((ch, i) => {
          const last = i === name.length - 1;
          if (edits[i] === "lower") return ch.toLowerCase();
          if (edits[i] === "upper") return ch.toUpperCase();
          if (edits[i] === "space") return ` ${ch} `;
          return edits[i] === "dash" && !last && /[a-z]/i.test(ch) ? `${ch}-` : ch;
        })
        .join(""),
    );
}

const optionNames = CURRENT_RATES.options.flatMap((o) => [o.name, o.memoName, ...o.aliases]);

/** A documented spelling of an option and the option it names: 1-3 as a number or text, or a name. */
export const documentedOption: fc.Arbitrary<[unknown, OptionNumber]> = fc.oneof(
  fc.constantFrom(...CURRENT_RATES.options).map((o): [unknown, OptionNumber] => [o.number, o.number]),
  fc.constantFrom(...CURRENT_RATES.options).chain((o) => fc.constantFrom("", " ", "  ").map((pad): [unknown, OptionNumber] => [`${pad}${o.number}${pad}`, o.number])),
  fc.constantFrom(...CURRENT_RATES.options).chain((o) =>
    fc.constantFrom(o.name, o.memoName, ...o.aliases).chain(sloppy).map((text): [unknown, OptionNumber] => [text, o.number]),
  ),
);

/**
 * An option decorated with punctuation the help does not allow ("-1", "$1", "1%", "(2)", "#3", "Full Year!"):
 * the old parser stripped punctuation and took these as options.
 */
export const decoratedOption: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("1", "2", "3", ...optionNames),
    fc.constantFrom("-", "+", "$", "%", "(", ")", "#", ".", ",", "!", "_", "/", "'", '"', "*", "="),
    fc.constantFrom("before", "after", "both", "inside"),
  )
  .map(([option, mark, where]) => {
    if (where === "before") return `${mark}${option}`;
    if (where === "after") return `${option}${mark}`;
    if (where === "both") return `${mark}${option}${mark}`;
    return option.length > 1 ? `${option.slice(0, 1)}${mark}${option.slice(1)}` : `${mark}${option}`;
  })
  // A hyphen between two letters is a documented separator, not punctuation.
  .filter((text) => !/^[a-z]+(?:[\s-]+[a-z]+)*$/i.test(text.trim()));

/** The ITSCOST option argument: omitted, numbers, the names (sloppily typed), decorated and nonsense. */
export const optionArg: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, "", 1, 2, 3, "1", "2", "3", 0, 4, 1.5, -1, true, false, "Option 1", "Full", "summer"),
  documentedOption.map(([text]) => text),
  decoratedOption,
  fc.string(),
  anyNumber,
);

/** A fiscal year spelled as the help allows ("2025-26", "FY2025-26", "FY 2025-26", "2025-2026", "FY25-26"). */
export function spelledYear(start: number): fc.Arbitrary<string> {
  const end = (start + 1) % 100;
  const yy = (n: number) => String(n % 100).padStart(2, "0");
  return fc
    .tuple(
      fc.constantFrom(`${start}-${yy(end)}`, `${start}-${start + 1}`, `FY${start}-${yy(end)}`, `FY ${start}-${yy(end)}`, `FY${yy(start)}-${yy(end)}`, `fy${start}-${start + 1}`),
      fc.constantFrom("", " ", "  "),
      fc.boolean(),
    )
    .map(([text, pad, upper]) => `${pad}${upper ? text.toUpperCase() : text.toLowerCase()}${pad}`);
}

/** The fiscal-year argument: omitted, each bundled year's spellings, other years, and anything else. */
export const yearArg: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, "", 0, 2025, true),
  fc.integer({ min: 2000, max: 2098 }).chain(spelledYear), // two-digit years ("FY25-26") are 20xx
  fc.constantFrom(...RATE_TABLES.map((t) => Number(t.fiscalYear.slice(0, 4)))).chain(spelledYear),
  fc.string(),
  anyText,
);
