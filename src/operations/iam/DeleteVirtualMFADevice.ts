// DeleteVirtualMFADevice: deletes an unassigned virtual device, its sealed seed and its tags.
// A device still assigned to someone is a DeleteConflict: deactivate it first, as AWS requires.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeleteVirtualMFADeviceRequest } from "../../generated/iam/iamShapes.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { getDeviceOrThrow } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";

export const DeleteVirtualMFADevice = defineOperation<DeleteVirtualMFADeviceRequest, void>({
  service: "iam",
  name: "DeleteVirtualMFADevice",
  action: "iam:DeleteVirtualMFADevice",
  mutating: true,
  resource: (input) => input.SerialNumber,
  async execute(input, { caller, store, now, auditDetails }) {
    describeMfaAuthentication(auditDetails, caller, now);
    auditDetails.serialNumber = input.SerialNumber;
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    if (device.owner) throw new DeleteConflict("MFA device is still in use; deactivate it first.");
    await store.mfaDevices.delete(device.serialNumber);
  },
});
