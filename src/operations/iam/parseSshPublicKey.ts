// Reads an SSH public key in the forms UploadSSHPublicKey accepts: the OpenSSH one-line form
// (`ssh-rsa AAAA… comment`), the SSH2 form of RFC 4716 (`---- BEGIN SSH2 PUBLIC KEY ----`), and a
// PEM public key (SPKI or PKCS#1). AWS takes only RSA keys of at least 2048 bits. The result is
// the key in both of GetSSHPublicKey's encodings and its fingerprint: the MD5 of the SSH wire blob,
// as colon-separated hex, as AWS shows it.

import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { InvalidPublicKey, UnrecognizedPublicKeyEncoding } from "../../domain/errors/iamErrors.ts";
import { MIN_SSH_RSA_BITS } from "../../domain/SshPublicKey.ts";

export interface ParsedSshPublicKey {
  /** `ssh-rsa <base64 blob>`, without the comment. */
  readonly sshBody: string;
  /** `-----BEGIN PUBLIC KEY-----` (SPKI). */
  readonly pemBody: string;
  readonly fingerprint: string;
}

const SSH_RSA = "ssh-rsa";
const RFC4716 = /^---- BEGIN SSH2 PUBLIC KEY ----\r?\n([\s\S]*?)\r?\n---- END SSH2 PUBLIC KEY ----\s*$/;
const PEM = /^-----BEGIN (RSA )?PUBLIC KEY-----[\s\S]+-----END (RSA )?PUBLIC KEY-----\s*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function invalid(): InvalidPublicKey {
  // AWS wording unconfirmed
  return new InvalidPublicKey("The SSH public key is malformed or otherwise invalid.");
}

/** The wire blob of an RSA key: string "ssh-rsa", mpint e, mpint n (RFC 4253 §6.6). */
function blobOf(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  const field = (b: Buffer) => Buffer.concat([u32(b.length), b]);
  // An mpint is two's complement: a leading zero keeps a set high bit from reading as negative.
  const mpint = (b64url: string | undefined) => {
    const raw = Buffer.from(b64url ?? "", "base64url");
    return field((raw[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), raw]) : raw);
  };
  return Buffer.concat([field(Buffer.from(SSH_RSA)), mpint(jwk.e), mpint(jwk.n)]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** The RSA key a wire blob holds; only ssh-rsa, exactly three fields, nothing after them. */
function keyOfBlob(blob: Buffer): KeyObject {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) throw invalid();
    const len = blob.readUInt32BE(at);
    if (at + 4 + len > blob.length) throw invalid();
    fields.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  const [type, e, n] = fields;
  if (fields.length !== 3 || !type || !e || !n) throw invalid();
  // AWS wording unconfirmed: AWS takes RSA keys only.
  if (type.toString("latin1") !== SSH_RSA) throw invalid();
  const unsigned = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    return b.subarray(i).toString("base64url");
  };
  try {
    return createPublicKey({ key: { kty: "RSA", e: unsigned(e), n: unsigned(n) }, format: "jwk" });
  } catch {
    throw invalid();
  }
}

function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, "");
  if (!BASE64.test(compact)) throw invalid();
  return Buffer.from(compact, "base64");
}

/** The base64 body of an RFC 4716 key: header lines (`Tag: value`, `\`-continued) dropped. */
function rfc4716Body(inner: string): string {
  const lines = inner.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && /^[^:\s]{1,64}:/.test(lines[i] ?? "")) {
    while ((lines[i] ?? "").endsWith("\\")) i++;
    i++;
  }
  return lines.slice(i).join("");
}

function keyOf(body: string): KeyObject {
  const text = body.trim();
  if (text.startsWith(`${SSH_RSA} `)) {
    const [, data] = text.split(/\s+/);
    return keyOfBlob(decodeBase64(data ?? ""));
  }
  const ssh2 = RFC4716.exec(text);
  if (ssh2) return keyOfBlob(decodeBase64(rfc4716Body(ssh2[1] ?? "")));
  if (PEM.test(text)) {
    let key: KeyObject;
    try {
      key = createPublicKey(text);
    } catch {
      throw invalid();
    }
    if (key.asymmetricKeyType !== "rsa") throw invalid();
    return key;
  }
  // AWS wording unconfirmed
  throw new UnrecognizedPublicKeyEncoding(
    "The public key encoding format is unsupported or unrecognized. Use ssh-rsa or PEM format.",
  );
}

export function parseSshPublicKey(body: string): ParsedSshPublicKey {
  const key = keyOf(body);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_SSH_RSA_BITS) {
    // AWS wording unconfirmed
    throw new InvalidPublicKey(`The SSH public key must be at least ${MIN_SSH_RSA_BITS} bits long.`);
  }
  const blob = blobOf(key);
  const md5 = createHash("md5").update(blob).digest("hex");
  return {
    sshBody: `${SSH_RSA} ${blob.toString("base64")}`,
    pemBody: String(key.export({ format: "pem", type: "spki" })).trimEnd(),
    fingerprint: md5.match(/../g)?.join(":") ?? md5,
  };
}
