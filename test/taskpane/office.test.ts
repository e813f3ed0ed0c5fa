import { initialStatus, isDarkColor, officeStatus } from "../../src/taskpane/office";

describe("theme from Office", () => {
  test("reads Office's background color as light or dark", () => {
    expect(isDarkColor("#FFFFFF")).toBe(false);
    expect(isDarkColor("#E6E6E6")).toBe(false);
    expect(isDarkColor("#262626")).toBe(true);
    expect(isDarkColor("#000000")).toBe(true);
    expect(isDarkColor(undefined)).toBeNull();
    expect(isDarkColor("black")).toBeNull();
  });
});

describe("where the pane runs", () => {
  const g = globalThis as { Office?: unknown };
  afterEach(() => delete g.Office);

  test("without office.js the pane knows at once that there is no Excel", async () => {
    expect(initialStatus().host).toBe("none");
    await expect(officeStatus()).resolves.toEqual({ host: "none", dark: false });
  });

  test("inside Excel it can write and follows a dark Office theme", async () => {
    g.Office = {
      HostType: { Excel: "Excel" },
      onReady: async () => ({ host: "Excel", platform: "PC" }),
      context: { officeTheme: { bodyBackgroundColor: "#262626" } },
    };
    expect(initialStatus().host).toBe("pending");
    await expect(officeStatus()).resolves.toEqual({ host: "excel", dark: true });
  });

  test("office.js in a plain browser answers with no host: no writing", async () => {
    g.Office = { HostType: { Excel: "Excel" }, onReady: async () => ({ host: null, platform: null }), context: {} };
    await expect(officeStatus()).resolves.toEqual({ host: "none", dark: false });
  });
});
