// Browser tests: headless Chromium (playwright-core) against the production build in dist/.
// Run `npm run build` first; `npm run test:e2e` runs these one file at a time.
module.exports = {
  rootDir: "../..",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.test.ts"],
  testEnvironment: "node",
  globalSetup: "<rootDir>/test/e2e/support/globalSetup.js",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", jsx: "react-jsx" } }] },
  testTimeout: 120000,
};
