// Decoding the generated AWS-managed policy documents (src/generated/aws-managed-policies/): a
// policy's newest version is stored minified and each older one as a token delta against the next
// newer, the form codegen/diffTokens.ts writes. Pure; imports nothing.

/** The tokens a delta works on: the document printed one value per line, unindented. */
function tokensOf(document: unknown): string[] {
  return JSON.stringify(document, null, 1)
    .split("\n")
    .map((line) => line.trimStart());
}

/** Applies one delta (`=N` copy, `-N` skip, `+TOKEN` insert; the rest of the base is copied). */
function applyDelta(base: readonly string[], delta: string): string[] {
  const out: string[] = [];
  let at = 0;
  if (delta !== "") {
    for (const line of delta.split("\n")) {
      const op = line[0];
      if (op === "+") out.push(line.slice(1));
      else if (op === "=") {
        const count = Number(line.slice(1));
        for (let i = 0; i < count; i++) out.push(base[at + i] as string);
        at += count;
      } else if (op === "-") at += Number(line.slice(1));
      else throw new Error(`corrupt AWS-managed policy delta line ${JSON.stringify(line)}`);
    }
  }
  for (; at < base.length; at++) out.push(base[at] as string);
  return out;
}

/**
 * The document of the version at `index` of `encoded` (newest first), parsed. Walks the deltas
 * from the newest down, so an old version costs one pass per version in between.
 */
export function decodeAwsManagedPolicyDocument(encoded: readonly string[], index: number): unknown {
  const newest = encoded[0];
  if (newest === undefined || index < 0 || index >= encoded.length)
    throw new RangeError(`no encoded version ${index}`);
  const document: unknown = JSON.parse(newest);
  if (index === 0) return document;
  let tokens = tokensOf(document);
  for (let i = 1; i <= index; i++) tokens = applyDelta(tokens, encoded[i] as string);
  return JSON.parse(tokens.join(""));
}
