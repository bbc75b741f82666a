// DeleteInstanceProfile: only an instance profile without a role may go, as AWS requires.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeleteInstanceProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInstanceProfileOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";

export const DeleteInstanceProfile = defineOperation<DeleteInstanceProfileRequest, void>({
  service: "iam",
  name: "DeleteInstanceProfile",
  action: "iam:DeleteInstanceProfile",
  mutating: true,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  async execute(input, { caller, store }) {
    const profile = await getInstanceProfileOrThrow(store, caller.accountId, input.InstanceProfileName);
    if (profile.roleIds.length > 0) {
      throw new DeleteConflict("Cannot delete entity, must remove roles from instance profile first.");
    }
    await store.instanceProfiles.delete(profile.instanceProfileId);
  },
});
