// Turns a service model's `pattern` (a Java regular expression, matched by AWS against the whole
// value) into an anchored JavaScript RegExp with the `u` flag. Called once per shape when a model is
// compiled, never per request.
// Pure: imports nothing.

const hex = /^[0-9A-Fa-f]$/;
// The characters that `\` may escape in a `u`-mode RegExp; any other escaped punctuation is a
// syntax error there, while Java reads it as the literal character.
const syntaxCharacters = new Set([..."^$\\.*+?()[]{}|/"]);

/**
 * Differences handled:
 * - `\uXXXX` is kept; a run of 5 or 6 hex digits naming a supplementary code point (the STS model
 *   writes `\u10000-\u10FFFF`) becomes `\u{…}`. Java would read `\u1000` followed by `0`, which
 *   is clearly not what the model's authors meant: they mean "any code point up to U+10FFFF".
 * - Escaped punctuation that is not a JS syntax character (`\:`; `\-` outside a class) loses its
 *   backslash, which is what it means in Java.
 * - `\p{L}`, `\p{Z}`, `\p{N}` need the `u` flag, which every pattern gets.
 * - AWS uses Java's `matches()`, a whole-value match, so the result is wrapped in `^(?:…)$`.
 */
export function translateJavaPattern(pattern: string): RegExp {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) throw new SyntaxError(`pattern ends with a backslash: ${pattern}`);
      if (next === "u") {
        let digits = 0;
        while (digits < 6 && hex.test(pattern[i + 2 + digits] ?? "")) digits++;
        const code = Number.parseInt(pattern.slice(i + 2, i + 2 + digits), 16);
        if (digits >= 5 && code >= 0x10000 && code <= 0x10ffff) {
          out += `\\u{${code.toString(16).toUpperCase()}}`;
          i += 1 + digits;
          continue;
        }
        out += "\\u";
        i += 1;
        continue;
      }
      if (/[A-Za-z0-9]/.test(next) || syntaxCharacters.has(next) || (next === "-" && inClass)) {
        out += c + next;
      } else {
        out += next;
      }
      i += 1;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return new RegExp(`^(?:${out})$`, "u");
}
