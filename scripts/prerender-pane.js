#!/usr/bin/env node
/**
 * Prints, as JSON, the pane's first screen rendered in Node (src/taskpane/shell/prerender.tsx): { markup, styles }.
 * webpack.config.js runs it in a child process for taskpane.html, so every build renders fresh sources, with
 * NODE_ENV set to the build's mode.
 */
// React and Griffel render as in the bundle they will be hydrated by (Griffel names class sequences apart in development).
process.env.NODE_ENV ??= "production";
require("./typescript-require").registerTypeScript();
const { prerenderPane } = require("../src/taskpane/shell/prerender.tsx");

process.stdout.write(JSON.stringify(prerenderPane()));
