// GetMFADevice: one device assigned to a user (or, with no UserName, to the caller). A device
// that exists but is not that owner's is reported as not found, so names cannot be probed.

import { sameOwner } from "../../domain/MfaDevice.ts";
import type { GetMFADeviceRequest, GetMFADeviceResponse } from "../../generated/iam/iamShapes.ts";
import { getDeviceOrThrow, noSuchDevice, resolveMfaOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";

export const GetMFADevice = defineOperation<GetMFADeviceRequest, GetMFADeviceResponse>({
  service: "iam",
  name: "GetMFADevice",
  action: "iam:GetMFADevice",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    if (!sameOwner(device.owner, target.owner)) throw noSuchDevice(input.SerialNumber);
    return {
      UserName: target.displayName,
      SerialNumber: device.serialNumber,
      ...(device.enableDate ? { EnableDate: device.enableDate } : {}),
    };
  },
});
