/**
 * Reading what a user typed or what a cell holds. Excel hands custom functions numbers, strings,
 * booleans and null (blank); the pane hands us strings. Both go through here so they agree.
 */

/** Why an input was refused: `value` maps to Excel's #VALUE!, `number` to #NUM!. */
export interface Problem {
  readonly kind: "value" | "number";
  readonly message: string;
}

export type Parsed<T> =
  | { readonly kind: "blank" }
  | { readonly kind: "ok"; readonly value: T }
  | { readonly kind: "invalid"; readonly problem: Problem };

export const blank = { kind: "blank" } as const;
export const ok = <T>(value: T): Parsed<T> => ({ kind: "ok", value });
export const invalid = <T>(kind: Problem["kind"], message: string): Parsed<T> => ({
  kind: "invalid",
  problem: { kind, message },
});

// Plain decimals ("523", "-1.5", ".5", "1e3") or thousands grouped with commas ("1,024", "12,345.5").
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

export function isBlank(input: unknown): boolean {
  return input === null || input === undefined || (typeof input === "string" && input.trim() === "");
}

/** Quote text for a message, shortened so a long cell cannot flood the tooltip. */
export function quoted(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${short}"`;
}

/** A cell's content for a message: text quoted and shortened, numbers and TRUE/FALSE as Excel shows them. */
export function shownValue(input: unknown): string {
  if (typeof input === "string") return quoted(input);
  return typeof input === "number" || typeof input === "boolean" ? String(input).toUpperCase() : "this value";
}

/**
 * A number from a cell or a text box. Numeric text counts as its number (" 523 ", "1,024");
 * other text, booleans and anything else are refused with a message naming `what` was expected.
 */
export function parseNumber(input: unknown, what: string): Parsed<number> {
  if (isBlank(input)) return blank;
  if (typeof input === "number") {
    return Number.isFinite(input) ? ok(input === 0 ? 0 : input) : invalid("number", `${what} must be a finite number.`);
  }
  if (typeof input === "string") {
    const text = input.trim();
    if (PLAIN_NUMBER.test(text)) return parseNumber(Number(text), what);
    if (GROUPED_NUMBER.test(text)) return parseNumber(Number(text.replace(/,/g, "")), what);
    return invalid("value", `${what} must be a number; ${quoted(text)} is text. Type a number, or leave the cell blank.`);
  }
  if (typeof input === "boolean") {
    return invalid("value", `${what} must be a number, not ${input ? "TRUE" : "FALSE"}.`);
  }
  return invalid("value", `${what} must be a number; the cell holds an error or another kind of value.`);
}
