/**
 * Lets Node require the TypeScript sources (src/**.ts, .tsx) by transpiling them on load, as ts-jest does; for
 * the scripts that run the add-in's own code outside webpack (the bench, the build-time pre-render of the pane).
 */
const fs = require("fs");

function registerTypeScript() {
  const ts = require("typescript");
  const compile = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, jsx: ts.JsxEmit.ReactJSX },
    });
    module._compile(outputText, filename);
  };
  require.extensions[".ts"] = compile;
  require.extensions[".tsx"] = compile;
}

module.exports = { registerTypeScript };
