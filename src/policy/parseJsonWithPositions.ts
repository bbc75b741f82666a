/**
 * A small JSON parser that also records where each object and array starts and ends
 * (1-based line and column), so SimulatePrincipalPolicy can report a statement's
 * StartPosition/EndPosition as AWS does. It follows RFC 8259 strictly (no comments,
 * no trailing commas) and bounds nesting depth so hostile input cannot overflow the stack.
 *
 * Pure: imports nothing. Throws only JsonSyntaxError.
 */

export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceSpan {
  start: SourcePosition;
  end: SourcePosition;
}

export class JsonSyntaxError extends Error {
  override name = "JsonSyntaxError";
  /** Where the parser stopped: the first character it could not read. */
  readonly position: SourcePosition;

  constructor(message: string, position: SourcePosition) {
    super(message);
    this.position = position;
  }
}

export interface ParsedJson {
  value: unknown;
  /** Spans of every object and array in the document, keyed by identity. */
  spans: WeakMap<object, SourceSpan>;
  /** Objects that repeated a key (the last value wins, as in JSON.parse). */
  duplicateKeys: boolean;
}

const MAX_DEPTH = 64;

export function parseJsonWithPositions(text: string): ParsedJson {
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let duplicateKeys = false;
  const spans = new WeakMap<object, SourceSpan>();
  const n = text.length;

  const here = (): SourcePosition => ({ line, column: pos - lineStart + 1 });
  const fail = (what: string): never => {
    const at = here();
    throw new JsonSyntaxError(`${what} at line ${at.line} column ${at.column}`, at);
  };

  const skipWs = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) pos++;
      else if (c === 0x0a) {
        pos++;
        line++;
        lineStart = pos;
      } else break;
    }
  };

  const parseString = (): string => {
    // pos is at the opening quote
    pos++;
    let out = "";
    let runStart = pos;
    while (true) {
      if (pos >= n) fail("Unterminated string");
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(runStart, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail("Control character in string");
      if (c === 0x5c) {
        out += text.slice(runStart, pos);
        pos++;
        if (pos >= n) fail("Unterminated escape");
        const e = text[pos];
        switch (e) {
          case '"':
            out += '"';
            break;
          case "\\":
            out += "\\";
            break;
          case "/":
            out += "/";
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "\t";
            break;
          case "u": {
            const hex = text.slice(pos + 1, pos + 5);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("Bad unicode escape");
            out += String.fromCharCode(Number.parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            fail("Bad escape");
        }
        pos++;
        runStart = pos;
        continue;
      }
      pos++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail("Nesting too deep");
    skipWs();
    if (pos >= n) fail("Unexpected end of input");
    const c = text[pos];
    if (c === "{") {
      const start = here();
      pos++;
      const obj: Record<string, unknown> = {};
      skipWs();
      if (text[pos] === "}") {
        pos++;
        spans.set(obj, { start, end: here() });
        return obj;
      }
      while (true) {
        skipWs();
        if (text[pos] !== '"') fail("Expected string key");
        const key = parseString();
        skipWs();
        if (text[pos] !== ":") fail("Expected ':'");
        pos++;
        const v = parseValue(depth + 1);
        if (Object.hasOwn(obj, key)) duplicateKeys = true;
        // defineProperty keeps "__proto__" an ordinary key, as JSON.parse does
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        skipWs();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          spans.set(obj, { start, end: here() });
          return obj;
        }
        fail("Expected ',' or '}'");
      }
    }
    if (c === "[") {
      const start = here();
      pos++;
      const arr: unknown[] = [];
      skipWs();
      if (text[pos] === "]") {
        pos++;
        spans.set(arr, { start, end: here() });
        return arr;
      }
      while (true) {
        arr.push(parseValue(depth + 1));
        skipWs();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          spans.set(arr, { start, end: here() });
          return arr;
        }
        fail("Expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    if (text.startsWith("true", pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) {
      pos += m[0].length;
      return Number(m[0]);
    }
    return fail("Unexpected character");
  };

  // A leading byte-order mark is tolerated, as AWS's console does.
  if (text.charCodeAt(0) === 0xfeff) {
    pos = 1;
    lineStart = 1;
  }
  const value = parseValue(0);
  skipWs();
  if (pos < n) fail("Unexpected trailing characters");
  return { value, spans, duplicateKeys };
}
