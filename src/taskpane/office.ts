/**
 * Where the pane runs. The pane paints before Office is ready and keeps working when office.js is
 * missing (opened in a plain browser, or the CDN is unreachable); only writing needs Excel.
 */
export interface OfficeStatus {
  /** "pending" until Office.onReady answers; "excel" inside Excel; "none" anywhere else. */
  readonly host: "pending" | "excel" | "none";
  /** Office's theme is dark (inside Office), or the system prefers dark (outside). */
  readonly dark: boolean;
}

/** Relative luminance below one half: a dark background. Office gives colors as "#RRGGBB". */
export function isDarkColor(color: string | undefined): boolean | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(color?.trim() ?? "");
  if (!match) return null;
  const n = parseInt(match[1], 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}

/** What the pane pre-rendered at build time shows: Office not answered yet, the light theme. */
export const prerenderedStatus: OfficeStatus = { host: "pending", dark: false };

export function initialStatus(): OfficeStatus {
  return { host: typeof Office === "undefined" ? "none" : "pending", dark: systemPrefersDark() };
}

/** Resolves once Office has answered (at once when office.js did not load). */
export async function officeStatus(): Promise<OfficeStatus> {
  if (typeof Office === "undefined") return { host: "none", dark: systemPrefersDark() };
  const info = await Office.onReady();
  const excel = info.host === Office.HostType.Excel;
  const themeDark = excel ? isDarkColor(Office.context?.officeTheme?.bodyBackgroundColor) : null;
  return { host: excel ? "excel" : "none", dark: themeDark ?? systemPrefersDark() };
}
