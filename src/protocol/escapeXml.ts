// Escapes text for an XML 1.0 element body or attribute. Characters XML 1.0 cannot carry at all
// (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped: no escape can
// represent them and a client's XML parser would reject the whole response. CR is written as a
// character reference because a parser would otherwise normalise it to LF.
// Pure: imports nothing.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML 1.0 forbids is the point
const needsWork = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const special =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the control characters XML 1.0 forbids is the point
  /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#xD;",
};

export function escapeXml(text: string): string {
  // Most values (names, ids, ARNs) need nothing; skip the replace and its allocation for them.
  if (!needsWork.test(text)) return text;
  return text.replace(special, (c) => entities[c] ?? "");
}
