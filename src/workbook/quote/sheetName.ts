/**
 * The budget sheet's default name and Excel's rules for a new sheet's name: small and separate from the quote
 * planner, so the pane's first screen can check a typed name without loading the planner.
 */

export const BUDGET_SHEET = "ITS Budget";

/** Excel compares sheet names without regard to case; the add-in also ignores surrounding spaces. */
export const sameText = (a: unknown, b: string): boolean => String(a ?? "").trim().toLowerCase() === b.trim().toLowerCase();

/** Why `name` cannot be a new sheet's name, or null. Excel's rules: 1-31 characters, none of : \ / ? * [ ], no leading or trailing '. */
export function sheetNameProblem(name: string, existing: readonly string[]): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "Enter a name for the new sheet.";
  if (trimmed.length > 31) return `A sheet name can have at most 31 characters; "${trimmed}" has ${trimmed.length}.`;
  if (/[:\\/?*[\]]/.test(trimmed)) return "A sheet name cannot contain any of : \\ / ? * [ ]. Choose another name.";
  if (trimmed.startsWith("'") || trimmed.endsWith("'")) return "A sheet name cannot start or end with an apostrophe.";
  if (existing.some((n) => sameText(n, trimmed))) return `A sheet named "${trimmed}" already exists. Choose another name.`;
  return null;
}

/** "ITS Budget 2", "ITS Budget 3", ...: the first name no sheet has. */
export function freeSheetName(base: string, existing: readonly string[]): string {
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    if (!existing.some((e) => sameText(e, candidate))) return candidate;
  }
}
