/**
 * `npm start`: builds the add-in (development) and serves it over HTTPS on localhost, in the
 * background, then prints the preview URL and the manifest path. Works on a machine without Excel:
 * the preview page runs the real task pane on an emulated workbook. Where desktop Excel exists
 * (Windows, macOS) it also sideloads the add-in. `npm stop` stops what this started.
 *
 * Certificates: office-addin-dev-certs' files in ~/.office-addin-dev-certs, generated with its API
 * when missing or expired (its CA is NOT installed: that needs admin rights; see the printed hint).
 */
const { spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const https = require("https");
const net = require("net");
const os = require("os");
const path = require("path");
const { pidFile, alive, readPid } = require("./server-pid");

const root = path.resolve(__dirname, "..");
const logFile = path.join(root, ".preview-server.log");
const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const certFiles = { ca: path.join(certDir, "ca.crt"), cert: path.join(certDir, "localhost.crt"), key: path.join(certDir, "localhost.key") };
const manifest = path.join(root, "manifest.xml");
const base = `https://localhost:${port}/`;

/** Days the localhost certificate is still valid (negative when expired), or null when unreadable. */
function certificateDaysLeft() {
  try {
    const cert = new crypto.X509Certificate(fs.readFileSync(certFiles.cert));
    return (Date.parse(cert.validTo) - Date.now()) / 86400000;
  } catch {
    return null;
  }
}

/** Makes sure the dev certificates exist and are valid; returns a line saying which are used. */
async function ensureCertificates() {
  const present = Object.values(certFiles).every((f) => fs.existsSync(f));
  const daysLeft = present ? certificateDaysLeft() : null;
  if (present && daysLeft !== null && daysLeft > 1) return `Certificates: ${certDir} (valid ${Math.floor(daysLeft)} more days).`;
  try {
    // The generate module alone: no CA install, no prompt.
    const { generateCertificates } = require("office-addin-dev-certs/lib/generate");
    await generateCertificates(certFiles.ca, certFiles.cert, certFiles.key);
    return `Certificates: generated in ${certDir} (${present ? "the old ones had expired" : "none were there"}). The CA is new: trust it again (see below).`;
  } catch (e) {
    return `Certificates: could not generate them in ${certDir} (${e.message.split("\n")[0]}). Falling back to webpack-dev-server's own self-signed certificate: the browser will warn, and Excel will not load the add-in until you fix this (run \`npx office-addin-dev-certs install\`).`;
  }
}

/** True when something already listens on the port, on IPv4 or IPv6 loopback. */
function portInUse() {
  const probe = (host) =>
    new Promise((resolve) => {
      const socket = net.connect({ port, host });
      socket.setTimeout(2000);
      const settle = (inUse) => {
        socket.destroy();
        resolve(inUse);
      };
      socket.once("connect", () => settle(true));
      socket.once("timeout", () => settle(false));
      socket.once("error", () => settle(false));
    });
  return Promise.all([probe("127.0.0.1"), probe("::1")]).then((found) => found.some(Boolean));
}

function get(url) {
  return new Promise((resolve) => {
    // Our own dev certificate may not be trusted by Node: this check only needs the server to answer.
    const req = https.get(url, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", () => resolve(0));
    req.on("timeout", () => req.destroy());
  });
}

async function waitUntilServing(child) {
  const deadline = Date.now() + 5 * 60 * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || !alive(child.pid)) return false;
    if ((await get(`${base}preview.html`)) === 200) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

/** Desktop Excel only exists on Windows and macOS; look in the usual places. */
function desktopExcel() {
  if (process.platform === "darwin") return fs.existsSync("/Applications/Microsoft Excel.app") ? "/Applications/Microsoft Excel.app" : null;
  if (process.platform !== "win32") return null;
  const dirs = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]].filter(Boolean);
  for (const dir of dirs) {
    for (const sub of ["Microsoft Office\\root\\Office16", "Microsoft Office\\Office16"]) {
      const exe = path.join(dir, sub, "EXCEL.EXE");
      if (fs.existsSync(exe)) return exe;
    }
  }
  return null;
}

function sideload() {
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  const result = spawnSync(npx, ["--no-install", "office-addin-dev-settings", "sideload", manifest, "desktop"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  return result.status === 0;
}

function trustHint() {
  const lines = [`To make browsers and Excel trust https://localhost:${port} without admin rights:`];
  if (process.platform === "linux") {
    lines.push(`  Chromium/Chrome (your user only): certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i ${certFiles.ca}`);
    lines.push("  (certutil is in the libnss3-tools package.) Or open the URL once and accept the warning.");
  } else {
    lines.push(`  run \`npx office-addin-dev-certs install\` (asks for permission to trust ${certFiles.ca}).`);
  }
  return lines.join("\n");
}

async function main() {
  const running = readPid();
  if (running && running.port === port && alive(running.pid)) {
    console.log(`Already running (pid ${running.pid}).\n  Preview:  ${base}preview.html\n  Manifest: ${manifest}\nStop it with \`npm stop\`.`);
    return;
  }
  if (await portInUse()) {
    throw new Error(`Port ${port} is already in use by another program. Stop it (or change "config.dev_server_port" in package.json), then run \`npm start\` again.`);
  }
  console.log(await ensureCertificates());
  console.log(`Building and serving the add-in in the background (log: ${path.relative(root, logFile)}); the first build takes about a minute...`);
  const log = fs.openSync(logFile, "w");
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [root] });
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, npm_package_config_dev_server_port: String(port) },
  });
  child.unref();
  fs.writeFileSync(pidFile, JSON.stringify({ pid: child.pid, port, sideloaded: false }));
  if (!(await waitUntilServing(child))) {
    const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
    try {
      process.kill(process.platform === "win32" ? child.pid : -child.pid);
    } catch {
      /* already gone */
    }
    fs.rmSync(pidFile, { force: true });
    throw new Error(`The dev server did not come up on ${base}. Last lines of ${logFile}:\n${tail}`);
  }

  console.log(`
Serving the add-in on ${base} (pid ${child.pid}).
  Preview (no Excel needed): ${base}preview.html   <- open this; ?theme=dark for Office's dark theme
  Task pane page:            ${base}taskpane.html
  Manifest:                  ${manifest}
${trustHint()}`);

  const excel = desktopExcel();
  if (excel) {
    console.log(`Desktop Excel found (${excel}): sideloading the add-in...`);
    const ok = sideload();
    fs.writeFileSync(pidFile, JSON.stringify({ pid: child.pid, port, sideloaded: ok }));
    console.log(ok ? "Excel opens with the add-in (Home > ITS Support)." : "Sideloading failed; run `npm run start:desktop` to retry.");
  } else {
    console.log(
      `No desktop Excel on this machine (${process.platform}): use the preview above. To try Excel on the web, upload ${manifest} ` +
        "(Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in); on Windows or macOS with Excel, `npm start` sideloads it (or `npm run start:desktop`).",
    );
  }
  console.log("Stop the server with `npm stop`.");
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
