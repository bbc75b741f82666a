// TagMFADevice: add or overwrite tags on a virtual MFA device (keys compared without regard to
// case), at most 50.

import type { TagMFADeviceRequest } from "../../generated/iam/iamShapes.ts";
import { getDeviceOrThrow } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const TagMFADevice = defineOperation<TagMFADeviceRequest, void>({
  service: "iam",
  name: "TagMFADevice",
  action: "iam:TagMFADevice",
  mutating: true,
  resource: (input) => input.SerialNumber,
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store }) {
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    assertUniqueTagKeys(input.Tags);
    assertTagLimit(await store.mfaDeviceTags.list(device.serialNumber), input.Tags);
    await store.mfaDeviceTags.put(device.serialNumber, input.Tags);
  },
});
