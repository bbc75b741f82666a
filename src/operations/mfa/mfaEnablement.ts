// What assigning an MFA device shares, whichever kind of device it is (EnableMFADevice for virtual
// devices, RegisterSecurityKey for security keys): the same action and resource, the same 2023
// rule, and the same 8-device limit checked inside the change's transaction.

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_MFA_DEVICES_PER_USER, type MfaOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import { userResourceArn } from "../iam/resolveUser.ts";
import { mfaSelfManagementFacts } from "./mfaSelfManagementFacts.ts";

type Scope = { caller: CallerIdentity; store: StoreSession };

/** The operation fields that make an assignment be decided as iam:EnableMFADevice. */
export const MFA_ENABLEMENT = {
  service: "iam",
  name: "EnableMFADevice",
  action: "iam:EnableMFADevice",
  mutating: true,
  resource: (input: { UserName?: string }, { caller, store }: Scope) =>
    userResourceArn(store, caller, input.UserName),
  guardFacts: (input: { UserName?: string }, { caller, store }: Scope) =>
    mfaSelfManagementFacts(store, caller, input.UserName),
} as const;

/** Refuses the assignment when the owner already has the most devices AWS allows. */
export async function assertRoomForDevice(
  store: StoreSession,
  accountId: string,
  owner: MfaOwner,
  auditDetails: Record<string, unknown>,
): Promise<void> {
  const assigned = await store.mfaDevices.listAssigned(accountId, owner);
  auditDetails.assignedDevicesBefore = assigned.length;
  if (assigned.length >= MAX_MFA_DEVICES_PER_USER) {
    throw new LimitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${MAX_MFA_DEVICES_PER_USER}`);
  }
}
