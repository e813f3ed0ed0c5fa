/** The bulk fill's pure side: header detection, per-row results, and the plan of writes. */
export * from "./cells";
export * from "./headers";
export * from "./ownership";
export * from "./planner";
export * from "./region";
export * from "./rows";
