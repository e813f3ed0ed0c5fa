/**
 * The emulated Excel host: which API requirement sets it supports, how blank cells reach custom
 * functions, whether the user is editing a cell, and today's date. Tests and the preview choose a host
 * with `createWorkbook({ host: { ... } })` and change it later through `book.host`.
 */
import { EmulatedOfficeError, ErrorCodes } from "./errors";

export interface HostOptions {
  /**
   * Requirement sets and the highest version supported, e.g. `{ ExcelApi: "1.12", SharedRuntime: "1.1" }`.
   * A set that is not listed is unsupported. Default: a current host (every set the emulation knows, at its
   * newest version).
   */
  requirementSets?: Readonly<Record<string, string>>;
  /**
   * Blank cells reach custom functions as 0 instead of null, as on some Excel desktop builds
   * (office-js #4702, #5262). Default false: null, as Excel on the web and current builds pass them.
   */
  blanksAsZero?: boolean;
  /** The date Excel reads "6-8" in (June 8 of this date's year). Default: the real date. */
  today?: Date;
}

/** What a current Excel (web, Microsoft 365) supports; the emulation's members need no more than this. */
export const CURRENT_HOST_SETS: Readonly<Record<string, string>> = {
  ExcelApi: "1.17",
  CustomFunctionsRuntime: "1.4",
  SharedRuntime: "1.1",
  RibbonApi: "1.1",
  DialogApi: "1.2",
};

/** "1.13" > "1.9": versions compare part by part, as numbers. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export class Host {
  requirementSets: Readonly<Record<string, string>>;
  today: Date | undefined;
  private blanks: boolean;
  private editing = false;
  private readonly editEnded: (() => void)[] = [];
  /** Called when blanksAsZero changes (formula values depend on it). */
  onBlanksChange: () => void = () => undefined;

  constructor(options: HostOptions = {}) {
    this.requirementSets = options.requirementSets ?? CURRENT_HOST_SETS;
    this.blanks = options.blanksAsZero ?? false;
    this.today = options.today;
  }

  get blanksAsZero(): boolean {
    return this.blanks;
  }

  set blanksAsZero(value: boolean) {
    this.blanks = value;
    this.onBlanksChange();
  }

  /** Office.context.requirements.isSetSupported(name, version): names case-insensitive, version optional. */
  isSetSupported(name: string, version?: string): boolean {
    const entry = Object.entries(this.requirementSets).find(([set]) => set.toLowerCase() === String(name).toLowerCase());
    return entry !== undefined && (version === undefined || versionAtLeast(entry[1], String(version)));
  }

  /**
   * Fails the way office.js fails when an API newer than the host is used: the member exists in the
   * script but the host rejects the request (ApiNotFound). Called when the action runs.
   */
  requireSet(set: string, version: string, member: string): void {
    if (this.isSetSupported(set, version)) return;
    throw new EmulatedOfficeError({
      code: ErrorCodes.apiNotFound,
      message: `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${member} needs ${set} ${version}; this host supports ${set} ${this.requirementSets[set] ?? "not at all"}.)`,
      errorLocation: member,
    });
  }

  thisYear(): number {
    return (this.today ?? new Date()).getFullYear();
  }

  /** The user is typing in a cell (docs: excel/excel-add-ins-delay-in-cell-edit.md). */
  get inCellEditMode(): boolean {
    return this.editing;
  }

  enterCellEditMode(): void {
    this.editing = true;
  }

  /** The user pressed Enter or Esc: batches that waited with delayForCellEdit run now. */
  exitCellEditMode(): void {
    this.editing = false;
    for (const resume of this.editEnded.splice(0)) resume();
  }

  /** Resolves when the user leaves cell-edit mode (at once when not editing). */
  cellEditEnded(): Promise<void> {
    if (!this.editing) return Promise.resolve();
    return new Promise((resolve) => this.editEnded.push(resolve));
  }
}
