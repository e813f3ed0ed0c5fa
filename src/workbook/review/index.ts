/** Review mode's pure side: columns by header, the rules per row, the plan of writes, the ITS Review sheet. */
export * from "./columns";
export * from "./planner";
export * from "./rules";
export * from "./sheet";
