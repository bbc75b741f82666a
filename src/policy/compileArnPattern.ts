/**
 * ARN patterns for Resource/NotResource and the Arn* condition operators. AWS matches each of
 * the six colon-separated parts separately ("you can use wildcard characters within any ARN
 * segment"); the sixth part (the resource) is everything after the fifth colon, colons included.
 * A pattern with fewer parts whose last part ends in `*` matches as if padded with `*` parts.
 * Matching is case-sensitive.
 *
 * Pure: imports nothing but other policy modules.
 */
import type { ContextValues } from "./ContextValues.ts";
import {
  compileTemplate,
  resolveTemplate,
  resolveTemplateText,
  type Template,
  templateVariables,
} from "./compileTemplate.ts";
import { compilePieces, type PatternPiece, type WildcardMatcher } from "./compileWildcard.ts";

/** An ARN split into its six parts, or null when the text is not an ARN. */
export type ArnParts = string[] | null;

export function splitArn(arn: string): ArnParts {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = arn.indexOf(":", from);
    if (c < 0) return null;
    parts.push(arn.slice(from, c));
    from = c + 1;
  }
  parts.push(arn.slice(from));
  return parts;
}

/** Matches a request value given as raw text and its ARN parts. */
export type ArnMatcher = (raw: string, parts: ArnParts) => boolean;

const NEVER: ArnMatcher = () => false;
const ALWAYS: ArnMatcher = () => true;

function compileSegments(pieces: readonly PatternPiece[]): ArnMatcher {
  if (pieces.length === 1 && pieces[0]?.wild && pieces[0].text === "*") return ALWAYS;
  const segs: PatternPiece[][] = [[]];
  for (const piece of pieces) {
    let text = piece.text;
    while (segs.length < 6) {
      const idx = text.indexOf(":");
      if (idx < 0) break;
      (segs[segs.length - 1] as PatternPiece[]).push({ text: text.slice(0, idx), wild: piece.wild });
      segs.push([]);
      text = text.slice(idx + 1);
    }
    (segs[segs.length - 1] as PatternPiece[]).push({ text, wild: piece.wild });
  }
  if (segs.length < 6) {
    const lastSeg = segs[segs.length - 1] as PatternPiece[];
    const lastPiece = lastSeg[lastSeg.length - 1];
    if (!lastPiece?.wild || !lastPiece.text.endsWith("*")) return NEVER;
    while (segs.length < 6) segs.push([{ text: "*", wild: true }]);
  }
  // A part that is only stars matches anything, so it is skipped entirely.
  const matchers: Array<WildcardMatcher | null> = segs.map((seg) =>
    isStar(seg) ? null : compilePieces(seg),
  );
  const m0 = matchers[0] ?? null;
  const m1 = matchers[1] ?? null;
  const m2 = matchers[2] ?? null;
  const m3 = matchers[3] ?? null;
  const m4 = matchers[4] ?? null;
  const m5 = matchers[5] ?? null;
  return (_raw, p) => {
    if (!p) return false;
    return (
      (m5 === null || m5(p[5] as string)) &&
      (m4 === null || m4(p[4] as string)) &&
      (m2 === null || m2(p[2] as string)) &&
      (m3 === null || m3(p[3] as string)) &&
      (m1 === null || m1(p[1] as string)) &&
      (m0 === null || m0(p[0] as string))
    );
  };
}

function isStar(seg: readonly PatternPiece[]): boolean {
  return seg.length === 1 && seg[0]?.wild === true && /^\*+$/.test(seg[0].text);
}

export interface CompiledArnPattern {
  template: Template;
  /** Variables but no wildcards: the resolved pattern is one exact ARN, compared as text. */
  literal?: boolean;
  /** For patterns without variables. */
  static?: ArnMatcher;
  /** Per-resolution cache for patterns with variables (resolved text → matcher). */
  cache?: Map<string, ArnMatcher>;
}

export function compileArnPattern(text: string, variablesEnabled: boolean): CompiledArnPattern {
  const template = compileTemplate(text, variablesEnabled);
  if (!template.hasVariables) return { template, static: compileSegments(template.pieces as PatternPiece[]) };
  const literal = template.pieces.every(
    (piece) => !(piece as PatternPiece).wild || !/[*?]/.test((piece as PatternPiece).text),
  );
  return literal ? { template, literal, cache: new Map() } : { template, cache: new Map() };
}

const CACHE_LIMIT = 256;

export function matchArnPattern(
  p: CompiledArnPattern,
  raw: string,
  parts: ArnParts,
  ctx: ContextValues,
): boolean {
  if (p.static) return p.static(raw, parts);
  if (p.literal) {
    // Without wildcards, part-by-part equality is equality of the whole text.
    const text = resolveTemplateText(p.template, ctx);
    return text !== null && parts !== null && text === raw;
  }
  const m = resolveArnPattern(p, ctx);
  return m?.(raw, parts) === true;
}

/** The matcher for this request's variable values; null when a variable's key is absent. */
export function resolveArnPattern(p: CompiledArnPattern, ctx: ContextValues): ArnMatcher | null {
  if (p.static) return p.static;
  const pieces = resolveTemplate(p.template, ctx);
  if (!pieces) return null;
  let key = "";
  for (const piece of pieces) key += (piece.wild ? "\u0001" : "\u0002") + piece.text;
  const cache = p.cache as Map<string, ArnMatcher>;
  let m = cache.get(key);
  if (!m) {
    m = compileSegments(pieces);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, m);
  }
  return m;
}

export function arnPatternVariables(p: CompiledArnPattern) {
  return templateVariables(p.template);
}
