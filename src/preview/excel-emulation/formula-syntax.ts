/**
 * Excel's formula grammar, as far as the emulation must refuse what Excel refuses before HyperFormula
 * (which is more lenient) sees a formula: unbalanced text, operators without operands, and above all
 * sheet names used unquoted where Excel needs quotes (`FY25!A1`, `Q1!A1`, `R1C1!A1`, `My Sheet!A1`).
 * The Microsoft docs do not state the quoting rule; the rule kept here is the pessimistic one observed
 * in Excel and written up in jmcnamara/XlsxWriter #1078: a sheet name must be quoted unless it is made of
 * letters, digits, "_" and "." only, starts with a letter or "_", and cannot be read as an A1 or R1C1
 * reference (or TRUE/FALSE).
 */

/** A formula Excel would refuse to enter; the write fails with InvalidArgument. */
export class FormulaSyntaxError extends Error {}

const LETTERS_ONLY = /^[A-Za-z_\u00A1-\uFFFF][A-Za-z0-9_.\u00A1-\uFFFF]*$/;

/** True when Excel needs `'name'!` rather than `name!` in a formula (and in Range.address). */
export function sheetNeedsQuotes(name: string): boolean {
  return (
    !LETTERS_ONLY.test(name) ||
    // A1-like: 1-3 letters and digits (FY25, Q1, ABC1). Pessimistically even past column XFD.
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    // R1C1-like: R, C, R1, C1, RC, R1C1, R1C.
    /^(R\d*C?\d*|C\d*)$/i.test(name) ||
    /^(TRUE|FALSE)$/i.test(name)
  );
}

/** A sheet name as Excel writes it before "!". */
export function sheetPrefix(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

type Kind = "number" | "string" | "error" | "ident" | "sheet" | "struct" | "op" | "(" | ")" | "," | "{" | "}" | ";";
interface Token {
  readonly kind: Kind;
  readonly text: string;
  /** Where it starts in the formula. */
  readonly at: number;
  /** Whitespace before it: between two operands it is Excel's intersection operator. */
  readonly spaced: boolean;
}

// Sticky: each matches at `lastIndex` only (no copying of the rest of the formula per token).
const ERROR_LITERAL = /#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|BUSY!)/iy;
const NUMBER = /(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/iy;
const IDENT = /[A-Za-z_\\\u00A1-\uFFFF$][A-Za-z0-9_.\\\u00A1-\uFFFF$]*/y;
/** An unquoted sheet name before "!": anything up to "!" that is not an operator or separator. */
const UNQUOTED_SHEET = /([^\s!'"(),;{}+\-*/^&=<>%:[\]#@]+)!/y;

/** The text `pattern` matches at `at`, or undefined. */
function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}
const OPERATORS = ["<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%", ":", "@", "#"];

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 1; // after "="
  let spaced = false;
  const push = (kind: Kind, text: string) => {
    tokens.push({ kind, text, at: i, spaced });
    i += text.length;
    spaced = false;
  };
  while (i < formula.length) {
    const ch = formula[i];
    let match: string | undefined;
    if (/\s/.test(ch)) {
      spaced = true;
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      if (j >= formula.length) throw new FormulaSyntaxError("a text in quotes is not closed");
      push("string", formula.slice(i, j + 1));
    } else if (ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) j += formula[j] === "'" ? 2 : 1;
      if (formula[j + 1] !== "!") throw new FormulaSyntaxError("a quoted sheet name must be followed by !");
      push("sheet", formula.slice(i, j + 2));
    } else if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "'") j++;
        else if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      if (j >= formula.length) throw new FormulaSyntaxError("a table reference [ is not closed");
      push("struct", formula.slice(i, j + 1));
    } else if ((match = matchAt(ERROR_LITERAL, formula, i))) {
      push("error", match);
    } else if ((match = matchAt(UNQUOTED_SHEET, formula, i))) {
      push("sheet", match);
    } else if ((match = matchAt(IDENT, formula, i))) {
      push("ident", match);
    } else if ((match = matchAt(NUMBER, formula, i))) {
      push("number", match);
    } else if ("(),{};".includes(ch)) {
      push(ch as Kind, ch);
    } else {
      const op = OPERATORS.find((o) => formula.startsWith(o, i));
      if (!op) throw new FormulaSyntaxError(`"${ch}" is not allowed here`);
      push("op", op);
    }
  }
  return tokens;
}

/** What a formula refers to, for the writer's checks and the evaluator. */
export interface FormulaFacts {
  /** Sheet names used before "!" (unquoted and unescaped). */
  readonly sheets: string[];
  /** Names that are not functions, references, booleans or known tables: Excel shows #NAME?. */
  readonly unknownNames: string[];
  /** The formula as Excel reads it back (see normalizeFormula). */
  readonly normalized: string;
}

const CELL = /^\$?[A-Za-z]{1,3}\$?\d+$/;
const COLUMN = /^\$?[A-Za-z]{1,3}$/;
const BINARY = new Set(["+", "-", "*", "/", "^", "&", "=", "<>", "<", ">", "<=", ">=", ":"]);

/**
 * Checks a formula ("=..." as written) against Excel's grammar and quoting rule; throws
 * FormulaSyntaxError where Excel refuses it. `isTable` tells table names (valid bare references).
 */
export function parseFormula(formula: string, isTable: (name: string) => boolean): FormulaFacts {
  const tokens = tokenize(formula);
  const sheets: string[] = [];
  const unknownNames: string[] = [];
  let at = 0;
  const peek = () => tokens[at];
  const fail = (what: string): never => {
    throw new FormulaSyntaxError(what);
  };
  const expectKind = (kind: Kind) => (peek()?.kind === kind ? tokens[at++] : fail(`expected "${kind}" ${peek() ? `before "${peek().text}"` : "at the end"}`));

  /** An operand; true when it is a reference (so a space after it may intersect it with another). */
  function operand(): boolean {
    const t = peek() ?? fail("the formula ends where a value is expected");
    let reference = false;
    if (t.kind === "op" && (t.text === "+" || t.text === "-" || t.text === "@")) {
      at++;
      return operand();
    }
    at++;
    switch (t.kind) {
      case "number":
      case "string":
      case "error":
        break;
      case "{":
        while (peek() && peek().kind !== "}") {
          if (!["number", "string", "error", "ident", ",", ";"].includes(peek().kind) && !(peek().kind === "op" && peek().text === "-")) fail(`"${peek().text}" is not allowed in an array constant`);
          if (peek().kind === "ident" && !/^(TRUE|FALSE)$/i.test(peek().text)) fail(`"${peek().text}" is not allowed in an array constant`);
          at++;
        }
        expectKind("}");
        break;
      case "(":
        reference = expression();
        while (peek()?.kind === ",") {
          at++;
          expression();
        }
        expectKind(")");
        break;
      case "sheet": {
        const quoted = t.text.startsWith("'");
        const name = quoted ? t.text.slice(1, -2).replace(/''/g, "'") : t.text.slice(0, -1);
        if (!quoted && sheetNeedsQuotes(name)) fail(`the sheet name ${name} must be quoted: '${name}'!`);
        sheets.push(name);
        const ref = peek();
        if (!ref || !(ref.kind === "ident" || ref.kind === "number" || (ref.kind === "error" && /^#REF!$/i.test(ref.text))) || ref.spaced) fail(`a reference must follow ${t.text}`);
        at++;
        reference = true;
        break;
      }
      case "struct":
        reference = true;
        break;
      case "ident":
        if (peek()?.kind === "(" && !peek().spaced) {
          at++;
          args();
        } else if (peek()?.kind === "struct" && !peek().spaced) {
          at++;
          reference = true;
        } else if (CELL.test(t.text) || COLUMN.test(t.text) || isTable(t.text)) {
          reference = true;
        } else if (!/^(TRUE|FALSE)$/i.test(t.text)) {
          unknownNames.push(t.text);
          reference = true;
        }
        break;
      default:
        fail(`"${t.text}" cannot start a value`);
    }
    while (peek()?.kind === "op" && (peek().text === "%" || (peek().text === "#" && reference)) && !peek().spaced) at++;
    return reference;
  }

  function args(): void {
    if (peek()?.kind === ")") {
      at++;
      return;
    }
    for (;;) {
      // An argument may be left out: IF(A1,,1).
      if (peek()?.kind !== "," && peek()?.kind !== ")") expression();
      const t = peek() ?? fail("a function's ( is not closed");
      at++;
      if (t.kind === ")") return;
      if (t.kind !== ",") fail(`"${t.text}" between a function's arguments`);
    }
  }

  /** Operands joined by operators (precedence does not matter for validity); true when it gives a reference. */
  function expression(): boolean {
    let reference = operand();
    for (;;) {
      const t = peek();
      if (t?.kind === "op" && BINARY.has(t.text)) {
        at++;
        reference = operand() && t.text === ":";
      } else if (t && t.spaced && ["ident", "sheet", "struct", "("].includes(t.kind)) {
        // A space between two references is the intersection operator ("=-Lincoln Annex" is valid: #NAME?).
        const right = operand();
        if (!reference || !right) fail(`"${t.text}" follows a value without an operator`);
      } else {
        return reference;
      }
    }
  }

  if (tokens.length === 0) fail("the formula is empty");
  expression();
  if (at < tokens.length) fail(`"${peek().text}" follows a complete formula`);
  return { sheets, unknownNames, normalized: normalized(formula, tokens) };
}

/**
 * The formula as Excel gives it back through Range.formulas: Excel keeps a parsed formula and writes its
 * text again, so function names and cell references come back in capitals, TRUE/FALSE too, and sheet names
 * lose the quotes they do not need (`='Schools'!a1` reads back as `=Schools!A1`). The reference is silent
 * on read-back (review section C.14); this is the pessimistic reading: what was written is not what is read.
 * Text in quotes, spaces and structured references stay as written.
 */
export function normalizeFormula(formula: string): string {
  return normalized(formula, tokenize(formula));
}

function normalized(formula: string, tokens: readonly Token[]): string {
  let out = "";
  let last = 0;
  tokens.forEach((t, i) => {
    let text = t.text;
    const next = tokens[i + 1];
    if (t.kind === "sheet") {
      const name = t.text.startsWith("'") ? t.text.slice(1, -2).replace(/''/g, "'") : t.text.slice(0, -1);
      text = `${sheetPrefix(name)}!`;
    } else if (t.kind === "ident" && ((next?.kind === "(" && !next.spaced) || CELL.test(t.text) || /^(TRUE|FALSE)$/i.test(t.text))) {
      text = t.text.toUpperCase();
    } else if (t.kind === "error") {
      text = t.text.toUpperCase();
    }
    out += formula.slice(last, t.at) + text;
    last = t.at + t.text.length;
  });
  return out + formula.slice(last);
}
