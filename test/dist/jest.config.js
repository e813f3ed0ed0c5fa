// Tests of the production build in dist/: run `npm run build` first; `npm run test:dist` runs them (CI does,
// after its build step). They check what ships, so they never build anything themselves.
module.exports = {
  rootDir: "../..",
  roots: ["<rootDir>/test/dist"],
  testMatch: ["**/*.test.ts"],
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs" } }] },
};
