// The one decoding of a query string or form body into parameters, used by everything that
// reads one: the canonical request (what the signature covers), the presigned claim, and the
// operation's input. One decoder means a signature can never be valid for one reading of the
// bytes while the operation acts on another (a '+' read as '+' by the signer and as ' ' by the
// parser was exactly such a split). It is WHATWG's application/x-www-form-urlencoded parser:
// '+' is a space, %XX a byte, a stray '%' itself, invalid UTF-8 U+FFFD.
// Must not import anything but src/domain.

export function readFormParameters(raw: string): URLSearchParams {
  return new URLSearchParams(raw);
}

/** The first name that occurs more than once, if any: such a request has two readings. */
export function repeatedParameter(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
