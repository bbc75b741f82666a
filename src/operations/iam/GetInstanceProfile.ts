// GetInstanceProfile: one instance profile with its role and tags.

import type { GetInstanceProfileRequest, GetInstanceProfileResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInstanceProfileOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";
import { instanceProfileShape } from "./roleShape.ts";

export const GetInstanceProfile = defineOperation<GetInstanceProfileRequest, GetInstanceProfileResponse>({
  service: "iam",
  name: "GetInstanceProfile",
  action: "iam:GetInstanceProfile",
  mutating: false,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  async execute(input, { caller, store }) {
    const profile = await getInstanceProfileOrThrow(store, caller.accountId, input.InstanceProfileName);
    const tags = await store.instanceProfileTags.list(profile.instanceProfileId);
    return { InstanceProfile: await instanceProfileShape(store, profile, tags) };
  },
});
