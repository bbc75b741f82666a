// Opaque pagination markers: the sort key of the last item returned, base64url-encoded so callers
// treat it as a token. A marker that does not decode is refused by the caller as InvalidInput.

export function encodeMarker(sortKey: string): string {
  return Buffer.from(sortKey, "utf8").toString("base64url");
}

export function decodeMarker(marker: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) return undefined;
  return Buffer.from(marker, "base64url").toString("utf8");
}
