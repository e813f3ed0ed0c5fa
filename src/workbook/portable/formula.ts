/**
 * A reader of Excel formulas as Range.formulas gives them (en-US, A1 style): tokens, then a tree whose every node
 * knows where it is in the text, so a rewrite can replace one call and keep the rest of the formula as the user
 * wrote it. Enough of Excel's grammar to find calls anywhere (inside IF, inside strings it must not look, after a
 * sheet-qualified reference) and to tell one cell from a range; not an evaluator.
 */

export type Node =
  | Leaf<"number" | "string" | "boolean" | "error" | "missing">
  /** A cell (`area` false) or range of cells (`A1:B2`, `A:A`, `1:1`), maybe on another sheet. */
  | (Leaf<"reference"> & { readonly area: boolean })
  /** A table reference: `[@Cost]`, `Sites[Cost]`; `thisRow` when it names the formula's own row. */
  | (Leaf<"structured"> & { readonly thisRow: boolean })
  /** A defined name (or a name Excel does not know). */
  | Leaf<"name">
  | (Span & { readonly kind: "array" })
  | (Span & { readonly kind: "call"; readonly name: string; readonly args: readonly Node[] })
  | (Span & { readonly kind: "unary"; readonly op: string; readonly operand: Node })
  | (Span & { readonly kind: "percent"; readonly operand: Node })
  | (Span & { readonly kind: "binary"; readonly op: string; readonly left: Node; readonly right: Node })
  | (Span & { readonly kind: "paren"; readonly inner: Node });

/** Where a node is: `text.slice(start, end)` of the formula without its "=". */
export interface Span {
  readonly start: number;
  readonly end: number;
}
type Leaf<K extends string> = Span & { readonly kind: K; readonly text: string };

export class FormulaSyntaxError extends Error {}

type TokenKind = "number" | "string" | "boolean" | "error" | "reference" | "structured" | "name" | "function" | "op" | "(" | ")" | "," | "{" | "}";
interface Token extends Span {
  readonly kind: TokenKind;
  readonly text: string;
}

// A sheet prefix: 'Any name' (quotes doubled inside) or a plain name, optionally a range of sheets, then "!".
const SHEET = String.raw`(?:'(?:[^']|'')+'|[A-Za-z0-9_.\\\u00a0-\uffff]+(?::[A-Za-z0-9_.\u00a0-\uffff]+)?)!`;
const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const AREA = String.raw`(?:${CELL}(?::${CELL})?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)`;
/** A reference, not followed by what would make it part of a name or a call (LOG10( is a function). */
const REFERENCE = new RegExp(String.raw`^(?:${SHEET})?${AREA}(?![A-Za-z0-9_.(!\[])`);
const STRUCTURED = /^(?:[A-Za-z_\\][A-Za-z0-9_.]*)?\[(?:[^[\]']|'.|\[(?:[^[\]']|'.)*\])*\]/;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const ERROR = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!)/i;
const NAME = /^[A-Za-z_\\\u00a0-\uffff][A-Za-z0-9_.?\\\u00a0-\uffff]*/;
const OPERATOR = /^(?:<>|<=|>=|[-+*/^&=<>%:@])/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, length: number) => {
    tokens.push({ kind, text: text.slice(i, i + length), start: i, end: i + length });
    i += length;
  };
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = rest[0];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const m = /^"(?:[^"]|"")*"/.exec(rest);
      if (!m) throw new FormulaSyntaxError("A text in quotes is not closed.");
      push("string", m[0].length);
      continue;
    }
    const reference = REFERENCE.exec(rest);
    if (reference) {
      push("reference", reference[0].length);
      continue;
    }
    if ("(),{}".includes(ch)) {
      push(ch as TokenKind, 1);
      continue;
    }
    // In an array constant, ";" separates rows.
    if (ch === ";") {
      push(",", 1);
      continue;
    }
    const m =
      (STRUCTURED.exec(rest) && { kind: "structured" as const, m: STRUCTURED.exec(rest)! }) ||
      (NUMBER.exec(rest) && { kind: "number" as const, m: NUMBER.exec(rest)! }) ||
      (ERROR.exec(rest) && { kind: "error" as const, m: ERROR.exec(rest)! }) ||
      (NAME.exec(rest) && { kind: "name" as const, m: NAME.exec(rest)! }) ||
      (OPERATOR.exec(rest) && { kind: "op" as const, m: OPERATOR.exec(rest)! });
    if (!m) throw new FormulaSyntaxError(`Unexpected ${ch} at character ${i + 1}.`);
    let kind: TokenKind = m.kind;
    if (kind === "name") {
      const after = text.slice(i + m.m[0].length).trimStart();
      if (after.startsWith("(")) kind = "function";
      else if (/^(TRUE|FALSE)$/i.test(m.m[0])) kind = "boolean";
    }
    push(kind, m.m[0].length);
  }
  return tokens;
}

// Excel's precedence, loosest first (Microsoft Support, "Calculation operators and precedence in Excel"):
// comparison, &, + -, * /, ^; then unary - +, %, and the reference operator : tightest.
const BINARY: Record<string, number> = { "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5, ":": 8 };
const UNARY_POWER = 6;

/** The tree of `formula` (with or without its leading "="); spans index the text without the "=". */
export function parseFormula(formula: string): Node {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const next = (): Token => {
    const token = tokens[at++];
    if (!token) throw new FormulaSyntaxError("The formula ends too early.");
    return token;
  };
  const expect = (kind: TokenKind): Token => {
    const token = next();
    if (token.kind !== kind) throw new FormulaSyntaxError(`Expected ${kind} at character ${token.start + 1}.`);
    return token;
  };
  const missingAt = (position: number): Node => ({ kind: "missing", text: "", start: position, end: position });

  function primary(): Node {
    const token = next();
    switch (token.kind) {
      case "number":
      case "string":
      case "boolean":
      case "error":
      case "name":
        return { kind: token.kind, text: token.text, start: token.start, end: token.end };
      case "reference":
        return { kind: "reference", text: token.text, start: token.start, end: token.end, area: /:/.test(token.text.slice(token.text.lastIndexOf("!") + 1)) };
      case "structured":
        return { kind: "structured", text: token.text, start: token.start, end: token.end, thisRow: /@|#this row/i.test(token.text) };
      case "function": {
        expect("(");
        const args: Node[] = [];
        if (peek()?.kind === ")") {
          const close = next();
          return { kind: "call", name: token.text, args, start: token.start, end: close.end };
        }
        for (;;) {
          const head = peek();
          args.push(head && (head.kind === "," || head.kind === ")") ? missingAt(head.start) : expression(0));
          const separator = next();
          if (separator.kind === ")") return { kind: "call", name: token.text, args, start: token.start, end: separator.end };
          if (separator.kind !== ",") throw new FormulaSyntaxError(`Expected , or ) at character ${separator.start + 1}.`);
          const after = peek();
          if (after && after.kind === ")") {
            args.push(missingAt(after.start));
            const close = next();
            return { kind: "call", name: token.text, args, start: token.start, end: close.end };
          }
        }
      }
      case "(": {
        const inner = expression(0);
        const close = expect(")");
        return { kind: "paren", inner, start: token.start, end: close.end };
      }
      case "{": {
        let depth = 1;
        while (depth > 0) {
          const t = next();
          if (t.kind === "{") depth++;
          if (t.kind === "}") depth--;
          if (depth === 0) return { kind: "array", start: token.start, end: t.end };
        }
        throw new FormulaSyntaxError("An array constant is not closed.");
      }
      case "op":
        if (token.text === "-" || token.text === "+" || token.text === "@") {
          const operand = expression(UNARY_POWER);
          return { kind: "unary", op: token.text, operand, start: token.start, end: operand.end };
        }
        throw new FormulaSyntaxError(`Unexpected ${token.text} at character ${token.start + 1}.`);
      default:
        throw new FormulaSyntaxError(`Unexpected ${token.text} at character ${token.start + 1}.`);
    }
  }

  function expression(minPower: number): Node {
    let left = primary();
    for (;;) {
      const token = peek();
      if (!token || token.kind !== "op") return left;
      if (token.text === "%") {
        next();
        left = { kind: "percent", operand: left, start: left.start, end: token.end };
        continue;
      }
      const power = BINARY[token.text];
      if (power === undefined || power <= minPower) return left;
      next();
      // ^ is left-associative in Excel (2^3^2 = 64), like the others.
      const right = expression(power);
      left = { kind: "binary", op: token.text, left, right, start: left.start, end: right.end };
    }
  }

  if (tokens.length === 0) throw new FormulaSyntaxError("The formula is empty.");
  const tree = expression(0);
  if (at < tokens.length) throw new FormulaSyntaxError(`Unexpected ${tokens[at].text} at character ${tokens[at].start + 1}.`);
  return tree;
}

/** The direct children of a node, in text order. */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case "call":
      return node.args;
    case "unary":
    case "percent":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "paren":
      return [node.inner];
    default:
      return [];
  }
}

/** Every call in the tree, outermost first. */
export function calls(node: Node): Extract<Node, { kind: "call" }>[] {
  const own = node.kind === "call" ? [node] : [];
  return [...own, ...children(node).flatMap(calls)];
}

/** The text of a string literal node: `"a ""b"""` -> `a "b"`. */
export const stringValue = (node: Node & { text: string }): string => node.text.slice(1, -1).replace(/""/g, '"');
