// Lint config read by `npm run lint` (office-addin-lint check, which runs `eslint -c eslint.config.mjs` over
// "config.lint_files" of package.json: src/, scripts/, test/ and the root config files).
// It keeps the Office add-in rules of eslint-plugin-office-addins (as errors, so CI fails on them) and
// checks real problems; code formatting (prettier/prettier in the plugin's preset) is deliberately not enforced.
import js from "@eslint/js";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import tsParser from "@typescript-eslint/parser";
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import globals from "globals";

// The layers of the README, enforced: what each folder may import and which host globals it may touch.
const PREVIEW_IMPORTS = {
  group: ["**/preview", "**/preview/**", "hyperformula", "hyperformula/**"],
  message: "Shipped code never imports the preview or its emulation (HyperFormula is GPL-3.0: dev and tests only).",
};
const CORE_IMPORTS = [
  PREVIEW_IMPORTS,
  {
    group: ["react", "react/**", "react-dom", "react-dom/**", "@fluentui/**", "@microsoft/office-js", "office-*", "**/workbook/**", "**/taskpane/**", "**/functions/**"],
    message: "src/core is the pure domain: no React, Fluent, Office or other layer of the add-in.",
  },
];
const HOST_GLOBALS = ["Office", "Excel", "CustomFunctions", "window", "document", "navigator", "localStorage", "fetch", "XMLHttpRequest"];

const officeAddinRules = Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, "error"]));

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  {
    files: ["**/*.{js,mjs,cjs,jsx,ts,tsx}"],
    plugins: { "office-addins": officeAddins, "@typescript-eslint": tsPlugin, react },
    languageOptions: {
      parser: tsParser,
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: "detect" } },
    rules: {
      ...officeAddinRules,
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      "react/prop-types": "off", // TypeScript checks props
      "react/no-unescaped-entities": ["error", { forbid: [">", "}"] }], // quotes in JSX text are fine; these are typos
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // TypeScript resolves names itself (Office, Excel and CustomFunctions come from @types), so no-undef only misfires.
    files: ["**/*.{ts,tsx}"],
    rules: { "no-undef": "off", "no-redeclare": "off" },
  },
  {
    // Typed checks: an Excel.run or sync promise nobody awaits loses its errors, so the user never hears of them.
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
  {
    // These writers queue their reads in a helper that returns a reader closure, which the caller runs after its
    // context.sync(). The sync rules compare source positions only, so they flag every read in that closure.
    // Remove a file from this list once its reader sits below the sync (or carries a justified disable comment).
    files: ["src/workbook/excel/quote.ts"],
    rules: { "office-addins/call-sync-before-read": "off", "office-addins/call-sync-after-load": "off" },
  },
  {
    files: ["src/{taskpane,functions,workbook}/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [PREVIEW_IMPORTS] }] },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: CORE_IMPORTS }],
      "no-restricted-globals": ["error", ...HOST_GLOBALS.map((name) => ({ name, message: "src/core is pure: no Office, Excel or DOM." }))],
    },
  },
  {
    // Only src/workbook/excel/ calls the Excel API (the preview defines it).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/workbook/excel/**", "src/preview/**", "src/core/**"],
    rules: { "no-restricted-globals": ["error", { name: "Excel", message: "Only src/workbook/excel/ calls the Excel API: add an adapter there." }] },
  },
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
];
