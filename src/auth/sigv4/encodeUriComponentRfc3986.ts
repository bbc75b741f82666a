// Percent-encoding as SigV4 canonicalisation requires (RFC 3986): every byte except the
// unreserved A-Z a-z 0-9 - _ . ~ becomes %XX with uppercase hex, UTF-8 first for non-ASCII.
// Paths are encoded as received (SigV4's "encode twice"); query components are decoded by
// readFormParameters first and then encoded here.
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
