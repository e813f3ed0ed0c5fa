/**
 * The review of one budget row against the memo. Every rule is the core's: parseEnrollment and
 * recommendDays for the recommendation, parseDays for days bought, parseOption for the option's spellings,
 * annualCost for the price. This file only words what a row breaks and what the memo expects instead.
 */

import {
  type OptionNumber,
  type RateTable,
  REMOTE_ONLY_NOTE,
  annualCost,
  formatDollars,
  isBlank,
  optionByNumber,
  optionChoices,
  parseDays,
  parseEnrollment,
  parseNumber,
  parseOption,
  quoted,
  recommendDays,
} from "../../core";
import type { CellValue } from "../fill/headers";

/** Kinds of finding, in the order the pane and the ITS Review sheet list them. */
export const FINDING_KINDS = [
  "belowRecommendation",
  "wrongCost",
  "unknownOption",
  "invalidDays",
  "blankCost",
  "blankOption",
  "blankDays",
  "invalidEnrollment",
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** Each kind as a rule, for the counts. */
export const FINDING_LABELS: Record<FindingKind, string> = {
  belowRecommendation: "Days below the recommendation for the enrollment",
  wrongCost: "Cost is not the memo's price for the days and option",
  unknownOption: "Option is none of the memo's three",
  invalidDays: "Days not a whole number from 0 to 5",
  blankCost: "Cost blank beside days",
  blankOption: "Option blank beside days",
  blankDays: "Days blank beside a cost or an option",
  invalidEnrollment: "Enrollment not a number of students (recommendation not checked)",
};

/** What the review column shows for a row that breaks no rule. */
export const OK_FINDING = "OK";

export interface Finding {
  readonly kind: FindingKind;
  /** The rule broken and the expected value, e.g. "Cost $50,000 is not the memo's price for 2 days Outside Summer: $50,008." */
  readonly message: string;
}

/** The cells of one row the review reads ("" where the sheet has no such column). */
export interface RowCells {
  readonly enrollment: CellValue;
  readonly days: CellValue;
  readonly option: CellValue;
  readonly cost: CellValue;
  /** Summer Only days bought on top of `days` (a split), or "". */
  readonly summerDays: CellValue;
}

/** A row's purchase as far as it can be read: whole days 0-5, the option if it names one, the cost if it is a number. */
export interface Purchase {
  readonly days: number;
  /** Summer Only days on top (a split); 0 when none. */
  readonly summerDays: number;
  readonly option: OptionNumber | null;
  readonly cost: number | null;
  /** The memo's price for those days and that option (plus the Summer Only days); null without an option. */
  readonly price: number | null;
}

export type RowReview =
  /** Nothing to review: enrollment, days, option and cost are all blank. */
  | { readonly kind: "blank" }
  | { readonly kind: "reviewed"; readonly findings: readonly Finding[]; readonly purchase: Purchase | null };

const daysText = (days: number): string => `${days} ${days === 1 ? "day" : "days"}`;

/** Dollars as typed: whole dollars as the memo prints them, cents (or less) when the cell has them. */
const dollars = (amount: number): string =>
  Number.isInteger(amount) ? formatDollars(amount) : `${amount < 0 ? "-" : ""}$${Math.abs(amount).toLocaleString("en-US", { maximumFractionDigits: 6 })}`;

/** A cost from a cell: a number, or numeric text, also with a leading "$" ("$50,008" typed into a text cell). */
function parseCost(cell: CellValue) {
  return parseNumber(typeof cell === "string" ? cell.trim().replace(/^(-?)\$/, "$1") : cell, "Cost");
}

const shown = (cell: CellValue): string => (typeof cell === "string" ? quoted(cell.trim()) : String(cell));

export function reviewRow(cells: RowCells, rates: RateTable): RowReview {
  if ([cells.enrollment, cells.days, cells.option, cells.cost, cells.summerDays].every(isBlank)) return { kind: "blank" };
  const findings: Finding[] = [];
  const add = (kind: FindingKind, message: string) => findings.push({ kind, message });

  const enrollment = parseEnrollment(cells.enrollment);
  if (enrollment.kind === "invalid") add("invalidEnrollment", `Recommendation not checked: ${enrollment.problem.message}`);
  const recommended = enrollment.kind === "ok" ? recommendDays(enrollment.value, rates).days : null;
  const recommendation = enrollment.kind === "ok" && recommended !== null ? `the memo's recommendation for ${enrollment.value.toLocaleString("en-US")} students: ${daysText(recommended)}` : "";

  const days = parseDays(cells.days, rates);
  if (days.kind === "invalid") add("invalidDays", days.problem.message);
  if (days.kind === "blank") {
    if (recommendation) add("belowRecommendation", `Days bought is blank, below ${recommendation}.`);
    const beside = isBlank(cells.cost) ? `option ${shown(cells.option)}` : `a cost of ${typeof cells.cost === "number" ? dollars(cells.cost) : shown(cells.cost)}`;
    if (!isBlank(cells.option) || !isBlank(cells.cost)) add("blankDays", `Days bought is blank beside ${beside}: enter the days a week bought, 0 to ${rates.maxDays}.`);
  }
  const bought = days.kind === "ok" ? days.value : null;
  if (bought !== null && recommended !== null && bought < recommended) {
    add("belowRecommendation", `Days ${bought} is below ${recommendation}${bought === 0 ? ` (${REMOTE_ONLY_NOTE})` : "."}`);
  }

  let option: OptionNumber | null = null;
  if (isBlank(cells.option)) {
    if (bought !== null && bought > 0) add("blankOption", `Option is blank beside ${daysText(bought)}: enter ${optionChoices(rates)}. The cost is checked once the option is named.`);
  } else {
    const parsed = parseOption(cells.option, rates);
    if (parsed.kind === "ok") option = parsed.value;
    else add("unknownOption", parsed.problem.message);
  }

  const summer = parseDays(cells.summerDays, rates);
  if (summer.kind === "invalid") add("invalidDays", `Summer Only days: ${summer.problem.message}`);
  const summerDays = summer.kind === "ok" ? summer.value : 0;
  const valid = bought !== null && summer.kind !== "invalid";

  const price = valid && option !== null ? annualCost(bought, option, rates) + annualCost(summerDays, 3, rates) : null;
  const split = summerDays > 0 ? ` + ${daysText(summerDays)} ${optionByNumber(3, rates).name}` : "";
  const purchase = bought === null ? "" : `${daysText(bought)}${option === null ? "" : ` ${optionByNumber(option, rates).name}`}${split}`;
  const cost = parseCost(cells.cost);
  if (cost.kind === "blank" && valid && bought + summerDays > 0) {
    add("blankCost", `Cost is blank beside ${purchase}${price === null ? "." : `: the memo's price is ${formatDollars(price)}.`}`);
  }
  if (cost.kind === "invalid" && valid) {
    add("wrongCost", `Cost ${shown(cells.cost)} is not a number${price === null ? "." : `: the memo's price for ${purchase} is ${formatDollars(price)}.`}`);
  }
  if (cost.kind === "ok" && price !== null && cost.value !== price) {
    add("wrongCost", `Cost ${dollars(cost.value)} is not the memo's price for ${purchase}: ${formatDollars(price)}.`);
  }

  return {
    kind: "reviewed",
    findings,
    purchase: valid ? { days: bought, summerDays, option, cost: cost.kind === "ok" ? cost.value : null, price } : null,
  };
}

/** The review column's text for a row: "" for a blank row, OK_FINDING, or the findings one after another. */
export function findingText(review: RowReview): string {
  if (review.kind === "blank") return "";
  return review.findings.length === 0 ? OK_FINDING : review.findings.map((f) => f.message).join(" ");
}
