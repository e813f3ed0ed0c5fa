/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load, office-addins/no-navigational-load --
   these tests break the load/sync rules on purpose, to prove the emulation throws where Office throws. */
/**
 * The emulated Excel API must behave like office.js where the add-in relies on it: reads need
 * load + sync, writes land at sync, errors surface at sync, unknown members throw, and every
 * request is counted and sized.
 */
import { EmulatedOfficeError, NotEmulatedError, createWorkbook, installEmulatedOffice, isFormulaCell } from "../../src/preview/excel-emulation";
import type { EmulatedWorkbook } from "../../src/preview/excel-emulation";
import { itsCost, itsDays, itsRates } from "../../src/functions/functions";

function use(book: EmulatedWorkbook): EmulatedWorkbook {
  (globalThis as unknown as { Excel: unknown }).Excel = book.Excel;
  return book;
}

const schools = () =>
  use(createWorkbook({ sheets: { Schools: [["Site", "Enrollment"], ["Alpha", 523], ["Beta", 200], ["Gamma", 801]], Notes: [["keep me"]] } }));

async function rejection(promise: Promise<unknown>): Promise<EmulatedOfficeError> {
  try {
    await promise;
  } catch (e) {
    return e as EmulatedOfficeError;
  }
  throw new Error("expected the promise to reject");
}

describe("load and sync", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded, as in Office", async () => {
    schools();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Schools").getRange("A1:B2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      // Loaded but not synced yet: still not available.
      expect(() => range.values).toThrow(/call "context.sync\(\)"/);
      const syncing = context.sync();
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await syncing;
      expect(range.values).toEqual([["Site", "Enrollment"], ["Alpha", 523]]);
      // Only what was loaded is available.
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("load takes a list, an array, a select object and paths through navigation properties", async () => {
    schools();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Schools").getRange("B2:B3");
      range.load(["address", "rowCount"]);
      range.load({ select: "columnIndex, rowIndex" });
      range.load("format/font/bold");
      context.load(range, "numberFormat");
      await context.sync();
      expect([range.address, range.rowCount, range.columnIndex, range.rowIndex, range.format.font.bold]).toEqual(["Schools!B2:B3", 2, 1, 1, false]);
      expect(range.numberFormat).toEqual([["General"], ["General"]]);
    });
  });

  test("a load sees the workbook as it is at its place in the batch", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Schools").getRange("B2");
      cell.load("values");
      cell.values = [[999]];
      expect(cell.values).toEqual([[999]]); // a written value reads back at once, as office.js keeps it
      const after = context.workbook.worksheets.getItem("Schools").getRange("B2").load("values");
      await context.sync();
      expect(cell.values).toEqual([[523]]); // loaded before the write
      expect(after.values).toEqual([[999]]);
    });
    expect(book.value("Schools", "B2")).toBe(999);
  });

  test("writes are queued and land at sync, not before", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Schools").getRange("C1:C2");
      range.values = [["Days"], ["=LAUSD.ITSDAYS(B2)"]];
      expect(range.values).toEqual([["Days"], ["=LAUSD.ITSDAYS(B2)"]]);
      expect(book.formulas("Schools", "C1:C2")).toEqual([[""], [""]]);
      await context.sync();
      expect(book.formulas("Schools", "C1:C2")).toEqual([["Days"], ["=LAUSD.ITSDAYS(B2)"]]);
      expect(book.values("Schools", "C2")).toEqual([[3]]);
    });
  });

  test("Excel.run sends the actions left after the batch's last sync", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("B1").values = [["added"]];
      return Promise.resolve();
    });
    expect(book.value("Notes", "B1")).toBe("added");
    expect(book.instrumentation.syncCalls).toBe(0);
    expect(book.instrumentation.requests.map((r) => r.explicit)).toEqual([false]);
  });

  test("objects cannot be used after their Excel.run", async () => {
    schools();
    const range = await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Schools").getRange("A1");
      await context.sync();
      return r;
    });
    expect(() => range.load("values")).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
  });

  test("a batch that does not return a promise is refused like office.js does", async () => {
    schools();
    const run = Excel.run as unknown as (batch: (c: Excel.RequestContext) => unknown) => Promise<unknown>;
    await expect(run(() => 1)).rejects.toMatchObject({ code: "RunMustReturnPromise" });
  });
});

describe("errors at sync", () => {
  test("a missing sheet fails the sync with ItemNotFound; OrNullObject gives isNullObject after sync", async () => {
    schools();
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("ITS Budget");
      const present = context.workbook.worksheets.getItemOrNullObject("schools");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      context.workbook.worksheets.getItem("ITS Budget").getRange("A1").load("values");
      const error = await rejection(context.sync());
      expect(error).toBeInstanceOf(EmulatedOfficeError);
      expect(error.code).toBe("ItemNotFound");
    });
  });

  test("a write of the wrong size fails with InvalidArgument; earlier actions stay applied, later ones do not run", async () => {
    const book = schools();
    const error = await rejection(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Notes");
        sheet.getRange("A2").values = [["first"]];
        sheet.getRange("A3:B3").values = [["only one"]];
        sheet.getRange("A4").values = [["never"]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toMatch(/1 x 2 range got 1 x 1/);
    expect(error.debugInfo.errorLocation).toBe("Range.values");
    expect(book.values("Notes", "A1:A4")).toEqual([["keep me"], ["first"], [""], [""]]);
  });

  test("every API the emulation lacks throws at once, naming the member", async () => {
    schools();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Schools").getRange("A1");
      const loose = range as unknown as Record<string, (a: string) => unknown>;
      expect(() => loose.getIntersection("A1")).toThrow(NotEmulatedError);
      expect(() => loose.getIntersection("A1")).toThrow(/Range\.getIntersection is not implemented/);
      expect(() => range.load("text")).toThrow(/Range\.load\("text"\) is not implemented/);
      expect(() => ((context as unknown as Record<string, unknown>).application)).toThrow(/RequestContext\.application/);
      expect(() => ((range.format as unknown as Record<string, unknown>).fill = "red")).toThrow(/RangeFormat\.fill/);
      await context.sync();
    });
    expect(() => (Excel.ChartType as unknown as Record<string, unknown>).noSuchChart).toThrow(/Excel\.ChartType\.noSuchChart/);
    expect(() => (Excel as unknown as Record<string, unknown>).createWorkbook).toThrow(/Excel\.createWorkbook/);
  });
});

describe("worksheets, ranges and used range", () => {
  test("used range: values only or with formats; A1 for an empty sheet; OrNullObject is null there", async () => {
    use(createWorkbook({ sheets: { Data: [[null, null], [null, "x", 5]], Empty: [] }, numberFormats: [{ sheet: "Data", address: "E9", format: "0" }] }));
    await Excel.run(async (context) => {
      const data = context.workbook.worksheets.getItem("Data");
      const values = data.getUsedRange(true).load("address, rowIndex, columnIndex, values");
      const all = data.getUsedRange().load("address");
      const empty = context.workbook.worksheets.getItem("Empty");
      const a1 = empty.getUsedRange().load("address");
      const none = empty.getUsedRangeOrNullObject(true);
      await context.sync();
      expect([values.address, values.rowIndex, values.columnIndex]).toEqual(["Data!B2:C2", 1, 1]);
      expect(values.values).toEqual([["x", 5]]);
      expect(all.address).toBe("Data!B2:E9");
      expect(a1.address).toBe("Empty!A1");
      expect(none.isNullObject).toBe(true);
    });
  });

  test("getCell, getOffsetRange, getResizedRange and the selection", async () => {
    const book = schools();
    book.select("Schools", "A2:B4");
    await Excel.run(async (context) => {
      const selected = context.workbook.getSelectedRange();
      const cell = selected.getCell(1, 1).load("address");
      const offset = selected.getOffsetRange(0, 2).load("address");
      const resized = selected.getResizedRange(-1, 1).load("address");
      selected.load("values, rowCount, columnCount");
      await context.sync();
      expect([cell.address, offset.address, resized.address]).toEqual(["Schools!B3", "Schools!C2:D4", "Schools!A2:C3"]);
      expect([selected.rowCount, selected.columnCount]).toEqual([3, 2]);
      expect(selected.values[2]).toEqual(["Gamma", 801]);
    });
  });

  test("adding, activating and freezing a sheet; names in addresses are quoted", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add("ITS Budget");
      sheet.getRange("A1:B1").values = [["Site", "Days"]];
      sheet.getRange("A1:B1").format.font.bold = true;
      // Activate before freezing: freezing an inactive sheet confuses activation (office-js #3148, test/excel-contract).
      sheet.activate();
      sheet.freezePanes.freezeRows(1);
      const range = sheet.getRange("A1:B1").load("address");
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      expect(range.address).toBe("'ITS Budget'!A1:B1");
      expect(sheets.items.map((s) => s.name)).toEqual(["Schools", "Notes", "ITS Budget"]);
    });
    expect(book.activeSheet()).toBe("ITS Budget");
    expect(book.frozenRows("ITS Budget")).toBe(1);
    expect(book.bold("ITS Budget", "A1:C1")).toEqual([[true, true, false]]);
    await expect(Excel.run(async (context) => {
      context.workbook.worksheets.add("its budget");
      await context.sync();
    })).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  test("values are read as Excel reads them: numeric text becomes a number, null leaves a cell alone", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Notes").getRange("A1:D1");
      range.values = [[null, "1,024", " 42 ", "'0123"]];
      await context.sync();
    });
    expect(book.values("Notes", "A1:D1")).toEqual([["keep me", 1024, 42, "0123"]]);
  });
});

describe("tables", () => {
  test("add, name, totals row, header/body/totals ranges and structured references", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Schools");
      sheet.getRange("C1:C4").formulas = [["Days"], ["=LAUSD.ITSDAYS([@Enrollment])"], ["=LAUSD.ITSDAYS([@Enrollment])"], ["=LAUSD.ITSDAYS([@Enrollment])"]];
      const table = sheet.tables.add("A1:C4", true);
      table.name = "Sites";
      table.showTotals = true;
      const header = table.getHeaderRowRange().load("address");
      const body = table.getDataBodyRange().load("address");
      const totals = table.getTotalRowRange().load("address, formulas, values");
      const columns = table.columns.load("items/name");
      await context.sync();
      expect([header.address, body.address, totals.address]).toEqual(["Schools!A1:C1", "Schools!A2:C4", "Schools!A5:C5"]);
      expect(columns.items.map((c) => c.name)).toEqual(["Site", "Enrollment", "Days"]);
      expect(totals.formulas).toEqual([["Total", "", "=SUBTOTAL(109,[Days])"]]);
      expect(totals.values).toEqual([["Total", "", 3 + 1 + 5]]);
    });
    expect(book.table("Sites")).toMatchObject({ address: "A1:C5", showTotals: true, body: "A2:C4" });
  });

  test("rows.add inserts above the totals row and moves what is below the table down", async () => {
    const book = use(
      createWorkbook({
        sheets: { S: [["Site", "Cost"], ["A", 1], ["Total", "=SUBTOTAL(109,[Cost])"], [], ["below", "stays in its column"]] },
        tables: [{ name: "Q", sheet: "S", address: "A1:B3", showTotals: true }],
      }),
    );
    await Excel.run(async (context) => {
      context.workbook.tables.getItem("Q").rows.add(undefined, [["B", 2], ["C", 3]]);
      await context.sync();
    });
    expect(book.table("Q")).toMatchObject({ address: "A1:B5", body: "A2:B4" });
    expect(book.values("S", "A1:B7")).toEqual([["Site", "Cost"], ["A", 1], ["B", 2], ["C", 3], ["Total", 6], ["", ""], ["below", "stays in its column"]]);
  });

  test("showing totals never overwrites the cell under a table", async () => {
    const book = use(createWorkbook({ sheets: { S: [["Site"], ["A"], ["user data"]] } }));
    const before = book.snapshot();
    const error = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").tables.add("A1:A2", true).showTotals = true;
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidOperation");
    expect(book.value("S", "A3")).toBe("user data");
    expect(book.snapshot().tables).toHaveLength(1); // the add before the failing action stays, like Excel
    expect(before.tables).toHaveLength(0);
  });

  test("resize keeps the top-left cell; tables by name are case-insensitive; OrNullObject finds none", async () => {
    const book = use(createWorkbook({ sheets: { S: [["Site", "Days"], ["A", 1], ["B", 2]] }, tables: [{ name: "Plan", sheet: "S", address: "A1:B2" }] }));
    await Excel.run(async (context) => {
      context.workbook.tables.getItem("plan").resize("A1:B3");
      const none = context.workbook.tables.getItemOrNullObject("Other");
      await context.sync();
      expect(none.isNullObject).toBe(true);
      context.workbook.tables.getItem("Plan").resize("B1:B3");
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(book.table("Plan")?.address).toBe("A1:B3");
  });
});

test("a Range object can be passed where an address is taken; a null one is refused clearly", async () => {
  const book = schools();
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Schools");
    sheet.tables.add(sheet.getRange("A1:B4"), true).name = "FromRange";
    await context.sync();
    const nothing = context.workbook.worksheets.getItem("Notes").getRange("Z1:Z9").getUsedRangeOrNullObject().getOffsetRange(5, 5);
    context.workbook.worksheets.getItem("Notes").tables.add(nothing, true);
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound", message: expect.stringMatching(/is a null object/) });
  });
  expect(book.table("FromRange")?.address).toBe("A1:B4");
});

describe("charts", () => {
  test("charts.add with title and position", async () => {
    const book = schools();
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Schools");
      const chart = sheet.charts.add(Excel.ChartType.columnClustered, sheet.getRange("A1:B4"), Excel.ChartSeriesBy.columns);
      chart.name = "Days chart";
      chart.title.text = "Sites per days";
      chart.setPosition("D2", "J15");
      await context.sync();
    });
    expect(book.charts("Schools")).toEqual([expect.objectContaining({ name: "Days chart", type: "ColumnClustered", source: "A1:B4", seriesBy: "Columns", title: "Sites per days", position: "D2:J15" })]);
  });
});

describe("formulas", () => {
  test("LAUSD functions give what the functions module gives, cell by cell and spilled", () => {
    const enrollments = [0, 1, 200, 201, 400, 401, 600, 601, 800, 801, 2500];
    const rows = enrollments.map((n, i) => [n, `=LAUSD.ITSDAYS(A${i + 1})`, `=LAUSD.ITSCOST(B${i + 1},"Outside Summer")`, `=LAUSD.ITSCOST(B${i + 1},3)`]);
    const book = createWorkbook({ sheets: { S: [...rows, [null, `=LAUSD.ITSDAYS(A1:A${enrollments.length})`]] } });
    const days = itsDays(enrollments.map((n) => [n]));
    expect(book.values("S", `B1:B${enrollments.length}`)).toEqual(days);
    expect(book.values("S", `C1:C${enrollments.length}`)).toEqual(itsCost(days, "Outside Summer" as never));
    expect(book.values("S", `D1:D${enrollments.length}`)).toEqual(itsCost(days, 3 as never));
    expect(book.values("S", `B${enrollments.length + 1}:B${2 * enrollments.length}`)).toEqual(days);
  });

  test("the optional fiscal year reaches the functions: a bundled year prices as the functions do, an unknown one is #VALUE!", () => {
    const book = createWorkbook({
      sheets: { S: [['=LAUSD.ITSCOST(3,1,"2025-26")', '=LAUSD.ITSDAYS(523,"FY2025-26")', '=LAUSD.ITSCOST(3,1,"2019-20")', '=LAUSD.ITSDAYS(523,A2:A3)'], ['=LAUSD.ITSRATES("2025-26")']] },
    });
    expect(book.values("S", "A1:D1")).toEqual([[78452, 3, "#VALUE!", "#VALUE!"]]);
    expect(book.values("S", "A2:D7")).toEqual(itsRates("2025-26"));
  });

  test("bad inputs give Excel errors in their own cell; blanks stay blank", () => {
    const book = createWorkbook({ sheets: { S: [["abc", "=LAUSD.ITSDAYS(A1)"], [-5, "=LAUSD.ITSDAYS(A2)"], [null, "=LAUSD.ITSDAYS(A3)"], [2, '=LAUSD.ITSCOST(A4,"Winter")'], ["=1/0", "=LAUSD.ITSDAYS(A5)"]] } });
    expect(book.values("S", "B1:B5")).toEqual([["#VALUE!"], ["#NUM!"], [""], ["#VALUE!"], ["#DIV/0!"]]);
  });

  test("portable formulas (IF, LOOKUP, INDEX, MATCH) on a rate sheet evaluate like the custom functions", () => {
    const rates = [["Days per week", "Full Year", "Outside Summer", "Summer Only"], ...[1, 2, 3, 4, 5].map((d) => [d, ...itsCost([[d]], 1 as never)[0], ...itsCost([[d]], 2 as never)[0], ...itsCost([[d]], 3 as never)[0]])];
    const enrollments = [150, 200, 201, 400, 401, 799, 800, 801];
    const book = createWorkbook({
      sheets: {
        S: enrollments.map((n, i) => [
          n,
          `=IF(A${i + 1}="","",LOOKUP(A${i + 1},{0,201,401,601,801},{1,2,3,4,5}))`,
          `=INDEX('ITS Rates'!$C$2:$C$6,MATCH(B${i + 1},'ITS Rates'!$A$2:$A$6,0))`,
        ]),
        "ITS Rates": rates,
      },
    });
    const days = itsDays(enrollments.map((n) => [n]));
    expect(book.values("S", `B1:B${enrollments.length}`)).toEqual(days);
    expect(book.values("S", `C1:C${enrollments.length}`)).toEqual(itsCost(days, 2 as never));
  });

  test("computed values follow every later change: edited inputs, renamed headers, added sheets and rows", async () => {
    const book = use(createWorkbook({ sheets: { S: [["Site", "Enrollment", "Days"], ["A", 150, "=LAUSD.ITSDAYS([@Enrollment])"], ["B", 900, "=LAUSD.ITSDAYS(B3)"]] }, tables: [{ name: "T", sheet: "S", address: "A1:C3" }] }));
    expect(book.values("S", "C2:C3")).toEqual([[1], [5]]);
    book.model.requireSheet("S").setInput(1, 1, 450);
    expect(book.values("S", "C2:C3")).toEqual([[3], [5]]);
    book.model.requireSheet("S").setInput(0, 1, "Students"); // [@Enrollment] no longer names a column
    expect(book.value("S", "C2")).toBe("#REF!");
    book.model.requireSheet("S").setInput(0, 1, "Enrollment");
    await Excel.run(async (context) => {
      context.workbook.worksheets.add("Other").getRange("A1").formulas = [["=S!C3*2"]];
      context.workbook.tables.getItem("T").rows.add(undefined, [["C", 601, "=LAUSD.ITSDAYS([@Enrollment])"]]);
      await context.sync();
    });
    expect(book.values("S", "C2:C4")).toEqual([[3], [5], [4]]);
    expect(book.value("Other", "A1")).toBe(10);
  });

  test("LAUSD.ITSRATES spills its table; functions Excel lacks in HyperFormula-free code show #NAME?", () => {
    const book = createWorkbook({ sheets: { S: [["=LAUSD.ITSRATES()", null, null, null, "=NOSUCHFUNCTION(1)"]] } });
    expect(book.values("S", "A1:D2")).toEqual([["Days per week", "Full Year", "Outside Summer", "Summer Only"], [1, 26151, 25004, 1125]]);
    expect(book.value("S", "E1")).toBe("#NAME?");
  });
});

describe("instrumentation", () => {
  test("counts runs, syncs and requests, and sizes each request by its JSON body", async () => {
    const book = schools();
    const big = Array.from({ length: 1000 }, (_, i) => [`Site ${i}`, i]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange("A1:B1").load("values");
      await context.sync();
      await context.sync(); // nothing queued: no request, still a sync call
      context.workbook.worksheets.getItem("Notes").getRange("A1:B1000").values = big;
      await context.sync();
    });
    const { runs, syncCalls, requests } = book.instrumentation;
    expect([runs, syncCalls, requests.length]).toEqual([1, 3, 2]);
    expect(requests[1].bytes).toBeGreaterThan(Buffer.byteLength(JSON.stringify(big)));
    expect(requests[1].bytes).toBeLessThan(Buffer.byteLength(JSON.stringify(big)) + 500);
    expect(requests[0].bytes).toBeLessThan(300);
  });

  test("a request over Excel on the web's 5 MB fails with RequestPayloadSizeLimitExceeded and changes nothing", async () => {
    const book = schools();
    const rows = 200000;
    const values = Array.from({ length: rows }, (_, i) => [`A long enough site name ${i}`, i * 1000]);
    const error = await rejection(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Notes").getRange(`A1:B${rows}`).values = values;
        await context.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(book.instrumentation.requests[0].bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(book.value("Notes", "A1")).toBe("keep me");
  });

  test("responses are sized too: reading more than 5 MB at once fails with ResponsePayloadSizeLimitExceeded", async () => {
    const rows = 200000;
    const book = use(createWorkbook({ sheets: { Big: Array.from({ length: rows }, (_, i) => [`A long enough site name ${i}`, i * 1000]) } }));
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Big").getRange("A1:B1000").load("values");
      await context.sync();
      context.workbook.worksheets.getItem("Big").getRange(`A1:B${rows}`).load("values");
      await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    });
    const [small, big] = book.instrumentation.requests;
    expect(small.responseBytes).toBeGreaterThan(30000);
    expect(small.responseBytes).toBeLessThan(50000);
    expect(big.responseBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test("failRequest makes the n-th request fail before it changes anything", async () => {
    const book = schools();
    book.instrumentation.failRequest(2);
    const before = book.snapshot();
    const error = await rejection(
      Excel.run(async (context) => {
        const used = context.workbook.worksheets.getItem("Schools").getUsedRange().load("values");
        await context.sync();
        context.workbook.worksheets.getItem("Schools").getRange("C1").values = [[used.values.length]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("GeneralException");
    expect(book.snapshot()).toEqual(before);
    expect(book.instrumentation.requests.map((r) => r.error)).toEqual([undefined, "GeneralException"]);
  });

  test("failAction fails inside a request: the actions before it stay applied, like Excel", async () => {
    const book = schools();
    book.instrumentation.failAction(2);
    const error = await rejection(
      Excel.run(async (context) => {
        const notes = context.workbook.worksheets.getItem("Notes");
        notes.getRange("B1").values = [["applied"]];
        notes.getRange("B2").values = [["fails"]];
        notes.getRange("B3").values = [["never runs"]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("GeneralException");
    expect(book.values("Notes", "B1:B3")).toEqual([["applied"], [""], [""]]);
  });

  test("a read-only run leaves the snapshot unchanged", async () => {
    const book = schools();
    const before = book.snapshot();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Schools").getUsedRange().load("values, formulas, numberFormat");
      await context.sync();
    });
    expect(book.snapshot()).toEqual(before);
  });
});

describe("installEmulatedOffice", () => {
  test("gives a page Office.onReady, the theme and Excel on the same workbook", async () => {
    const book = schools();
    const win: Record<string, unknown> = {};
    installEmulatedOffice(win, book, { theme: "dark" });
    const office = win.Office as typeof Office;
    const seen: unknown[] = [];
    await expect(office.onReady((info) => seen.push(info))).resolves.toEqual({ host: "Excel", platform: "OfficeOnline" });
    expect(seen).toHaveLength(1);
    expect(office.context.officeTheme.bodyBackgroundColor).toBe("#292929");
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(() => office.context.document).toThrow(/Office\.context\.document is not implemented/);
    expect(win.Excel).toBe(book.Excel);
    // Errors from sync are instances of the page's OfficeExtension.Error.
    expect((win.OfficeExtension as { Error: unknown }).Error).toBe(EmulatedOfficeError);
  });
});

test("request sizes count UTF-8 bytes", async () => {
  const { utf8Length } = await import("../../src/preview/excel-emulation/client");
  for (const text of ["abc", "é", "€", "😀", "Olive Grove, Elementary — 1,024 students"]) expect(utf8Length(text)).toBe(Buffer.byteLength(text));
});

describe("formula syntax (what Excel refuses before HyperFormula sees it)", () => {
  test.each([
    ["Schools", false], ["Sheet1", false], ["ITS_Budget", false], ["Rates.2025", false], ["XFEA1", false],
    ["FY25", true], ["Q1", true], ["ABC1", true], ["R1C1", true], ["R", true], ["c", true], ["RC", true],
    ["My Sheet", true], ["ITS-Rates", true], ["2025", true], ["True", true], ["Bob's", true],
  ])("sheet %s needs quotes in a formula: %s", async (name, quoted) => {
    const { sheetNeedsQuotes } = await import("../../src/preview/excel-emulation");
    expect(sheetNeedsQuotes(name)).toBe(quoted);
  });

  test("isFormulaCell tells formulas from text that starts with =", () => {
    const book = createWorkbook({ sheets: { S: [["=1+1", "'=1+1"]] } });
    const sheet = book.model.requireSheet("S");
    expect([isFormulaCell(sheet.cell(0, 0)), isFormulaCell(sheet.cell(0, 1))]).toEqual([true, false]);
    expect(sheet.cell(0, 1)).toEqual({ input: "=1+1", text: true });
  });
});

describe("a user's copy of a sheet (book.userCopiesSheet)", () => {
  test("goes right after the original; its tables get names no table has; its charts new ids; the original is unchanged", () => {
    const book = createWorkbook({
      sheets: { A: [["Site"], ["x"]], B: [["Other"]] },
      tables: [{ name: "Sites", sheet: "A", address: "A1:A2" }, { name: "Sites2", sheet: "B", address: "A1:A2" }],
      customProperties: [{ sheet: "A", key: "k", value: "v" }],
    });
    book.model.requireSheet("A").charts.push({ name: "Chart 1", id: "{chart-x}", type: "ColumnClustered", source: "A1:A2", seriesBy: "Columns", title: "", position: "" });
    const original = book.snapshot().sheets[0];
    book.userCopiesSheet("A", "A (2)");
    expect(book.sheetNames()).toEqual(["A", "A (2)", "B"]);
    expect(book.table("Sites3")).toMatchObject({ sheet: "A (2)", address: "A1:A2" });
    const copy = book.snapshot().sheets[1];
    expect(copy.cells).toEqual(original.cells);
    expect(copy.charts[0].id).not.toBe(original.charts[0].id);
    expect(copy.customProperties).toEqual({});
    expect(book.snapshot().sheets[0]).toEqual(original);
  });

  test("a snapshot's custom properties are a copy: changing it changes nothing in the workbook", () => {
    const book = createWorkbook({ sheets: { A: [] }, customProperties: [{ sheet: "A", key: "k", value: "v" }] });
    book.snapshot().sheets[0].customProperties.k = "changed";
    expect(book.snapshot().sheets[0].customProperties).toEqual({ k: "v" });
  });
});

describe("the formula count behind hasFormulas (kept by store, not recounted per change)", () => {
  const recount = (book: EmulatedWorkbook) => book.model.sheets.map((s) => [...s.cells.values()].filter(isFormulaCell).length);
  const counted = (book: EmulatedWorkbook) => book.model.sheets.map((s) => s.formulaCount);

  test("stays equal to the formula cells through writes, overwrites, clears, text, inserted rows, copies and deletes", async () => {
    const book = use(createWorkbook({ sheets: { A: [[1, "=A1*2", "=LAUSD.ITSRATES()"]], B: [["=A!A1"]] } }));
    const steps: (() => Promise<void> | void)[] = [
      () => book.userTypes("A", "D1", "=B1+1"),
      () => book.userTypes("A", "B1", "7"), // a formula overwritten by a value
      () => book.userTypes("A", "E1", "'=not a formula"), // text that starts with "="
      () => book.userTypes("A", "E1", "=1+1"), // a formula over that text
      () => book.userTypes("A", "D1", ""), // cleared
      () => book.model.requireSheet("A").shiftDown(0, 0, 4, 2),
      () => book.userCopiesSheet("B", "B (2)"),
      () =>
        Excel.run(async (context) => {
          context.workbook.worksheets.getItem("A").getRange("A3:B3").formulas = [["=1", "=2"]];
          context.workbook.worksheets.getItem("B").delete();
          await context.sync();
        }),
    ];
    for (const step of steps) {
      await step();
      expect(counted(book)).toEqual(recount(book));
    }
    expect(book.sheetNames()).toEqual(["A", "B (2)"]);
    expect(counted(book)).toEqual([4, 1]);
  });

  test("once the last formula is gone (its sheet deleted), a cell its spill covered reads empty", async () => {
    const book = use(createWorkbook({ sheets: { Keep: [["x"]], Rates: [["=LAUSD.ITSRATES()"]] } }));
    expect(book.values("Rates", "A2")[0][0]).not.toBe("");
    expect(book.model.hasFormulas()).toBe(true);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Rates").delete();
      await context.sync();
    });
    expect(book.model.hasFormulas()).toBe(false);
    expect(book.values("Keep", "A2")).toEqual([[""]]);
  });
});
