/**
 * Builds the add-in with the project's own webpack config in production mode into a temporary folder.
 * Two shortcuts keep the test fast without changing what is checked: ts-loader only transpiles (tsc checks
 * types) and terser is off (minifying neither adds nor removes eval, inline scripts or source maps).
 */
import fs from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";

export const PROD_URL = "https://its.example.test/addin/";

export interface ProductionBuild {
  readonly dir: string;
  readonly devtool: unknown;
  read(name: string): string;
  files(): string[];
  remove(): void;
}

type RuleLike = { loader?: string; use?: unknown; options?: object };

export async function buildProduction(): Promise<ProductionBuild> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "security-build-"));
  const config = require("../../webpack.config.js")({ urlProd: PROD_URL }, { mode: "production" });
  const devtool = config.devtool;
  config.mode = "production";
  config.output = { ...config.output, path: dir };
  config.optimization = { ...config.optimization, minimize: false };
  config.module.rules = config.module.rules.map((rule: RuleLike) =>
    JSON.stringify(rule.use ?? rule.loader ?? "").includes("ts-loader")
      ? { ...rule, use: undefined, loader: "ts-loader", options: { ...rule.options, transpileOnly: true } }
      : rule,
  );
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack(config, (err, result) => (err || !result ? reject(err) : resolve(result))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString("errors-only"));
  return {
    dir,
    devtool,
    read: (name) => fs.readFileSync(path.join(dir, name), "utf8"),
    files: () => fs.readdirSync(dir, { recursive: true }).map(String),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
