/**
 * Installs the emulation as a page's `Office`, `Excel` and `OfficeExtension` globals, so the
 * unchanged task pane runs on an EmulatedWorkbook as if Excel on the web hosted it.
 */
import { guard } from "./client";
import { CustomFunctionError, ErrorCode } from "./custom-functions-shim";
import { ErrorCodes } from "./enums";
import { EmulatedOfficeError } from "./errors";
import type { EmulatedWorkbook } from "./workbook";

export interface InstallOptions {
  /** Office theme the pane reads from Office.context.officeTheme (light by default). */
  theme?: "light" | "dark";
}

const THEMES = {
  light: { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000", isDarkTheme: false, themeId: "White" },
  dark: { bodyBackgroundColor: "#292929", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#1F1F1F", controlForegroundColor: "#FFFFFF", isDarkTheme: true, themeId: "Black" },
};

const HOST_INFO = { host: "Excel", platform: "OfficeOnline" } as const;

export function installEmulatedOffice(win: object, workbook: EmulatedWorkbook, options: InstallOptions = {}): void {
  const target = win as Record<string, unknown>;
  const requirements = guard(
    {
      // Answers from the workbook's host profile (createWorkbook({ host: { requirementSets } })).
      isSetSupported: (name: string, version?: string) => workbook.host.isSetSupported(name, version),
    },
    "Office.context.requirements",
  );
  const context = guard(
    {
      ...HOST_INFO,
      displayLanguage: "en-US",
      contentLanguage: "en-US",
      officeTheme: guard({ ...THEMES[options.theme ?? "light"] }, "Office.context.officeTheme"),
      requirements,
      diagnostics: guard({ ...HOST_INFO, version: "16.0.0.0 (emulated)" }, "Office.context.diagnostics"),
    },
    "Office.context",
  );
  const office = guard(
    {
      context,
      HostType: guard({ Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" }, "Office.HostType"),
      PlatformType: guard({ PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" }, "Office.PlatformType"),
      initialize: undefined as unknown,
      onReady(callback?: (info: typeof HOST_INFO) => void): Promise<typeof HOST_INFO> {
        return Promise.resolve().then(() => {
          callback?.(HOST_INFO);
          return HOST_INFO;
        });
      },
      actions: guard({ associate: (): void => undefined }, "Office.actions"),
    },
    "Office",
  );
  target.Office = office;
  target.Excel = workbook.Excel;
  target.OfficeExtension = guard({ Error: EmulatedOfficeError, ErrorCodes }, "OfficeExtension");
  target.CustomFunctions ??= { Error: CustomFunctionError, ErrorCode, associate: (): void => undefined };
  // office.js calls Office.initialize once the page is ready; pages may still set it.
  queueMicrotask(() => {
    if (typeof office.initialize === "function") (office.initialize as (reason: string) => void)("inserted");
  });
}
