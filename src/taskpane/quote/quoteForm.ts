/**
 * What the quote form holds and what it means: raw text and choices in, a priced quote or
 * field-level problems out. Every rule comes from the core; this file only wires the form to it.
 */
import {
  type Advice,
  type OptionNumber,
  type PricedPurchase,
  type Purchase,
  type RateTable,
  type Recommendation,
  adviceFor,
  parseEnrollment,
  pricePurchase,
  recommendDays,
} from "../../core";
import type { SiteKind, SiteQuote } from "../../workbook/quote/budgetSheet";

/** "split" = some days Outside Summer plus some days Summer Only. */
export type OptionChoice = OptionNumber | "split";

export interface QuoteFormState {
  readonly site: string;
  readonly kind: SiteKind;
  readonly enrollment: string;
  /** Days chosen by the user, or null to follow the recommendation. */
  readonly days: number | null;
  readonly option: OptionChoice;
  readonly summerDays: number;
}

export const initialForm: QuoteFormState = { site: "", kind: "school", enrollment: "", days: null, option: 1, summerDays: 0 };

export interface QuoteFormView {
  readonly errors: { readonly site?: string; readonly enrollment?: string; readonly days?: string };
  readonly recommendation: Recommendation | null;
  /** Days a week in effect (the user's or the recommendation), or null when none yet. */
  readonly days: number | null;
  readonly advice: readonly Advice[];
  readonly priced: PricedPurchase | null;
  /** Ready to write when there are no errors. */
  readonly quote: SiteQuote | null;
}

export function viewOf(form: QuoteFormState, rates: RateTable): QuoteFormView {
  const errors: { site?: string; enrollment?: string; days?: string } = {};
  if (!form.site.trim()) errors.site = 'Enter the site\'s name, e.g. "Lincoln High School".';

  let enrollment: number | null = null;
  let recommendation: Recommendation | null = null;
  if (form.kind === "school") {
    const parsed = parseEnrollment(form.enrollment);
    if (parsed.kind === "blank") errors.enrollment = "Enter the school's enrollment (number of students), e.g. 523.";
    else if (parsed.kind === "invalid") errors.enrollment = parsed.problem.message;
    else {
      enrollment = parsed.value;
      recommendation = recommendDays(enrollment, rates);
    }
  }

  const days = form.days ?? recommendation?.days ?? null;
  if (days === null && form.kind === "office") errors.days = "Choose how many days a week to buy (0-5).";
  const purchase: Purchase | null =
    days === null
      ? null
      : form.option === "split"
        ? { kind: "split", outsideSummerDays: days, summerOnlyDays: form.summerDays }
        : { kind: "single", option: form.option, days };
  const priced = purchase ? pricePurchase(purchase, rates) : null;
  const advice = days === null ? [] : adviceFor(days, recommendation?.days ?? null);
  const valid = Object.keys(errors).length === 0 && purchase !== null;
  return {
    errors,
    recommendation,
    days,
    advice,
    priced,
    quote: valid ? { site: form.site.trim(), kind: form.kind, enrollment, purchase } : null,
  };
}
