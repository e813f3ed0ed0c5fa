// Renders assets/icon.svg to the PNG sizes the manifest and stores use, in headless Chromium:
//   node scripts/render-icons.js
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

(async () => {
  const assets = path.resolve(__dirname, "../assets");
  const svg = fs.readFileSync(path.join(assets, "icon.svg"), "utf8");
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "icons-")), {
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const page = await context.newPage();
  for (const size of [16, 32, 64, 80, 128]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<body style="margin:0">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body>`);
    await page.screenshot({ path: path.join(assets, `icon-${size}.png`), omitBackground: true });
  }
  await context.close();
})();
