// The port through which AssumeRoleWithWebIdentity gets an OIDC issuer's signing keys: the
// server implements it over the network (discovery document → jwks_uri → JWKS), with a timeout,
// a size cap and a cache. Handlers see only the key set, or a typed failure to map to AWS's error.

import type { JSONWebKeySet } from "jose";

export interface OidcKeySource {
  /**
   * The issuer's current key set. `kid` is the key the token names: when the cached set lacks it,
   * the source may fetch again (at a bounded rate), so a key rotation at the issuer is picked up.
   */
  signingKeys(issuer: string, options: { kid?: string }): Promise<JSONWebKeySet>;
}

/**
 * Why keys could not be had: `unreachable` (network error, timeout, 5xx: AWS's
 * IDPCommunicationError) or `invalid` (the issuer answered, but not with a usable document).
 */
export class OidcKeySourceError extends Error {
  constructor(
    readonly kind: "unreachable" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

export interface OidcFederation {
  readonly keys: OidcKeySource;
  /** `--allow-http-oidc-issuers`: accept `http://` issuers on loopback hosts (tests, local IdPs). */
  readonly allowHttpLoopbackIssuers: boolean;
}
