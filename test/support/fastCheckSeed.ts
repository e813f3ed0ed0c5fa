import fc from "fast-check";

// Property tests explore new random cases on every local run. CI replays one fixed seed, so whether a
// submission lands does not depend on luck; FUZZ_SEED=<n> replays any seed a failure reports.
const seed = process.env.FUZZ_SEED ?? (process.env.CI ? "20251129" : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
