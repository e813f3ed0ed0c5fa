// Before any browser test: check the production build exists, and bundle the Excel emulation into
// the script that stands in for office.js (see fakeOffice.ts).
const fs = require("fs");
const path = require("path");
const { buildFakeOffice } = require("./buildFakeOffice");

module.exports = async () => {
  const dist = path.resolve(__dirname, "../../../dist");
  if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
    throw new Error(`No production build in ${dist}. Run \`npm run build\` first, then \`npm run test:e2e\`.`);
  }
  process.env.ITS_FAKE_OFFICE_JS = await buildFakeOffice();
};
