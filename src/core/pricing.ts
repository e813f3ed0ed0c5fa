import { type Parsed, invalid, isBlank, ok, parseNumber, shownValue } from "./inputs";
import type { OptionNumber, PurchaseOption, RateTable } from "./rates";

export const REMOTE_ONLY_NOTE =
  "0 days: no technician is assigned. Support is remote only, with an average wait of 4-6 weeks.";
export const FULL_TIME_NOTE = "5 days a week is a full-time technician, the most that can be bought.";

/** Annual price in whole dollars, looked up in the memo's table; 0 days costs $0. */
export function annualCost(days: number, option: OptionNumber, rates: RateTable): number {
  if (!Number.isInteger(days) || days < 0 || days > rates.maxDays) {
    throw new RangeError(`Days a week must be a whole number from 0 to ${rates.maxDays}; got ${days}.`);
  }
  return days === 0 ? 0 : optionByNumber(option, rates).prices[days - 1];
}

export function optionByNumber(option: OptionNumber, rates: RateTable): PurchaseOption {
  return rates.options[option - 1];
}

/** Days a week to buy: a whole number 0 to maxDays, from a cell or a text box. */
export function parseDays(input: unknown, rates: RateTable): Parsed<number> {
  const parsed = parseNumber(input, "Days a week");
  if (parsed.kind !== "ok") return parsed;
  const days = parsed.value;
  if (!Number.isInteger(days) || days < 0 || days > rates.maxDays) {
    return invalid(
      "number",
      `Days a week must be a whole number from 0 to ${rates.maxDays} (${rates.maxDays} = a full-time technician); got ${days}.`,
    );
  }
  return ok(days);
}

const DOLLARS = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** Whole dollars as budget staff read them: 75013 -> "$75,013". */
export const formatDollars = (amount: number): string => DOLLARS.format(amount);

/** Words of letters, separated by spaces, hyphens or en dashes: "Full Year - A Basis", "outside-summer". */
const OPTION_NAME = /^[a-z]+(?:[\s\-\u2013]+[a-z]+)*$/i;
const nameKey = (name: string): string => name.toLowerCase().replace(/[^a-z]/g, "");

/** How to write each option, for messages: `1 or "Full Year", 2 or "Outside Summer", ...`. */
export function optionChoices(rates: RateTable): string {
  return rates.options.map((o) => `${o.number} or "${o.name}"`).join(", ");
}

/** The option a cell names, or undefined: an option number (as a number or as text) or a name. */
function optionNamed(input: unknown, rates: RateTable): PurchaseOption | undefined {
  if (typeof input === "number") return rates.options.find((o) => o.number === input);
  if (typeof input !== "string") return undefined;
  const text = input.trim();
  if (/^\d+$/.test(text)) return rates.options.find((o) => String(o.number) === text);
  if (!OPTION_NAME.test(text)) return undefined;
  return rates.options.find((o) => [o.name, o.memoName, ...o.aliases].some((name) => nameKey(name) === nameKey(text)));
}

/**
 * An option from 1, 2, 3 (a number or that digit as text) or a name ("Full Year", "A Basis", "outside of
 * summer"): case does not matter, nor spaces or hyphens between the words. Anything else ("-1", "$1", "1%",
 * "(2)", "#3", "Option 1") is refused rather than guessed at. Blank means Full Year, as the functions document.
 */
export function parseOption(input: unknown, rates: RateTable): Exclude<Parsed<OptionNumber>, { kind: "blank" }> {
  if (isBlank(input)) return { kind: "ok", value: 1 };
  const match = optionNamed(input, rates);
  if (match) return { kind: "ok", value: match.number };
  return {
    kind: "invalid",
    problem: { kind: "value", message: `Unknown option ${shownValue(input)}. Use ${optionChoices(rates)} (any case; spaces or hyphens between words).` },
  };
}
