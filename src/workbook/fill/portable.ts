/**
 * The portable formula of a recommended-days cell: plain IF, INDEX, MATCH, ROUNDUP, SUBSTITUTE, FIND and VALUE on
 * the rates sheet, so it works in any Excel, LibreOffice or Google Sheets, and it refuses what the core refuses.
 *
 * VALUE() alone reads far more than the core does ("$500", "50%", "1/2/2025", "1.2.3" as a date), so text is first
 * reduced to its shape, and only the shapes of the core's numeric text (src/core/inputs.ts: plain decimals such as
 * " 523 ", "-1.5", ".5", "1e3", or thousands grouped with commas such as "1,024", "12,345.5") reach VALUE:
 * digits become 0, an exponent's sign goes, "+" becomes "-", each ",000" becomes G (a run of 4 digits before a G is
 * refused as X), then runs of G and of 0 are folded. What is left must be one of a few shapes (SHAPES).
 * Known limits, where the core still reads a number: text with tabs or non-breaking spaces around it (TRIM removes
 * spaces only), runs of more than 256 digits and more than 8 groups of thousands.
 */

const MANTISSAS = ["0", "0.", "0.0", ".0"];
/** Every shape of numeric text the core reads, after the reductions above. */
export const SHAPES = ["", "-"].flatMap((sign) => [...MANTISSAS.flatMap((m) => [m, `${m}E0`]), "0G", "0G.0"].map((shape) => sign + shape));

const STEPS: [string, string][] = [
  ...["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((digit): [string, string] => [digit, "0"]),
  ["E+", "E"],
  ["E-", "E"],
  ["+", "-"],
  [",000", "G"],
  ["0000G", "X"],
  ...Array.from({ length: 3 }, (): [string, string] => ["GG", "G"]),
  ...Array.from({ length: 8 }, (): [string, string] => ["00", "0"]),
];

const quote = (text: string): string => `"${text}"`;

/** A formula that is TRUE when the text `text` (a formula expression, already trimmed) is numeric text the core reads. */
export function isNumericText(text: string): string {
  const shape = STEPS.reduce((inner, [from, to]) => `SUBSTITUTE(${inner},${quote(from)},${quote(to)})`, `UPPER(${text})`);
  return `ISNUMBER(FIND("|"&${shape}&"|",${quote(`|${SHAPES.join("|")}|`)}))`;
}

/**
 * The days for the enrollment in cell `e`, looked up in the rates sheet's bands (`bandDays`, starting at `bandFrom`).
 * Blank (or spaces) stays blank; a number or numeric text is priced; a negative one is #NUM!, other text and TRUE/FALSE
 * #VALUE!, and an error in the cell stays that error: as the core and ITSDAYS decide. Bands include their upper end,
 * so a fractional enrollment is rounded up before MATCH finds the last band starting at or below it (200.5 -> 201).
 */
export function portableDays(e: string, bandDays: string, bandFrom: string): string {
  const trimmed = `TRIM(${e})`;
  const days = (n: string) => `IF(${n}<0,#NUM!,INDEX(${bandDays},MATCH(ROUNDUP(${n},0),${bandFrom},1)))`;
  const text = `VALUE(SUBSTITUTE(${trimmed},",",""))`;
  return `=IF(${trimmed}="","",IF(ISNUMBER(${e}),${days(e)},IF(${isNumericText(trimmed)},${days(text)},#VALUE!)))`;
}
