// SigV4 task 1, the canonical request, as the AWS SigV4 documentation specifies it for every
// service but S3:
//   METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload
// Built from the request exactly as received; any difference from what the client signed is
// a signature mismatch, which is the point.
// Must not import anything but node:crypto and src/domain.

import { encodeUriComponentRfc3986 } from "./encodeUriComponentRfc3986.ts";
import { readFormParameters } from "./readFormParameters.ts";
import type { SignedRequest } from "./SignedRequest.ts";

/**
 * The path normalised per RFC 3986 (empty, "." and ".." segments removed), then each segment
 * encoded once more: the raw path is already encoded once, so this is SigV4's double encoding
 * for non-S3 services. "" and "/" both give "/"; a trailing '/' is kept.
 */
export function canonicalUri(rawPath: string): string {
  if (rawPath === "/" || rawPath === "") return "/";
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(encodeUriComponentRfc3986(segment));
  }
  if (segments.length === 0) return "/";
  return `/${segments.join("/")}${rawPath.endsWith("/") ? "/" : ""}`;
}

/**
 * Parameters as readFormParameters decodes them (the same reading the operation gets), each
 * encoded canonically, sorted by key, then by value (byte order: the encoded strings are
 * ASCII). `exclude` drops a parameter by its name: X-Amz-Signature in the presigned form, which
 * cannot sign itself.
 */
export function canonicalQueryString(rawQuery: string, exclude?: string): string {
  if (rawQuery === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of readFormParameters(rawQuery)) {
    if (name === exclude) continue;
    pairs.push([encodeUriComponentRfc3986(name), encodeUriComponentRfc3986(value)]);
  }
  if (pairs.length > 1) {
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
  let out = "";
  for (const [key, value] of pairs) out += out === "" ? `${key}=${value}` : `&${key}=${value}`;
  return out;
}

const INNER_WHITESPACE = /\s{2,}|[\t\r\n\f\v]/;

/** "name:value\n" for each signed header: value trimmed, inner whitespace runs collapsed to one space. */
export function canonicalHeaders(
  headers: SignedRequest["headers"],
  signedHeaders: readonly string[],
): string {
  let out = "";
  for (const name of signedHeaders) {
    const raw = headers[name];
    // Repeated headers are joined with ',' (SigV4); a signed header the request lacks is empty,
    // which will not match what the client signed.
    const value =
      raw === undefined
        ? ""
        : typeof raw === "string"
          ? canonicalValue(raw)
          : raw.map(canonicalValue).join(",");
    out += `${name}:${value}\n`;
  }
  return out;
}

function canonicalValue(value: string): string {
  const trimmed = value.trim();
  return INNER_WHITESPACE.test(trimmed) ? trimmed.replace(/\s+/g, " ") : trimmed;
}

export function buildCanonicalRequest(
  req: SignedRequest,
  signedHeaders: readonly string[],
  payloadHash: string,
  excludeQueryParameter?: string,
): string {
  return (
    `${req.method.toUpperCase()}\n` +
    `${canonicalUri(req.path)}\n` +
    `${canonicalQueryString(req.query, excludeQueryParameter)}\n` +
    `${canonicalHeaders(req.headers, signedHeaders)}\n` +
    `${signedHeaders.join(";")}\n` +
    payloadHash
  );
}
