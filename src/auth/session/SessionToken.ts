// Self-contained STS session tokens: everything needed to authenticate a temporary credential
// (its secret, principal, expiry, MFA context, session policy, tags) sealed under the master
// key, so verifying an ASIA key needs no database read.
// Format: standard base64 of Sealer.sealBytes(JSON with short keys, context "sts-session-token"),
// i.e. version (1) | iv (12) | tag (16) | ciphertext: opaque, like AWS's tokens. No compression
// before encryption: part of the plaintext (session policy, tags) is caller-chosen, and
// compressing it next to the secret would let the token's length leak information.
// Pure. Must not import anything but node:crypto and src/domain.

import { InvalidClientTokenId } from "../../domain/errors/authErrors.ts";
import type { Sealer } from "../sealing/Sealer.ts";

export const SESSION_TOKEN_CONTEXT = "sts-session-token";

/** Tokens longer than this are refused before any decoding: AWS's own are at most a few KB. */
export const MAX_SESSION_TOKEN_LENGTH = 16_384;

export type SessionPrincipalType = "root" | "user" | "assumed-role" | "federated-user";

export interface SessionClaims {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  principalType: SessionPrincipalType;
  /** The identity ARN: arn:aws:iam::123:user/alice, or the assumed-role session ARN. */
  principalArn: string;
  principalId: string;
  userName?: string;
  roleId?: string;
  roleName?: string;
  roleArn?: string;
  roleSessionName?: string;
  sourceIdentity?: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
  /** Epoch seconds; present iff MFA was used to obtain the session. */
  mfaAuthenticatedAt?: number;
  mfaSerialNumber?: string;
  sessionPolicy?: string;
  /** Managed session policies by ARN. */
  sessionPolicyArns?: string[];
  sourceAccessKeyId?: string;
  /** The IAM user whose long-term key began the chain. */
  originUserId?: string;
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  /** 1 when a role session opened this one (role chaining). */
  chained?: number;
  /** 1 when console sign-in opened this session (a console session, not GetSessionToken's). */
  console?: number;
  /** The OIDC provider's ARN, for a role session AssumeRoleWithWebIdentity opened (aws:FederatedProvider). */
  federatedProvider?: string;
}

// Short wire keys keep the token small. Changing one breaks every outstanding token: add keys,
// never rename them.
const KEYS = {
  accessKeyId: "k",
  secretAccessKey: "s",
  accountId: "a",
  principalType: "t",
  principalArn: "p",
  principalId: "i",
  userName: "u",
  roleId: "ri",
  roleName: "rn",
  roleArn: "ra",
  roleSessionName: "rs",
  sourceIdentity: "si",
  issuedAt: "ia",
  expiresAt: "ea",
  mfaAuthenticatedAt: "ma",
  mfaSerialNumber: "ms",
  sessionPolicy: "sp",
  sessionPolicyArns: "pa",
  sourceAccessKeyId: "sk",
  originUserId: "ou",
  tags: "tg",
  transitiveTagKeys: "tt",
  chained: "ch",
  console: "cn",
  federatedProvider: "fp",
} as const satisfies Record<keyof SessionClaims, string>;

type Kind = "string" | "number" | "tags" | "keys" | "principalType";
const KINDS: Record<keyof SessionClaims, Kind> = {
  accessKeyId: "string",
  secretAccessKey: "string",
  accountId: "string",
  principalType: "principalType",
  principalArn: "string",
  principalId: "string",
  userName: "string",
  roleId: "string",
  roleName: "string",
  roleArn: "string",
  roleSessionName: "string",
  sourceIdentity: "string",
  issuedAt: "number",
  expiresAt: "number",
  mfaAuthenticatedAt: "number",
  mfaSerialNumber: "string",
  sessionPolicy: "string",
  sessionPolicyArns: "keys",
  sourceAccessKeyId: "string",
  originUserId: "string",
  tags: "tags",
  transitiveTagKeys: "keys",
  chained: "number",
  console: "number",
  federatedProvider: "string",
};
const REQUIRED: ReadonlyArray<keyof SessionClaims> = [
  "accessKeyId",
  "secretAccessKey",
  "accountId",
  "principalType",
  "principalArn",
  "principalId",
  "issuedAt",
  "expiresAt",
];
const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(["root", "user", "assumed-role", "federated-user"]);
const FIELDS = Object.keys(KEYS) as Array<keyof SessionClaims>;

export function encodeSessionToken(claims: SessionClaims, sealer: Sealer): string {
  const wire: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = claims[field];
    if (value !== undefined) wire[KEYS[field]] = value;
  }
  return sealer.sealBytes(JSON.stringify(wire), SESSION_TOKEN_CONTEXT).toString("base64");
}

/**
 * Opens and checks a token. Anything wrong (not base64, tampered, sealed under another key or
 * for another purpose, missing or mistyped fields) is InvalidClientTokenId with AWS's fixed
 * message; the reason is not told to the caller. Expiry is not checked here: see isExpired.
 * Pass the request's access key id as `expectedAccessKeyId`: a token is only valid with the
 * ASIA key it was issued with, or someone holding one session's secret could present it with
 * another session's token and be taken for that session's principal.
 */
export function decodeSessionToken(
  token: string,
  sealer: Sealer,
  expectedAccessKeyId?: string,
): SessionClaims {
  if (
    token.length === 0 ||
    token.length > MAX_SESSION_TOKEN_LENGTH ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(token)
  ) {
    throw new InvalidClientTokenId();
  }
  let wire: unknown;
  try {
    wire = JSON.parse(
      sealer.unsealBytes(Buffer.from(token, "base64"), SESSION_TOKEN_CONTEXT).toString("utf8"),
    );
  } catch {
    throw new InvalidClientTokenId();
  }
  const claims = fromWire(wire);
  if (claims === null) throw new InvalidClientTokenId();
  if (expectedAccessKeyId !== undefined && claims.accessKeyId !== expectedAccessKeyId)
    throw new InvalidClientTokenId();
  return claims;
}

/** True once `now` has reached the session's expiry (AWS's Expiration is exclusive). */
export function isExpired(claims: SessionClaims, now: Date): boolean {
  return now.getTime() >= claims.expiresAt * 1000;
}

function fromWire(wire: unknown): SessionClaims | null {
  if (typeof wire !== "object" || wire === null || Array.isArray(wire)) return null;
  const source = wire as Record<string, unknown>;
  const claims: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = source[KEYS[field]];
    if (value === undefined) continue;
    if (!hasKind(value, KINDS[field])) return null;
    claims[field] = value;
  }
  for (const field of REQUIRED) if (claims[field] === undefined) return null;
  return claims as unknown as SessionClaims;
}

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "principalType":
      return typeof value === "string" && PRINCIPAL_TYPES.has(value);
    case "keys":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "tags":
      return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((item) => typeof item === "string")
      );
  }
}
