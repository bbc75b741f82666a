// Verifies a request's SigV4 signature (AWS Signature Version 4, HMAC-SHA256) against the
// secret of the access key it claims, for both the Authorization-header and the presigned
// query forms. Runs on every request, so the steady-state cost is two SHA-256 passes (body,
// canonical request) and one HMAC (string-to-sign); the signing key comes from SigningKeyCache.
// Must not import anything but node:crypto and src/domain.

import { createHmac, hash, timingSafeEqual } from "node:crypto";
import { SignatureDoesNotMatch } from "../../domain/errors/authErrors.ts";
import { buildCanonicalRequest } from "./buildCanonicalRequest.ts";
import { checkSigV4Claim } from "./checkSigV4Claim.ts";
import { SIGV4_ALGORITHM, SIGV4_TERMINATOR } from "./parseSigV4Request.ts";
import { readHeader, type SignedRequest } from "./SignedRequest.ts";
import { deriveSigningKey, type SigningKeyCache } from "./SigningKeyCache.ts";
import type { SigV4Claim } from "./SigV4Claim.ts";

export type { SignedRequest } from "./SignedRequest.ts";
export type { SigV4Claim } from "./SigV4Claim.ts";

const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const SIGNATURE_BYTES = 32;

/**
 * Throws SignatureDoesNotMatch (with AWS's message) unless the request is signed by
 * `secretAccessKey` for the claim's scope, within the clock and expiry limits at `now`.
 * Region and service are not judged here: the server decides which it serves.
 */
export function verifySigV4(
  req: SignedRequest,
  claim: SigV4Claim,
  secretAccessKey: string,
  now: Date,
  cache?: SigningKeyCache,
): void {
  checkSigV4Claim(claim, now);

  // The payload hash is always computed from the body as received, never taken from the
  // client: a declared x-amz-content-sha256 (including UNSIGNED-PAYLOAD) must equal it.
  const payloadHash = req.body.length === 0 ? EMPTY_BODY_SHA256 : hash("sha256", req.body, "hex");
  const declaredHash = readHeader(req, "x-amz-content-sha256");
  if (declaredHash !== undefined && declaredHash.trim().toLowerCase() !== payloadHash) {
    throw new SignatureDoesNotMatch(
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  const canonicalRequest = buildCanonicalRequest(
    req,
    claim.signedHeaders,
    payloadHash,
    claim.form === "query" ? "X-Amz-Signature" : undefined,
  );
  const scope = `${claim.credentialDate}/${claim.region}/${claim.service}/${SIGV4_TERMINATOR}`;
  const stringToSign = `${SIGV4_ALGORITHM}\n${claim.amzDate}\n${scope}\n${hash("sha256", canonicalRequest, "hex")}`;
  const signingKey =
    cache !== undefined
      ? cache.get(secretAccessKey, claim.accessKeyId, claim.credentialDate, claim.region, claim.service)
      : deriveSigningKey(secretAccessKey, claim.credentialDate, claim.region, claim.service);
  const expected = createHmac("sha256", signingKey).update(stringToSign).digest();

  if (!signatureMatches(expected, claim.signature)) throw new SignatureDoesNotMatch();
}

/**
 * Constant-time comparison of the computed signature with the one sent. A malformed signature
 * (wrong length, not lowercase hex) is compared against zeros and then refused, so every path
 * runs one timingSafeEqual over 32 bytes and the timing tells nothing about how close a guess was.
 */
function signatureMatches(expected: Buffer, given: string): boolean {
  const wellFormed = given.length === SIGNATURE_BYTES * 2 && /^[0-9a-f]+$/.test(given);
  const candidate = wellFormed ? Buffer.from(given, "hex") : Buffer.alloc(SIGNATURE_BYTES);
  const equal = timingSafeEqual(expected, candidate);
  return wellFormed && equal;
}
