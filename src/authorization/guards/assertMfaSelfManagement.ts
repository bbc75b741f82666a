// The April 2023 remediation, built in (not a policy, and no switch turns it off): a principal
// that already has one or more MFA devices may enable or deactivate MFA devices on *itself* only
// with MFA-authenticated credentials, i.e. temporary credentials from sts:GetSessionToken opened
// with a code from one of its existing devices (or a console session signed in with MFA).
// Otherwise a long-term access key alone would be worth as much as the key and an MFA device
// together: with it, a second device could be added and then used to satisfy
// aws:MultiFactorAuthPresent.
//
// - A principal with no device yet may enable its first with a long-term key (policy permitting):
//   that is how a user gets started.
// - Acting on *another* user is governed by policy alone. A role session opened from a user's
//   own long-term key without MFA is that user acting on itself, not another principal: the
//   chain's origin counts, so assuming a role cannot launder the key.
// - The root principal is guarded too: root with a device and a long-term key cannot add or
//   remove its own devices. Root's long-term keys are the most dangerous credential an account
//   has, so the safe choice is the same rule.
//
// Pure: the operation supplies the facts (read inside its transaction, so the device count is the
// one the change is made against); the authorize step runs the guard after policy.

import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import type { MfaOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";

/** What the guard needs to know about the devices an MFA change is about. */
export interface MfaSelfManagementFacts {
  readonly owner: MfaOwner;
  /** The owner's devices assigned now, before the change. */
  readonly assignedDevices: number;
}

/** True when `owner` is the caller itself, or the user whose long-term key began the caller's chain. */
export function actsOnOwnMfa(caller: CallerIdentity, owner: MfaOwner): boolean {
  if (owner.kind === "root") return caller.type === "Root";
  if (caller.type === "IAMUser" && caller.userId === owner.userId) return true;
  return caller.credential.originUserId === owner.userId;
}

export function assertMfaSelfManagement(
  caller: CallerIdentity,
  action: string,
  resource: string,
  facts: MfaSelfManagementFacts,
): void {
  if (!actsOnOwnMfa(caller, facts.owner)) return;
  if (caller.credential.mfaAuthenticatedAt) return;
  if (facts.assignedDevices === 0) return;
  throw new AccessDenied(
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ` +
      "because the caller already has an MFA device and the request was not authenticated with MFA. " +
      "To enable or deactivate MFA devices for yourself, first call sts:GetSessionToken with the " +
      "SerialNumber and TokenCode of an existing MFA device, then sign the request with the " +
      "temporary credentials it returns.",
  );
}
