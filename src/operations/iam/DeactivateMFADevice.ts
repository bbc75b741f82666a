// DeactivateMFADevice: unassigns a device from a user (or, with no UserName, from the caller).
// The virtual device itself remains, unassigned, until DeleteVirtualMFADevice. Guarded by the
// 2023 remediation when the caller acts on themselves.

import { sameOwner } from "../../domain/MfaDevice.ts";
import type { DeactivateMFADeviceRequest } from "../../generated/iam/iamShapes.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { mfaSelfManagementFacts } from "../mfa/mfaSelfManagementFacts.ts";
import { getDeviceOrThrow, noSuchDevice, resolveMfaOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";

export const DeactivateMFADevice = defineOperation<DeactivateMFADeviceRequest, void>({
  service: "iam",
  name: "DeactivateMFADevice",
  action: "iam:DeactivateMFADevice",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  guardFacts: (input, { caller, store }) => mfaSelfManagementFacts(store, caller, input.UserName),
  async execute(input, { caller, store, now, auditDetails }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    describeMfaAuthentication(auditDetails, caller, now, target);
    auditDetails.serialNumber = input.SerialNumber;
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    if (!sameOwner(device.owner, target.owner)) throw noSuchDevice(input.SerialNumber);
    auditDetails.serialNumber = device.serialNumber;
    // A security key exists only while assigned: deactivating it removes it, as in AWS.
    if (device.securityKey) await store.mfaDevices.delete(device.serialNumber);
    else await store.mfaDevices.unassign(device.serialNumber);
  },
});
