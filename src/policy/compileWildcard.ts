/**
 * Wildcard patterns (`*` any run of characters, `?` any one character) as used by Action,
 * Resource, StringLike and ArnLike, compiled once into plain string operations: no RegExp is
 * built per request, and patterns whose text comes from policy variables are matched by the
 * same code (a substituted value is literal text, never a wildcard).
 *
 * Pure: imports nothing.
 */

/** A piece of pattern text: `wild` text treats `*`/`?` as wildcards, other text is literal. */
export interface PatternPiece {
  text: string;
  wild: boolean;
}

/** A run of characters between stars; `mask[i]` is 1 where a `?` wildcard stands. */
interface Chunk {
  text: string;
  mask: Uint8Array | null;
}

/** Matches the whole of a string (already case-folded by the caller when matching case-insensitively). */
export type WildcardMatcher = (s: string) => boolean;

const ANY: WildcardMatcher = () => true;

/** Compiles pattern text in which every `*` and `?` is a wildcard. */
export function compileWildcard(pattern: string, caseInsensitive = false): WildcardMatcher {
  return compilePieces([{ text: caseInsensitive ? pattern.toLowerCase() : pattern, wild: true }]);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** Compiles a pattern made of wildcard and literal pieces. */
export function compilePieces(pieces: readonly PatternPiece[]): WildcardMatcher {
  // Split into chunks separated by stars.
  const chunks: Chunk[] = [];
  let text = "";
  let mask: number[] = [];
  let hasQ = false;
  let stars = 0;
  for (const piece of pieces) {
    if (!piece.wild) {
      text += piece.text;
      for (let i = 0; i < piece.text.length; i++) mask.push(0);
      continue;
    }
    for (const ch of piece.text) {
      if (ch === "*") {
        chunks.push(makeChunk(text, mask, hasQ));
        text = "";
        mask = [];
        hasQ = false;
        stars++;
      } else if (ch === "?") {
        text += "?";
        mask.push(1);
        hasQ = true;
      } else {
        text += ch;
        for (let i = 0; i < ch.length; i++) mask.push(0);
      }
    }
  }
  chunks.push(makeChunk(text, mask, hasQ));

  if (stars === 0) {
    const only = chunks[0] as Chunk;
    if (!only.mask) {
      const exact = only.text;
      return (s) => s === exact;
    }
    return (s) => s.length === only.text.length && chunkAt(s, 0, only);
  }
  const first = chunks[0] as Chunk;
  const last = chunks[chunks.length - 1] as Chunk;
  const middle = chunks.slice(1, -1).filter((c) => c.text.length > 0);
  if (first.text === "" && last.text === "" && middle.length === 0) return ANY;
  const minLength = first.text.length + last.text.length + middle.reduce((n, c) => n + c.text.length, 0);

  if (middle.length === 0 && !first.mask && !last.mask) {
    const head = first.text;
    const tail = last.text;
    if (tail === "") return (s) => s.startsWith(head);
    if (head === "") return (s) => s.endsWith(tail);
    return (s) => s.length >= minLength && s.startsWith(head) && s.endsWith(tail);
  }
  if (middle.length === 1 && first.text === "" && last.text === "" && !(middle[0] as Chunk).mask) {
    const inner = (middle[0] as Chunk).text;
    return (s) => s.includes(inner);
  }
  return (s) => {
    if (s.length < minLength) return false;
    if (!chunkAt(s, 0, first)) return false;
    const end = s.length - last.text.length;
    if (!chunkAt(s, end, last)) return false;
    let pos = first.text.length;
    // Fixed-length chunks between stars: the leftmost placement of each is always safe.
    for (const c of middle) {
      const found = findChunk(s, pos, end, c);
      if (found < 0) return false;
      pos = found + c.text.length;
    }
    return pos <= end;
  };
}

function makeChunk(text: string, mask: number[], hasQ: boolean): Chunk {
  return { text, mask: hasQ ? Uint8Array.from(mask) : null };
}

function chunkAt(s: string, at: number, c: Chunk): boolean {
  const t = c.text;
  if (!c.mask) return s.startsWith(t, at);
  if (at + t.length > s.length) return false;
  const m = c.mask;
  for (let i = 0; i < t.length; i++) {
    if (m[i] === 0 && s.charCodeAt(at + i) !== t.charCodeAt(i)) return false;
  }
  return true;
}

function findChunk(s: string, from: number, limit: number, c: Chunk): number {
  if (!c.mask) {
    const i = s.indexOf(c.text, from);
    return i >= 0 && i + c.text.length <= limit ? i : -1;
  }
  for (let i = from; i + c.text.length <= limit; i++) if (chunkAt(s, i, c)) return i;
  return -1;
}
