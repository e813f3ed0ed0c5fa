// Offline manifest validation: Microsoft's XSDs (where shared/ provides them) plus the checks the schema
// cannot make. Used by `npm run validate` and by the tests.
const fs = require("fs");
const path = require("path");
const { DOMParser } = require("@xmldom/xmldom");
const { validateXML } = require("xmllint-wasm");

const SCHEMA_DIR = process.env.MANIFEST_SCHEMA_DIR || path.resolve(__dirname, "../../shared/schemas/office-addin-manifest");
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Schema errors as "line: message", or null when the XSDs are not on this machine. */
async function schemaErrors(xml, fileName) {
  if (!fs.existsSync(path.join(SCHEMA_DIR, MAIN_SCHEMA))) return null;
  const read = (name) => ({ fileName: name, contents: fs.readFileSync(path.join(SCHEMA_DIR, name), "utf8") });
  const others = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".xsd") && f !== MAIN_SCHEMA);
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [read(MAIN_SCHEMA)], preload: others.map(read) });
  return result.valid ? [] : result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.rawMessage));
}

const elements = (doc, localName) =>
  Array.from(doc.getElementsByTagName("*")).filter((el) => (el.localName || el.nodeName.replace(/^.*:/, "")) === localName);

/**
 * What the schema cannot check. `origin` ("https://host:port") is where every URL must point; without it,
 * every URL must share the origin of the default SourceLocation.
 */
function projectErrors(xml, { origin } = {}) {
  const errors = [];
  const parseErrors = [];
  const onError = (message) => parseErrors.push(message);
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: onError, fatalError: onError } }).parseFromString(xml, "text/xml");
  if (parseErrors.length || !doc.documentElement) return [`Not well-formed XML: ${parseErrors[0] || "no root element"}`];
  const text = (name) => elements(doc, name)[0]?.textContent?.trim();

  if (!GUID.test(text("Id") || "")) errors.push("<Id> must be a GUID.");
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(text("Version") || "")) errors.push("<Version> must look like 1.0.0.0.");
  if (text("Permissions") !== "ReadWriteDocument") errors.push("<Permissions> must be ReadWriteDocument (least privilege for writing sheets).");

  // Every resid must name a resource.
  const resources = new Map();
  for (const kind of ["Image", "Url", "String"]) {
    for (const el of elements(doc, kind).filter((e) => e.namespaceURI === BT && e.getAttribute("id"))) {
      resources.set(el.getAttribute("id"), el.getAttribute("DefaultValue"));
    }
  }
  for (const el of Array.from(doc.getElementsByTagName("*")).filter((e) => e.hasAttribute("resid"))) {
    if (!resources.has(el.getAttribute("resid"))) errors.push(`resid "${el.getAttribute("resid")}" on <${el.localName}> names no resource.`);
  }

  // Custom functions: the namespace, the script, the metadata and the shared runtime page.
  const cf = elements(doc, "ExtensionPoint").find((e) => e.getAttributeNS(XSI, "type") === "CustomFunctions");
  if (!cf) errors.push('No <ExtensionPoint xsi:type="CustomFunctions">.');
  else {
    const ns = elements(cf, "Namespace")[0];
    if (!ns || resources.get(ns.getAttribute("resid")) !== "LAUSD") errors.push("The custom functions' <Namespace> must resolve to LAUSD.");
    for (const part of ["Script", "Page", "Metadata"]) {
      if (!elements(cf, part)[0] || !elements(elements(cf, part)[0], "SourceLocation")[0]) errors.push(`CustomFunctions needs <${part}><SourceLocation>.`);
    }
  }
  const runtime = elements(doc, "Runtime")[0];
  if (!runtime || runtime.getAttribute("lifetime") !== "long") errors.push('The shared runtime needs <Runtime lifetime="long">.');
  const shared = elements(doc, "Set").find((s) => s.getAttribute("Name") === "SharedRuntime");
  if (!shared) errors.push('Requirements must include <Set Name="SharedRuntime" MinVersion="1.1">.');
  if (elements(doc, "TaskpaneId").length) errors.push("No <TaskpaneId> with a long-lived shared runtime.");

  // Every URL: https, on one origin.
  const urls = [
    ...Array.from(doc.getElementsByTagName("*"))
      .filter((e) => /Url$|SourceLocation$/.test(e.localName) && e.getAttribute("DefaultValue"))
      .map((e) => e.getAttribute("DefaultValue")),
    ...[...resources.values()].filter((v) => /^[a-z]+:\/\//i.test(v || "")),
  ];
  const expected = origin || (elements(doc, "SourceLocation")[0]?.getAttribute("DefaultValue") || "").replace(/^(https?:\/\/[^/]+).*$/, "$1");
  for (const url of new Set(urls)) {
    if (!url.startsWith("https://")) errors.push(`URL is not https: ${url}`);
    else if (new URL(url).origin !== expected) errors.push(`URL ${url} is not on ${expected}.`);
  }
  return errors;
}

/** All offline checks of one manifest: { schema: string[] | null (XSDs absent), project: string[] }. */
async function checkManifest(xml, fileName = "manifest.xml", options = {}) {
  return { schema: await schemaErrors(xml, fileName), project: projectErrors(xml, options) };
}

module.exports = { checkManifest, SCHEMA_DIR };
