/**
 * The task pane's JavaScript budget, shared by `npm run bench` and the dist tests CI runs after the
 * production build: every script taskpane.html has the browser request before the pane's first render
 * (<script src> and <link rel="preload" as="script">, from the add-in itself: office.js comes from
 * Microsoft's CDN and is not ours to shrink), measured gzip -9 as a server would send it. Lazy chunks are not
 * counted: the dist tests check that the bundle never prefetches them, and the bench measures what the browser
 * requests before the first render.
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BUDGET_GZIP = 110 * 1024;

/** The src or href of each script the page requests up front (the production page may leave attributes unquoted). */
function requestedScripts(html) {
  const attr = (tag, name) => {
    const m = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
    return m ? m[1] ?? m[2] ?? m[3] : null;
  };
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => attr(m[0], "src"));
  const preloads = [...html.matchAll(/<link\b[^>]*>/gi)]
    .filter((m) => /^(preload|modulepreload|prefetch)$/i.test(attr(m[0], "rel") ?? "") && (attr(m[0], "rel") === "modulepreload" || attr(m[0], "as") === "script"))
    .map((m) => attr(m[0], "href"));
  return [...scripts, ...preloads].filter((src) => src && !/\/office\.js$/.test(src));
}

/** The add-in's own scripts requested by taskpane.html, with their raw and gzip sizes, and the total. */
function paneScripts(distDir) {
  const html = fs.readFileSync(path.join(distDir, "taskpane.html"), "utf8");
  const files = requestedScripts(html).map((src) => {
    const name = src.replace(/^https?:\/\/[^/]+\/(.*\/)?/, "").replace(/^\.?\//, "");
    const raw = fs.readFileSync(path.join(distDir, name));
    return { name, raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length };
  });
  const total = { name: "total", raw: files.reduce((n, f) => n + f.raw, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
  return { files: [...files, total], total, withinBudget: total.gzip <= BUDGET_GZIP };
}

module.exports = { BUDGET_GZIP, paneScripts, requestedScripts };
