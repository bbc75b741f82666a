// UntagInstanceProfile: remove tags from an instance profile by key; absent keys are ignored.

import type { UntagInstanceProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInstanceProfileOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";

export const UntagInstanceProfile = defineOperation<UntagInstanceProfileRequest, void>({
  service: "iam",
  name: "UntagInstanceProfile",
  action: "iam:UntagInstanceProfile",
  mutating: true,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, { caller, store }) {
    const profile = await getInstanceProfileOrThrow(store, caller.accountId, input.InstanceProfileName);
    await store.instanceProfileTags.remove(profile.instanceProfileId, input.TagKeys);
  },
});
