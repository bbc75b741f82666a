// The parts of an HTTP request that SigV4 covers, as the server hands them to src/auth/sigv4.
// Must not import anything but src/domain.

export interface SignedRequest {
  method: string;
  /** The raw path as received, without the query; still percent-encoded. */
  path: string;
  /** The raw query string without '?', as received; may be "". */
  query: string;
  /** Node's lowercase header map. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A header's value; repeated headers (node gives an array for some) are joined with ',' as SigV4 does. */
export function readHeader(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.join(",");
}
