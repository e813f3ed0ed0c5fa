import { FULL_TIME_NOTE, REMOTE_ONLY_NOTE, annualCost, optionByNumber } from "./pricing";
import type { OptionNumber, PurchaseOption, RateTable } from "./rates";

/**
 * What a site buys: one option for all its days, or a split of some days Outside Summer plus some
 * days Summer Only (the two periods do not overlap, so together they cover the whole year).
 */
export type Purchase =
  | { readonly kind: "single"; readonly option: OptionNumber; readonly days: number }
  | { readonly kind: "split"; readonly outsideSummerDays: number; readonly summerOnlyDays: number };

export interface QuoteLine {
  readonly option: PurchaseOption;
  readonly days: number;
  readonly cost: number;
}

export interface PricedPurchase {
  readonly lines: readonly QuoteLine[];
  readonly total: number;
  /** e.g. "Full Year" or "Outside Summer 3 days + Summer Only 1 day". */
  readonly description: string;
}

const OUTSIDE_SUMMER: OptionNumber = 2;
const SUMMER_ONLY: OptionNumber = 3;

export function pricePurchase(purchase: Purchase, rates: RateTable): PricedPurchase {
  const parts: [OptionNumber, number][] =
    purchase.kind === "single"
      ? [[purchase.option, purchase.days]]
      : [
          [OUTSIDE_SUMMER, purchase.outsideSummerDays],
          [SUMMER_ONLY, purchase.summerOnlyDays],
        ];
  const lines = parts.map(([option, days]) => ({
    option: optionByNumber(option, rates),
    days,
    cost: annualCost(days, option, rates),
  }));
  const description =
    purchase.kind === "single"
      ? lines[0].option.name
      : lines.map((l) => `${l.option.name} ${l.days} ${l.days === 1 ? "day" : "days"}`).join(" + ");
  return { lines, total: lines.reduce((sum, l) => sum + l.cost, 0), description };
}

/** The same days priced under every option, for a side-by-side comparison. */
export function compareOptions(days: number, rates: RateTable): QuoteLine[] {
  return rates.options.map((option) => ({ option, days, cost: annualCost(days, option.number, rates) }));
}

export interface Advice {
  readonly level: "info" | "warning";
  readonly text: string;
}

/** What a budget analyst should know about buying `days` when `recommended` was advised (if known). */
export function adviceFor(days: number, recommended: number | null): Advice[] {
  const advice: Advice[] = [];
  if (days === 0) advice.push({ level: "warning", text: REMOTE_ONLY_NOTE });
  else if (recommended !== null && days < recommended) {
    advice.push({
      level: "warning",
      text: `Fewer days than ITS recommends for this enrollment (${recommended} a week). Expect slower on-site help.`,
    });
  }
  if (days === 5) advice.push({ level: "info", text: FULL_TIME_NOTE });
  return advice;
}
