// The account password policy's AllowUsersToChangePassword, as AWS applies it: when it is on, every
// IAM user may change its own password (iam:ChangePassword on its own user) without an identity
// policy granting it. It only fills the gap that no identity policy allows: an explicit Deny still
// wins, and so does a permissions boundary or session policy that does not allow the action (they
// cap what the user may do, whatever grants it). Role sessions and federated users have no
// password to change, so only the IAM user itself, with its own credentials, benefits.
//
// Pure: ChangePassword supplies the account's setting, read in its own transaction.

import type { CallerIdentity } from "../../domain/Principal.ts";
import type { Decision } from "../../policy/index.ts";

export interface OwnPasswordChangeFacts {
  /** The account password policy's AllowUsersToChangePassword (false when there is no policy). */
  readonly allowUsersToChangePassword: boolean;
}

/** True when the setting turns this refusal of the caller's own password change into an allow. */
export function allowsOwnPasswordChange(
  caller: CallerIdentity,
  request: { action: string; resource: string },
  decision: Decision,
  facts: OwnPasswordChangeFacts | undefined,
): boolean {
  if (!facts?.allowUsersToChangePassword) return false;
  if (decision.decision !== "ImplicitlyDenied" || decision.blockedBy !== "identity") return false;
  if (request.action.toLowerCase() !== "iam:changepassword") return false;
  return caller.type === "IAMUser" && request.resource === caller.arn;
}
