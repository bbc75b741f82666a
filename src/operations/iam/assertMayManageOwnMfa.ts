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
// - Acting on *another* user is governed by policy alone.
// - The root principal is guarded too: root with a device and a long-term key cannot add or
//   remove its own devices. Root's long-term keys are the most dangerous credential an account
//   has, so the safe choice is the same rule.
//
// Called after authorization, inside the operation's transaction, so the device count it reads
// is the one the change is made against.

import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import type { MfaOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import { actsOnSelf } from "../mfa/describeMfaAuthentication.ts";

export async function assertMayManageOwnMfa(
  store: StoreSession,
  caller: CallerIdentity,
  action: "iam:EnableMFADevice" | "iam:DeactivateMFADevice",
  target: { owner: MfaOwner; arn: string },
): Promise<void> {
  if (!actsOnSelf(caller, target.owner)) return;
  if (caller.credential.mfaAuthenticatedAt) return;
  const existing = await store.mfaDevices.listAssigned(caller.accountId, target.owner);
  if (existing.length === 0) return;
  throw new AccessDenied(
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${target.arn} ` +
      "because the caller already has an MFA device and the request was not authenticated with MFA. " +
      "To enable or deactivate MFA devices for yourself, first call sts:GetSessionToken with the " +
      "SerialNumber and TokenCode of an existing MFA device, then sign the request with the " +
      "temporary credentials it returns.",
  );
}
