// UntagMFADevice: remove tags from a virtual MFA device by key; absent keys are ignored, as in AWS.

import type { UntagMFADeviceRequest } from "../../generated/iam/iamShapes.ts";
import { getDeviceOrThrow } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";

export const UntagMFADevice = defineOperation<UntagMFADeviceRequest, void>({
  service: "iam",
  name: "UntagMFADevice",
  action: "iam:UntagMFADevice",
  mutating: true,
  resource: (input) => input.SerialNumber,
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, { caller, store }) {
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    await store.mfaDeviceTags.remove(device.serialNumber, input.TagKeys);
  },
});
