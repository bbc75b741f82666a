/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}`, and the
 * literal escapes `${*}`, `${?}`, `${$}`), parsed once per policy value. Only Version 2012-10-17
 * has variables; under 2008-10-17 (or no Version) `${...}` is ordinary text.
 *
 * A value whose variable's key is absent from the request (and has no default) does not match
 * anything: resolveTemplate returns null. A substituted value is literal text, never wildcards.
 *
 * Pure: imports nothing but other policy modules.
 */
import type { ContextValues } from "./ContextValues.ts";
import type { PatternPiece } from "./compileWildcard.ts";

export interface VariablePiece {
  /** Condition key, lower-cased: keys are case-insensitive. */
  key: string;
  /** The key as written, for listContextKeys. */
  written: string;
  default?: string;
}

export interface Template {
  pieces: Array<PatternPiece | VariablePiece>;
  hasVariables: boolean;
}

const LITERAL_ESCAPES: Record<string, string> = { "*": "*", "?": "?", $: "$" };

export function compileTemplate(text: string, variablesEnabled: boolean): Template {
  if (!variablesEnabled || !text.includes("${")) {
    return { pieces: [{ text, wild: true }], hasVariables: false };
  }
  const pieces: Array<PatternPiece | VariablePiece> = [];
  let hasVariables = false;
  let i = 0;
  let literal = "";
  while (i < text.length) {
    const open = text.indexOf("${", i);
    if (open < 0) break;
    const close = text.indexOf("}", open + 2);
    if (close < 0) break;
    literal += text.slice(i, open);
    const inner = text.slice(open + 2, close).trim();
    const literalChar = LITERAL_ESCAPES[inner];
    if (literalChar !== undefined) {
      if (literal) pieces.push({ text: literal, wild: true });
      literal = "";
      pieces.push({ text: literalChar, wild: false });
    } else {
      const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(inner);
      const written = withDefault ? (withDefault[1] as string) : inner;
      if (literal) pieces.push({ text: literal, wild: true });
      literal = "";
      const v: VariablePiece = { key: written.toLowerCase(), written };
      if (withDefault) v.default = withDefault[2] as string;
      pieces.push(v);
      hasVariables = true;
    }
    i = close + 1;
  }
  literal += text.slice(i);
  if (literal) pieces.push({ text: literal, wild: true });
  return { pieces, hasVariables };
}

function isVariable(p: PatternPiece | VariablePiece): p is VariablePiece {
  return (p as VariablePiece).key !== undefined;
}

/** Substitutes the request's values; null when a variable's key is absent and has no default. */
export function resolveTemplate(t: Template, ctx: ContextValues): PatternPiece[] | null {
  const out: PatternPiece[] = [];
  for (const p of t.pieces) {
    if (!isVariable(p)) {
      out.push(p);
      continue;
    }
    const values = ctx.raw(p.key);
    // A multivalued key has no single value to substitute; AWS treats it as not present.
    if (typeof values === "string") out.push({ text: values, wild: false });
    else if (values && values.length === 1) out.push({ text: values[0] as string, wild: false });
    else if (p.default !== undefined) out.push({ text: p.default, wild: false });
    else return null;
  }
  return out;
}

/** The template as plain text with wildcards meaningful (for literal comparisons). */
export function resolveTemplateText(t: Template, ctx: ContextValues): string | null {
  if (!t.hasVariables) return (t.pieces[0] as PatternPiece).text;
  const pieces = resolveTemplate(t, ctx);
  if (!pieces) return null;
  let s = "";
  for (const p of pieces) s += p.text;
  return s;
}

export function templateVariables(t: Template): VariablePiece[] {
  return t.pieces.filter(isVariable);
}
