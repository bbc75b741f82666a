// Operations that are not signed: AssumeRoleWithWebIdentity and AssumeRoleWithSAML prove who sent
// them by the identity provider's token or assertion in their input, as AWS's SDKs send them
// (no SigV4). The pipeline skips the signature for such an operation and, before the operation's
// transaction opens, asks it to authenticate its input; the caller it returns is then authorized
// like any other (the role's trust policy decides) and recorded in the audit trail.

import type { StoreSession } from "../store/ports.ts";
import type { OidcFederation } from "./sts/OidcKeySource.ts";

/**
 * The server's ports that verifying a token needs (an OIDC issuer's signing keys, fetched over
 * the network and cached; operator settings such as accepted SAML audiences). Each kind of
 * federation adds its own member; the server supplies them all.
 */
export interface FederationServices {
  /** OIDC: the issuers' signing keys, and whether loopback http issuers are allowed. */
  readonly oidc?: OidcFederation;
  /** Sign-in URLs the operator adds to AWS's own as accepted SAML audiences and recipients. */
  readonly saml?: { readonly audiences: readonly string[] };
}

export interface InputAuthenticationScope {
  /**
   * The store itself, not the operation's transaction: verifying may wait on the network, and no
   * transaction is held open meanwhile. What must be recorded atomically with the change (a SAML
   * assertion's id, spent) is recorded by `execute`, in the transaction.
   */
  readonly store: StoreSession;
  readonly now: Date;
  readonly sourceIp: string;
  readonly federation: FederationServices;
}
