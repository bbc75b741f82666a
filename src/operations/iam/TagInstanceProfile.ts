// TagInstanceProfile: add or overwrite tags on an instance profile, at most 50.

import type { TagInstanceProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInstanceProfileOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";
import { addTags, requestTagConditionKeys } from "./validateTags.ts";

export const TagInstanceProfile = defineOperation<TagInstanceProfileRequest, void>({
  service: "iam",
  name: "TagInstanceProfile",
  action: "iam:TagInstanceProfile",
  mutating: true,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store }) {
    const profile = await getInstanceProfileOrThrow(store, caller.accountId, input.InstanceProfileName);
    await addTags(store.instanceProfileTags, profile.instanceProfileId, input.Tags);
  },
});
