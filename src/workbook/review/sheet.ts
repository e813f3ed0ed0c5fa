/** The "ITS Review" sheet: counts per kind of finding and the encumbrance per option. Pure. */

import { type OptionNumber, type RateTable } from "../../core";
import { type RangeRef, columnLetters, rangeAddress } from "../address";
import { MARK_VERSION, type SheetMark, parseMark } from "../ownership";
import type { CellInput } from "../plan";
import { REVIEW_HEADER } from "./columns";
import { FINDING_KINDS, FINDING_LABELS, type FindingKind, OK_FINDING } from "./rules";

export const REVIEW_SHEET = "ITS Review";

/** The role in the ownership mark (../ownership.ts) of an ITS Review sheet the add-in made. */
export const REVIEW_ROLE = "review";
export const REVIEW_SHEET_MARK: SheetMark = { version: MARK_VERSION, role: REVIEW_ROLE, madeSheet: true, tables: [], columns: [], charts: [] };

/** How many of the names "ITS Review", "ITS Review (2)", ... the Excel side reads the marks of. */
const REVIEW_SHEET_CANDIDATES = 9;
const candidateName = (n: number): string => (n === 1 ? REVIEW_SHEET : `${REVIEW_SHEET} (${n})`);

/** "ITS Review", "ITS Review (2)", ... "ITS Review (9)": where an earlier review's sheet may be. */
export const reviewSheetCandidates = (): string[] => Array.from({ length: REVIEW_SHEET_CANDIDATES }, (_, i) => candidateName(i + 1));

/** A sheet of one of the candidate names, as read: its name, its ownership mark's value (null without one), and whether it has no used cell. */
export interface ExistingReviewSheet {
  readonly name: string;
  readonly mark: string | null;
  readonly empty: boolean;
}

export interface ReviewSheetChoice {
  readonly name: string;
  /** The sheet is one an earlier review made (it bears our mark): its counts are replaced. */
  readonly ours: boolean;
  /**
   * The sheet exists, unmarked and without a used cell (as a review that Excel stopped right after adding it leaves
   * it): it is written and marked, so no empty sheet is left behind. Neither ours nor empty: the sheet is added.
   */
  readonly empty: boolean;
  /** A sheet named "ITS Review" exists and is not ours: it is left as it is. */
  readonly nameTaken: boolean;
}

/**
 * The sheet for the counts: the first candidate that bears the review's mark, else the first candidate that is
 * unmarked and empty (writing there changes no cell anyone typed), else the first of "ITS Review",
 * "ITS Review (2)", ... that no sheet has (Excel compares sheet names without case). Any other sheet is a user's,
 * whatever its name, and is never written.
 */
export function chooseReviewSheet(sheetNames: readonly string[], existing: readonly ExistingReviewSheet[]): ReviewSheetChoice {
  const taken = new Set(sheetNames.map((n) => n.toLowerCase()));
  const choice = (name: string, ours: boolean, empty: boolean): ReviewSheetChoice => ({
    name,
    ours,
    empty,
    nameTaken: taken.has(REVIEW_SHEET.toLowerCase()) && name.toLowerCase() !== REVIEW_SHEET.toLowerCase(),
  });
  const ours = existing.find((s) => parseMark(s.mark)?.role === REVIEW_ROLE);
  if (ours) return choice(ours.name, true, false);
  const empty = existing.find((s) => s.mark === null && s.empty);
  if (empty) return choice(empty.name, false, true);
  for (let n = 1; ; n++) {
    if (!taken.has(candidateName(n).toLowerCase())) return choice(candidateName(n), false, false);
  }
}

/** Sites with whole days bought under one option (null: blank or unknown option); a split counts under its option. */
export interface OptionTotal {
  readonly option: OptionNumber | null;
  readonly sites: number;
  readonly days: number;
  /** The costs as the sheet holds them (what Budget Services encumbers). */
  readonly cost: number;
  /** The memo's prices for the same days and option. */
  readonly price: number;
}

/** "Full Year", ..., or the row of sites whose option is blank or none of the three. */
export const optionTotalLabel = (option: OptionNumber | null, rates: RateTable): string => (option === null ? "Option blank or unknown" : rates.options[option - 1].name);

export interface ReviewSheetInput {
  readonly sheet: string;
  readonly target: { readonly column: number; readonly address: string };
  readonly rows: RangeRef;
  readonly counts: Readonly<Record<FindingKind, number>>;
  readonly ok: number;
  readonly blanks: number;
  readonly totalRows: number;
  readonly withFindings: number;
  readonly totals: readonly OptionTotal[];
}

const WIDTH = 5;
const COUNTS_HEADER_ROW = 4;

export function reviewSheet(input: ReviewSheetInput, rates: RateTable) {
  const { sheet, target, rows, counts } = input;
  const sum = (pick: (t: OptionTotal) => number) => input.totals.reduce((n, t) => n + pick(t), 0);
  const cells: CellInput[][] = [
    [`ITS review of budgets, FY ${rates.fiscalYear}`],
    [
      `Sheet "${sheet}", rows ${rows.start.row + 2}-${rows.start.row + rows.rows}, checked against the ITS memo of ${rates.source.date}. ` +
        `Each row's findings are in column ${columnLetters(target.column)} ("${REVIEW_HEADER}") of that sheet; "${OK_FINDING}" means no finding.`,
    ],
    ["Figures as of the review: review again after the sheet changes."],
    [],
    ["Finding", "Rows"],
    ...FINDING_KINDS.map((k): CellInput[] => [FINDING_LABELS[k], counts[k]]),
    ["Rows with at least one finding", input.withFindings],
    [`Rows without a finding (${OK_FINDING})`, input.ok],
    ["Blank rows (not reviewed)", input.blanks],
    ["Total rows (not reviewed)", input.totalRows],
    [],
    ["Encumbrance per option", "Sites", "Days a week", "Cost as entered", "At the memo's prices"],
    ...input.totals.map((t): CellInput[] => [optionTotalLabel(t.option, rates), t.sites, t.days, t.cost, t.price]),
    ["All options", sum((t) => t.sites), sum((t) => t.days), sum((t) => t.cost), sum((t) => t.price)],
    [],
    ["Sites with 1 to 5 whole days bought. Cost as entered is the sheet's cost (a cost that is not a number counts as $0); the memo's price is the table's price for those days and that option (none without an option). A split (days plus Summer Only days) counts under its option with its whole cost, and its Summer Only days are not in Days a week."],
  ];
  const grid = cells.map((row) => [...row, ...Array<CellInput>(WIDTH - row.length).fill("")]);
  const totalsHeader = COUNTS_HEADER_ROW + FINDING_KINDS.length + 6;
  const at = (row: number, columns = WIDTH) => rangeAddress({ start: { row, column: 0 }, rows: 1, columns });
  return {
    cells: grid,
    area: rangeAddress({ start: { row: 0, column: 0 }, rows: grid.length, columns: WIDTH }),
    bold: [at(COUNTS_HEADER_ROW, 2), at(totalsHeader)],
    currency: [rangeAddress({ start: { row: totalsHeader + 1, column: 3 }, rows: input.totals.length + 1, columns: 2 })],
    fit: rangeAddress({ start: { row: COUNTS_HEADER_ROW, column: 0 }, rows: totalsHeader + input.totals.length + 2 - COUNTS_HEADER_ROW, columns: WIDTH }),
  };
}
