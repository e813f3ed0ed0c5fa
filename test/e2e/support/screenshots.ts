import fs from "fs";
import os from "os";
import path from "path";

/**
 * Where the browser tests save their screenshots: a temporary folder, so a test run leaves the work tree
 * clean; `npm run screenshots` points SCREENSHOT_DIR at docs/ to refresh the README's pictures.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ? path.resolve(process.env.SCREENSHOT_DIR) : path.join(os.tmpdir(), "its-addin-screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
