/**
 * Worksheet-level custom properties (Excel.Worksheet.customProperties, Excel.WorksheetCustomPropertyCollection and
 * Excel.WorksheetCustomProperty reference pages, ExcelApi 1.12): "add(key, value) Adds a new custom property that
 * maps to the provided key. This overwrites existing custom properties with that key"; getItem and
 * getItemOrNullObject find a key "which is case-insensitive"; "The key is limited to 255 characters (larger values
 * will cause an InvalidArgument error to be thrown.)"; the value is a string. They belong to the worksheet (docs:
 * develop/persisting-add-in-state-and-settings.md, "the same key can be repeated across different worksheets"), so
 * they keep through a rename. Copying a worksheet does not copy them (office-js #5486, closed "by design").
 * Docs silent, pessimistic: a value that is not a string is refused (InvalidArgument).
 */
import { rejection, workbook } from "./contract";

async function propertiesOf(sheet: string): Promise<Record<string, string>> {
  return Excel.run(async (context) => {
    const properties = context.workbook.worksheets.getItem(sheet).customProperties.load("items/key, items/value");
    await context.sync();
    return Object.fromEntries(properties.items.map((p) => [p.key, p.value]));
  });
}

test("add stores a string on the sheet; a second add with the same key (any case) overwrites it; getItem finds it in any case", async () => {
  const book = workbook({ sheets: { A: [], B: [] } });
  await Excel.run(async (context) => {
    const properties = context.workbook.worksheets.getItem("A").customProperties;
    properties.add("Owner", "first");
    properties.add("OWNER", "second");
    context.workbook.worksheets.getItem("B").customProperties.add("Owner", "other sheet");
    await context.sync();
  });
  expect(Object.values(await propertiesOf("A"))).toEqual(["second"]);
  expect(await propertiesOf("B")).toEqual({ Owner: "other sheet" });
  const value = await Excel.run(async (context) => {
    const item = context.workbook.worksheets.getItem("A").customProperties.getItem("owner").load("value");
    await context.sync();
    return item.value;
  });
  expect(value).toBe("second");
  expect(book.snapshot().sheets.find((s) => s.name === "A")?.customProperties).toEqual({ OWNER: "second" });
});

test("the properties stay with the sheet when it is renamed, and are in the workbook when it is opened again", async () => {
  const book = workbook({ sheets: { Budget: [["x"]] } });
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Budget");
    sheet.customProperties.add("mark", "ours");
    sheet.name = "Budget FY26";
    await context.sync();
  });
  expect(await propertiesOf("Budget FY26")).toEqual({ mark: "ours" });
  const saved = book.snapshot().sheets[0];
  // What a saved file gives back when opened: the same properties on the same sheet.
  workbook({ sheets: { [saved.name]: [["x"]] }, customProperties: Object.entries(saved.customProperties).map(([key, value]) => ({ sheet: saved.name, key, value })) });
  expect(await propertiesOf("Budget FY26")).toEqual({ mark: "ours" });
});

test("getItemOrNullObject gives a null object for a missing key, also through a sheet that does not exist; getItem fails with ItemNotFound", async () => {
  workbook({ sheets: { A: [] } });
  const nulls = await Excel.run(async (context) => {
    const missing = context.workbook.worksheets.getItem("A").customProperties.getItemOrNullObject("nope").load("value");
    const noSheet = context.workbook.worksheets.getItemOrNullObject("Z").customProperties.getItemOrNullObject("nope").load("value");
    await context.sync();
    return [missing.isNullObject, noSheet.isNullObject];
  });
  expect(nulls).toEqual([true, true]);
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").customProperties.getItem("nope").load("value");
      await context.sync();
    }),
  );
  expect(error.code).toBe("ItemNotFound");
});

test("a key over 255 characters, and a value that is not a string, fail with InvalidArgument; delete removes a property", async () => {
  workbook({ sheets: { A: [] } });
  const tooLong = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").customProperties.add("k".repeat(256), "v");
      await context.sync();
    }),
  );
  expect(tooLong.code).toBe("InvalidArgument");
  const notText = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").customProperties.add("k", 12 as unknown as string);
      await context.sync();
    }),
  );
  expect(notText.code).toBe("InvalidArgument");
  await Excel.run(async (context) => {
    const properties = context.workbook.worksheets.getItem("A").customProperties;
    properties.add("k".repeat(255), "v");
    properties.add("gone", "v");
    await context.sync();
    properties.getItem("gone").delete();
    await context.sync();
  });
  expect(Object.keys(await propertiesOf("A"))).toEqual(["k".repeat(255)]);
});

test("on an ExcelApi 1.11 host the collection fails with ApiNotFound when its request runs; earlier actions stay", async () => {
  const book = workbook({ sheets: { A: [] }, host: { requirementSets: { ExcelApi: "1.11" } } });
  const error = await rejection(
    Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("A");
      sheet.getRange("A1").values = [["before"]];
      sheet.customProperties.add("k", "v");
      await context.sync();
    }),
  );
  expect(error.code).toBe("ApiNotFound");
  expect(book.value("A", "A1")).toBe("before");
  expect(book.snapshot().sheets[0].customProperties).toEqual({});
});

test("a user's copy of the sheet has its cells and tables (renamed) but not its custom properties (office-js #5486, by design)", async () => {
  const book = workbook({ sheets: { Budget: [["Site"], ["A"]] }, tables: [{ name: "Sites", sheet: "Budget", address: "A1:A2" }] });
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Budget").customProperties.add("mark", "ours");
    await context.sync();
  });
  book.userCopiesSheet("Budget", "Budget (2)");
  expect(book.sheetNames()).toEqual(["Budget", "Budget (2)"]);
  expect(book.formulas("Budget (2)", "A1:A2")).toEqual([["Site"], ["A"]]);
  expect(book.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([["Sites", "Budget"], ["Sites2", "Budget (2)"]]);
  expect(await propertiesOf("Budget (2)")).toEqual({});
  expect(await propertiesOf("Budget")).toEqual({ mark: "ours" });
});
