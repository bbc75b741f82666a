// Percent-encoding as SigV4 canonicalisation requires (RFC 3986): every byte except the
// unreserved A-Z a-z 0-9 - _ . ~ becomes %XX with uppercase hex, UTF-8 first for non-ASCII.
// Works on the raw text of a URL, so SigV4's "encode twice" for paths and "decode, then encode"
// for query components are both exact, whatever escaping quirks the client used.
// Must not import anything but src/domain.

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const HEX = "0123456789ABCDEF";

function isUnreservedByte(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || // A-Z
    (b >= 0x61 && b <= 0x7a) || // a-z
    (b >= 0x30 && b <= 0x39) || // 0-9
    b === 0x2d || // -
    b === 0x2e || // .
    b === 0x5f || // _
    b === 0x7e // ~
  );
}

function escapeByte(b: number): string {
  return `%${HEX[b >> 4]}${HEX[b & 15]}`;
}

/** Encodes `text` as is: a '%' already in it becomes %25 (SigV4's second encoding of a path segment). */
export function encodeUriComponentRfc3986(text: string): string {
  if (UNRESERVED.test(text)) return text;
  let out = "";
  for (const b of Buffer.from(text, "utf8"))
    out += isUnreservedByte(b) ? String.fromCharCode(b) : escapeByte(b);
  return out;
}

/**
 * Normalises one raw, already-escaped query component: %XX escapes are decoded to their byte,
 * then every byte is encoded canonically (so %7e becomes ~ and %2f becomes %2F). A '%' not
 * followed by two hex digits is a literal '%'. A '+' is a literal plus (%2B), as the AWS SDKs
 * encode a space as %20, never '+'.
 */
export function canonicalizeQueryComponent(raw: string): string {
  if (UNRESERVED.test(raw)) return raw;
  const bytes = Buffer.from(raw, "utf8");
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    let b = bytes[i] as number;
    if (b === 0x25 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      b = Number.parseInt(String.fromCharCode(bytes[i + 1] as number, bytes[i + 2] as number), 16);
      i += 2;
    }
    out += isUnreservedByte(b) ? String.fromCharCode(b) : escapeByte(b);
  }
  return out;
}

function isHex(b: number | undefined): boolean {
  return (
    b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66))
  );
}

/** Decodes a query component for reading a value (X-Amz-Credential…); '+' stays '+'. Null if not valid UTF-8. */
export function decodeQueryComponent(raw: string): string | null {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
