// Operations that are not signed: AssumeRoleWithWebIdentity and AssumeRoleWithSAML prove who sent
// them by the identity provider's token or assertion in their input, as AWS's SDKs send them
// (no SigV4). The pipeline skips the signature for such an operation and, inside the operation's
// own transaction, asks it to authenticate its input; the caller it returns is then authorized
// like any other (the role's trust policy decides) and recorded in the audit trail.

import type { StoreSession } from "../store/ports.ts";

/**
 * The server's ports that verifying a token needs (an OIDC issuer's signing keys, fetched over
 * the network and cached; operator settings such as accepted SAML audiences). Each kind of
 * federation adds its own member; the server supplies them all.
 */
export interface FederationServices {
  /** Sign-in URLs the operator adds to AWS's own as accepted SAML audiences and recipients. */
  saml?: { readonly audiences: readonly string[] };
}

export interface InputAuthenticationScope {
  /** The session the operation runs in: for a change, its transaction. */
  readonly store: StoreSession;
  readonly now: Date;
  readonly sourceIp: string;
  readonly federation: FederationServices;
}
