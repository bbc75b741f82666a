// Verifies the token of an AssumeRoleWithWebIdentity call, as strictly as AWS and no less: the
// provider is the one the role's account registered for the token's `iss` (exactly that issuer);
// the signature is checked with `jose` against the issuer's published keys, asymmetric algorithms
// only (never `none`, never an HMAC that a public key could be abused as the secret of); `exp`
// and `nbf` with AWS's five-minute allowance for clock skew, and an `iat` no later than that.
// Every failure is one of AWS's errors, mapped from jose's error codes in one table, never by
// message text.

import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload, jwtVerify } from "jose";
import {
  ExpiredTokenException,
  IDPCommunicationError,
  InvalidIdentityToken,
} from "../../domain/errors/stsErrors.ts";
import { type OidcProvider, oidcProviderArn, parseIssuerUrl } from "../../domain/OidcProvider.ts";
import type { StoreSession } from "../../store/ports.ts";
import { type OidcFederation, OidcKeySourceError } from "./OidcKeySource.ts";

/** Signature algorithms a token may use: RSA, RSA-PSS and ECDSA. */
export const WEB_IDENTITY_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
] as const;

/** OIDC Core allows for clock skew; AWS allows five minutes past `exp` (id_roles_providers_oidc). */
export const CLOCK_SKEW_SECONDS = 300;

// AWS wording unconfirmed (observed in AWS's answers for tokens that are not JWTs).
const NOT_A_JWT =
  "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)";
// Observed AWS wording, double space included.
const NO_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

export interface VerifiedWebIdentity {
  readonly provider: OidcProvider;
  readonly payload: JWTPayload;
}

/** The token's claims without checking anything; undefined when it is not a JWT at all. */
export function peekWebIdentityToken(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** jose's failures → AWS's errors. */
function refusalOf(err: unknown, now: Date): Error {
  const e = err as { code?: string; claim?: string; reason?: string; payload?: JWTPayload };
  switch (e.code) {
    case "ERR_JWT_EXPIRED":
      // Observed AWS wording, the missing space included.
      return new ExpiredTokenException(
        `Token expired: current date/time ${seconds(now)} must be before the expiration date/time${e.payload?.exp ?? ""}`,
      );
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (e.reason === "missing") return new InvalidIdentityToken(`Missing a required claim: ${e.claim}`);
      // AWS wording unconfirmed
      if (e.claim === "nbf") return new InvalidIdentityToken("Token is not yet valid (nbf)");
      // AWS wording unconfirmed
      return new InvalidIdentityToken(`The ${e.claim} claim of the token is not valid`);
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      // AWS wording unconfirmed
      return new InvalidIdentityToken("Invalid signature of the ID Token");
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return new InvalidIdentityToken(NO_KEY);
    default:
      // ERR_JOSE_ALG_NOT_ALLOWED, ERR_JWS_INVALID, ERR_JWT_INVALID, ERR_JOSE_NOT_SUPPORTED, a
      // key jose cannot import, anything else: the token is not one AWS would accept.
      return new InvalidIdentityToken(NOT_A_JWT);
  }
}

export async function verifyWebIdentityToken(
  token: string,
  scope: { store: StoreSession; now: Date; accountId: string; oidc: OidcFederation | undefined },
): Promise<VerifiedWebIdentity> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    throw new InvalidIdentityToken(NOT_A_JWT);
  }
  if (typeof claims.iss !== "string" || claims.iss === "")
    throw new InvalidIdentityToken("Missing a required claim: iss");
  const iss = claims.iss;
  const notFound = new InvalidIdentityToken(`No OpenIDConnect provider found in your account for ${iss}`);
  const url = parseIssuerUrl(iss, { allowHttpLoopback: scope.oidc?.allowHttpLoopbackIssuers ?? false });
  if (!url) throw notFound;
  const provider = await scope.store.oidcProviders.get(oidcProviderArn(scope.accountId, url.resource));
  if (!provider || provider.issuer !== iss) throw notFound;

  // Refused before any key is fetched: nothing about an unsigned or HMAC token is worth a request.
  if (!WEB_IDENTITY_ALGORITHMS.includes(header.alg as (typeof WEB_IDENTITY_ALGORITHMS)[number]))
    throw new InvalidIdentityToken(NOT_A_JWT);
  if (!scope.oidc) throw new IDPCommunicationError(`Couldn't reach the identity provider ${iss}`);

  let keys: Awaited<ReturnType<OidcFederation["keys"]["signingKeys"]>>;
  try {
    keys = await scope.oidc.keys.signingKeys(
      provider.issuer,
      header.kid !== undefined ? { kid: header.kid } : {},
    );
  } catch (err) {
    if (!(err instanceof OidcKeySourceError)) throw err;
    // AWS wording unconfirmed (unreachable)
    if (err.kind === "unreachable")
      throw new IDPCommunicationError(`Couldn't reach the identity provider ${iss}`);
    throw new InvalidIdentityToken(NO_KEY);
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(keys), {
      algorithms: [...WEB_IDENTITY_ALGORITHMS],
      issuer: provider.issuer,
      currentDate: scope.now,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp"],
    }));
  } catch (err) {
    throw refusalOf(err, scope.now);
  }
  if (typeof payload.iat === "number" && payload.iat > seconds(scope.now) + CLOCK_SKEW_SECONDS)
    // AWS wording unconfirmed
    throw new InvalidIdentityToken("Token used before it was issued (iat)");
  return { provider, payload };
}
