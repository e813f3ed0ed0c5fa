/** The pid file `npm start` writes and `npm stop` reads: { pid, port, sideloaded }. */
const fs = require("fs");
const path = require("path");

const pidFile = path.resolve(__dirname, "../.preview-server.pid");

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** What `npm start` recorded, or null when it is not running from this folder. */
function readPid() {
  try {
    return JSON.parse(fs.readFileSync(pidFile, "utf8"));
  } catch {
    return null;
  }
}

module.exports = { pidFile, alive, readPid };
