/**
 * `npm stop`: stops the dev server `npm start` started (its pid is in .preview-server.pid) and, if
 * start sideloaded the add-in into desktop Excel, unregisters it. Touches no other process.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pidFile, alive, readPid } = require("./server-pid");

const root = path.resolve(__dirname, "..");

async function main() {
  const info = readPid();
  if (!info) {
    console.log("Nothing to stop: no .preview-server.pid (npm start is not running from this folder).");
    return;
  }
  if (info.sideloaded) {
    const npx = process.platform === "win32" ? "npx.cmd" : "npx";
    spawnSync(npx, ["--no-install", "office-addin-dev-settings", "unregister", path.join(root, "manifest.xml")], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  }
  if (alive(info.pid)) {
    if (process.platform === "win32") spawnSync("taskkill", ["/pid", String(info.pid), "/T", "/F"], { stdio: "ignore" });
    else process.kill(-info.pid, "SIGTERM"); // start.js made the server a process group leader
    for (let i = 0; i < 50 && alive(info.pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(info.pid)) process.kill(-info.pid, "SIGKILL");
    console.log(`Stopped the dev server (pid ${info.pid}) on port ${info.port}.`);
  } else {
    console.log(`The dev server (pid ${info.pid}) had already stopped.`);
  }
  fs.rmSync(pidFile, { force: true });
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
