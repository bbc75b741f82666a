// Signs a request with SigV4 (Authorization-header form), for Portcullis's own clients: the web
// console signs each page action with its session credential and hands it to the same pipeline
// every AWS client goes through. Built on the verifier's own canonical request and signing key,
// so the two cannot disagree about what a signature covers.
// Must not import anything but node:crypto and src/domain.

import { createHmac, hash } from "node:crypto";
import { buildCanonicalRequest } from "./buildCanonicalRequest.ts";
import { formatAmzDate } from "./formatAmzDate.ts";
import { SIGV4_ALGORITHM, SIGV4_TERMINATOR } from "./parseSigV4Request.ts";
import type { SignedRequest } from "./SignedRequest.ts";
import { deriveSigningKey } from "./SigningKeyCache.ts";

export interface SigningCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The request with x-amz-date, x-amz-security-token (for a session) and Authorization added;
 * every header the request carries is signed. Header names must be lowercase, as Node gives them.
 */
export function signSigV4(
  req: SignedRequest,
  credential: SigningCredential,
  scope: { region: string; service: string },
  now: Date,
): SignedRequest {
  const amzDate = formatAmzDate(now);
  const headers: SignedRequest["headers"] = { ...req.headers, "x-amz-date": amzDate };
  if (credential.sessionToken !== undefined) headers["x-amz-security-token"] = credential.sessionToken;
  const signedHeaders = Object.keys(headers)
    .filter((name) => headers[name] !== undefined)
    .sort();
  const signed = { ...req, headers };
  const payloadHash = hash("sha256", req.body, "hex");
  const canonicalRequest = buildCanonicalRequest(signed, signedHeaders, payloadHash);
  const date = amzDate.slice(0, 8);
  const credentialScope = `${date}/${scope.region}/${scope.service}/${SIGV4_TERMINATOR}`;
  const stringToSign = `${SIGV4_ALGORITHM}\n${amzDate}\n${credentialScope}\n${hash("sha256", canonicalRequest, "hex")}`;
  const key = deriveSigningKey(credential.secretAccessKey, date, scope.region, scope.service);
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  headers.authorization =
    `${SIGV4_ALGORITHM} Credential=${credential.accessKeyId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return signed;
}
