/**
 * The task pane's JavaScript budget, shared by `npm run bench` and the dist tests CI runs after the
 * production build: every script taskpane.html loads from the add-in itself (office.js comes from
 * Microsoft's CDN and is not ours to shrink), measured gzip -9 as a server would send it.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BUDGET_GZIP = 150 * 1024;

/** The add-in's own scripts named by taskpane.html, with their raw and gzip sizes, and the total. */
function paneScripts(distDir) {
  const html = fs.readFileSync(path.join(distDir, "taskpane.html"), "utf8");
  // The production build minifies the page, so attribute values may be unquoted.
  const sources = [...html.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] || m[2] || m[3]);
  const names = sources.filter((src) => !/\/office\.js$/.test(src));
  const files = names.map((src) => {
    const name = src.replace(/^https?:\/\/[^/]+\/(.*\/)?/, "").replace(/^\.?\//, "");
    const raw = fs.readFileSync(path.join(distDir, name));
    return { name, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length };
  });
  const total = { name: "total", raw: files.reduce((n, f) => n + f.raw, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
  return { files: [...files, total], total, withinBudget: total.gzip <= BUDGET_GZIP };
}

module.exports = { BUDGET_GZIP, paneScripts };
