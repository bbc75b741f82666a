// What the audit record of an MFA change says about *how* it was made: the credential that signed
// it (console session, long-term access key, temporary credentials with or without MFA) and
// whether the caller acted on their own MFA or on another user's. `portcullis audit mfa` reads
// these facts to flag the associations a security team should review.

import type { MfaOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";

export type MfaAuthenticationMechanism =
  | "ConsoleSession"
  | "LongTermAccessKey"
  | "TemporaryCredentialsWithMFA"
  | "TemporaryCredentialsWithoutMFA"
  | "IdentityProviderToken";

export type MfaActedOn = "Self" | "AnotherUser" | "NoUser";

export function mfaAuthenticationMechanism(caller: CallerIdentity): MfaAuthenticationMechanism {
  switch (caller.credential.kind) {
    case "console":
      return "ConsoleSession";
    case "long-term-key":
      return "LongTermAccessKey";
    case "identity-token":
      return "IdentityProviderToken";
    case "session":
      return caller.credential.mfaAuthenticatedAt
        ? "TemporaryCredentialsWithMFA"
        : "TemporaryCredentialsWithoutMFA";
  }
}

/** True when `owner` is the caller itself (a user on their own devices, root on root's). */
export function actsOnSelf(caller: CallerIdentity, owner: MfaOwner): boolean {
  if (owner.kind === "root") return caller.type === "Root";
  return caller.type === "IAMUser" && caller.userId === owner.userId;
}

/** Writes the mechanism facts into the audit details; call before anything can fail. */
export function describeMfaAuthentication(
  details: Record<string, unknown>,
  caller: CallerIdentity,
  now: Date,
  target?: { owner: MfaOwner; arn: string },
): void {
  details.mfaAuthentication = mfaAuthenticationMechanism(caller);
  // CloudTrail's eventTime has whole seconds; this orders changes made within one second.
  details.requestTime = now.toISOString();
  if (caller.credential.mfaAuthenticatedAt)
    details.mfaAuthenticatedAt = caller.credential.mfaAuthenticatedAt.toISOString();
  details.actedOn = target ? (actsOnSelf(caller, target.owner) ? "Self" : "AnotherUser") : "NoUser";
  if (target) details.targetArn = target.arn;
}
