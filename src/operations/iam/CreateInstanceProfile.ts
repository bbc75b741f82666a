// CreateInstanceProfile: a new, empty instance profile in the caller's account, with optional
// path and tags; at most 1,000 per account.

import { instanceProfileArn } from "../../domain/arns.ts";
import { EntityAlreadyExists, LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { generateUniqueId } from "../../domain/generateUniqueId.ts";
import { type InstanceProfile, MAX_INSTANCE_PROFILES_PER_ACCOUNT } from "../../domain/InstanceProfile.ts";
import type {
  CreateInstanceProfileRequest,
  CreateInstanceProfileResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { instanceProfileShape } from "./roleShape.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const CreateInstanceProfile = defineOperation<
  CreateInstanceProfileRequest,
  CreateInstanceProfileResponse
>({
  service: "iam",
  name: "CreateInstanceProfile",
  action: "iam:CreateInstanceProfile",
  mutating: true,
  resource: (input, { caller }) =>
    instanceProfileArn(caller.accountId, input.Path ?? "/", input.InstanceProfileName),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, now, random }) {
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);
    if (await store.instanceProfiles.getByName(caller.accountId, input.InstanceProfileName)) {
      // AWS wording unconfirmed
      throw new EntityAlreadyExists(`Instance Profile ${input.InstanceProfileName} already exists.`);
    }
    if ((await store.instanceProfiles.count(caller.accountId)) >= MAX_INSTANCE_PROFILES_PER_ACCOUNT) {
      throw new LimitExceeded(
        `Cannot exceed quota for InstanceProfilesPerAccount: ${MAX_INSTANCE_PROFILES_PER_ACCOUNT}`,
      );
    }
    const path = input.Path ?? "/";
    const profile: InstanceProfile = {
      accountId: caller.accountId,
      instanceProfileId: generateUniqueId("AIPA", random),
      instanceProfileName: input.InstanceProfileName,
      path,
      arn: instanceProfileArn(caller.accountId, path, input.InstanceProfileName),
      createDate: now,
      roleIds: [],
    };
    await store.instanceProfiles.create(profile);
    await store.instanceProfileTags.put(profile.instanceProfileId, tags);
    return { InstanceProfile: await instanceProfileShape(store, profile, tags) };
  },
});
