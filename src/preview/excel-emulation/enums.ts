/**
 * The Excel namespace's runtime enums that add-in code may read (Excel.ChartType.columnClustered...).
 * Values are office.js's strings. Reading a member that is not listed throws (see guardEnum).
 */
import { ErrorCodes as CoreErrorCodes } from "./errors";
import { NotEmulatedError } from "./errors";

const pascal = (names: string[]) => Object.fromEntries(names.map((n) => [n, n[0].toUpperCase() + n.slice(1)]));

export const ChartType = pascal([
  "columnClustered", "columnStacked", "columnStacked100", "barClustered", "barStacked", "barStacked100",
  "line", "lineMarkers", "lineStacked", "pie", "doughnut", "area", "xyscatter",
]);
export const ChartSeriesBy = pascal(["auto", "columns", "rows"]);
export const RangeValueType = pascal(["unknown", "empty", "string", "integer", "double", "boolean", "error", "richValue"]);
export const SheetVisibility = pascal(["visible", "hidden", "veryHidden"]);
export const ErrorCodes = { ...CoreErrorCodes };

/** An enum object that throws on a member it does not have, instead of giving undefined. */
export function guardEnum<T extends object>(name: string, values: T): T {
  return new Proxy(values, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target || prop === "toJSON" || prop === "then") return Reflect.get(target, prop, receiver);
      throw new NotEmulatedError(`Excel.${name}`, prop);
    },
  });
}
