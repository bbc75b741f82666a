// RemoveRoleFromInstanceProfile: takes a role out of an instance profile.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { RemoveRoleFromInstanceProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getProfileAndRoleOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";

export const RemoveRoleFromInstanceProfile = defineOperation<RemoveRoleFromInstanceProfileRequest, void>({
  service: "iam",
  name: "RemoveRoleFromInstanceProfile",
  action: "iam:RemoveRoleFromInstanceProfile",
  mutating: true,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  async execute(input, { caller, store, invalidate }) {
    const { profile, role } = await getProfileAndRoleOrThrow(store, caller.accountId, input);
    if (!profile.roleIds.includes(role.roleId)) {
      // AWS wording unconfirmed
      throw new NoSuchEntity(
        `The role with name ${input.RoleName} cannot be found in instance profile ${profile.instanceProfileName}.`,
      );
    }
    await store.instanceProfiles.removeRole(profile.instanceProfileId, role.roleId);
    invalidate({ kind: "role", id: role.roleId });
  },
});
