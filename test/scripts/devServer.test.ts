// The development server's settings, read from the project's own webpack config.
const webpackConfig = require("../../webpack.config.js");

const devServer = webpackConfig({}, { mode: "development" }).devServer;
const headersFor = (url: string) => devServer.headers({ url });

describe("the dev server (npm start, npm run dev-server)", () => {
  it("listens on localhost only, not on every interface", () => {
    expect(devServer.host).toBe("localhost");
  });

  it("allows cross-origin reads of functions.json only: Excel on the web fetches the metadata from its own origin (office-js #3970)", () => {
    expect(headersFor("/functions.json")).toEqual({ "Access-Control-Allow-Origin": "*" });
    expect(headersFor("/functions.json?v=2")).toEqual({ "Access-Control-Allow-Origin": "*" });
    for (const url of ["/taskpane.html", "/taskpane.js", "/taskpane.js.map", "/functions.js.map", "/preview.html", "/manifest.xml"]) {
      expect(headersFor(url)).toEqual({});
    }
  });
});
