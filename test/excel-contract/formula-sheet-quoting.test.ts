/**
 * A sheet name that Excel could read as something else must be quoted in a formula (`'FY25'!A1`).
 * The Microsoft docs are silent on the rule; the rule kept is the one observed in Excel and written up in
 * jmcnamara/XlsxWriter #1078 (quote unless letters, digits, _ and . only, a letter or _ first, and not an
 * A1 or R1C1 reference). Excel refuses the unquoted formula; HyperFormula accepts `FY25!A1`, so the
 * emulation checks the text itself. Pessimistic reading where the docs are silent: the write fails with
 * InvalidArgument for the whole request, the actions before it stay applied (as for any failed action),
 * and a formula naming a sheet that does not exist is refused too.
 */
import { rejection, workbook } from "./contract";

const NAMES = ["FY25", "Q1", "R1C1", "R", "C3", "ABC1", "My Sheet", "ITS-Rates", "2025", "TRUE"];

test.each(NAMES)("=SUM(%s!A1:A2) unquoted is refused with InvalidArgument; earlier actions stay, later ones do not run", async (name) => {
  const book = workbook({ sheets: { Schools: [], [name]: [[1], [2]] } });
  const error = await rejection(
    Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Schools");
      sheet.getRange("A1").values = [["before"]];
      sheet.getRange("B1").formulas = [[`=SUM(${name}!A1:A2)`]];
      sheet.getRange("C1").values = [["after"]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidArgument");
  expect(book.values("Schools", "A1:C1")).toEqual([["before", "", ""]]);
});

test.each(NAMES)("='%s'!A1 quoted works", async (name) => {
  const book = workbook({ sheets: { Schools: [], [name]: [[1], [2]] } });
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Schools").getRange("A1").formulas = [[`=SUM('${name.replace(/'/g, "''")}'!A1:A2)`]];
    await context.sync();
  });
  expect(book.value("Schools", "A1")).toBe(3);
});

test("quotes are always accepted, also around names that need none, and '' escapes a quote", async () => {
  const book = workbook({ sheets: { Schools: [], Rates: [[5]], "Bob's": [[7]] } });
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("Schools").getRange("A1:C1").formulas = [["='Rates'!A1", "=Rates!A1", "='Bob''s'!A1"]];
    await context.sync();
  });
  expect(book.values("Schools", "A1:C1")).toEqual([[5, 5, 7]]);
});

test("Range.address quotes such sheet names the way Excel needs them", async () => {
  workbook({ sheets: { FY25: [], Schools: [] } });
  const addresses = await Excel.run(async (context) => {
    const a = context.workbook.worksheets.getItem("FY25").getRange("A1:B2").load("address");
    const b = context.workbook.worksheets.getItem("Schools").getRange("A1").load("address");
    await context.sync();
    return [a.address, b.address];
  });
  expect(addresses).toEqual(["'FY25'!A1:B2", "Schools!A1"]);
});

test("a formula naming a sheet that does not exist is refused (docs silent: pessimistic)", async () => {
  workbook({ sheets: { Schools: [] } });
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Schools").getRange("A1").formulas = [["='ITS Rates FY2025-26'!A1"]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidArgument");
});

test.each(["=SUM(1,", "=1+", '="open', "=(1", "=1 2", "=-6-8 Campus"])("a formula Excel cannot parse (%s) is refused", async (formula) => {
  workbook({ sheets: { Schools: [] } });
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Schools").getRange("A1").formulas = [[formula]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidArgument");
});

test("a workbook opened with such text keeps it as text (it can only be stored as text); an add-in write of it still fails", async () => {
  const book = workbook({ sheets: { Schools: [["= ", "=1+", "=FY25!A1"]] } });
  expect(book.values("Schools", "A1:C1")).toEqual([["= ", "=1+", "=FY25!A1"]]);
  const error = await rejection(
    Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Schools").getRange("D1").values = [["= "]];
      await context.sync();
    }),
  );
  expect(error.code).toBe("InvalidArgument");
});
