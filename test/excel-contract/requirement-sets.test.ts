/**
 * Office.context.requirements.isSetSupported(name, version) answers from the host's requirement sets, and an
 * API newer than the host fails when its request runs (Excel JavaScript API requirement sets; each member's
 * "[Api set: ExcelApi x]" remark: Table.resize 1.13, Workbook.getSelectedRanges 1.9,
 * Worksheet.getRangeByIndexes and freezePanes 1.7, *OrNullObject 1.4). The code office.js gives is ApiNotFound
 * (OfficeExtension.ErrorCodes); the emulation fails the request there, the actions before it stay applied.
 */
import { installEmulatedOffice } from "../../src/preview/excel-emulation";
import { rejection, workbook } from "./contract";

const OLD_WINDOWS = { ExcelApi: "1.12", SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3" };

test("isSetSupported answers from the host profile", () => {
  const book = workbook({ host: { requirementSets: OLD_WINDOWS } });
  const win: Record<string, unknown> = {};
  installEmulatedOffice(win, book);
  const office = win.Office as typeof Office;
  expect(office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(true);
  expect(office.context.requirements.isSetSupported("ExcelApi", "1.13")).toBe(false);
  expect(office.context.requirements.isSetSupported("excelapi", "1.9")).toBe(true);
  expect(office.context.requirements.isSetSupported("SharedRuntime")).toBe(true);
  expect(office.context.requirements.isSetSupported("DialogApi", "1.1")).toBe(false);
});

test("the default host is current: every set the emulation uses is supported", () => {
  const book = workbook();
  expect(book.host.isSetSupported("ExcelApi", "1.13")).toBe(true);
  expect(book.host.isSetSupported("ExcelApi", "1.9")).toBe(true);
});

test("Table.resize (ExcelApi 1.13) fails with ApiNotFound on an ExcelApi 1.12 host; earlier actions stay", async () => {
  const book = workbook({ sheets: { S: [["Site"], ["A"], ["B"]] }, tables: [{ name: "T", sheet: "S", address: "A1:A2" }], host: { requirementSets: OLD_WINDOWS } });
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B1").values = [["before"]];
      context.workbook.tables.getItem("T").resize("A1:A3");
      await context.sync();
    }),
  );
  expect(error.code).toBe("ApiNotFound");
  expect(book.table("T")?.address).toBe("A1:A2");
  expect(book.value("S", "B1")).toBe("before");
});

test.each([
  ["getSelectedRanges (1.9)", { ExcelApi: "1.8" }, (c: Excel.RequestContext) => void c.workbook.getSelectedRanges().load("address")],
  ["getRangeByIndexes (1.7)", { ExcelApi: "1.6" }, (c: Excel.RequestContext) => void c.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 1).load("values")],
  ["freezePanes.freezeRows (1.7)", { ExcelApi: "1.6" }, (c: Excel.RequestContext) => c.workbook.worksheets.getItem("S").freezePanes.freezeRows(1)],
  ["worksheets.getItemOrNullObject (1.4)", { ExcelApi: "1.3" }, (c: Excel.RequestContext) => void c.workbook.worksheets.getItemOrNullObject("S")],
])("%s fails with ApiNotFound on an older host", async (_name, requirementSets, use) => {
  workbook({ sheets: { S: [] }, host: { requirementSets } });
  const error = await rejection(
    Excel.run(async (context) => {
      use(context);
      await context.sync();
    }),
  );
  expect(error.code).toBe("ApiNotFound");
});
