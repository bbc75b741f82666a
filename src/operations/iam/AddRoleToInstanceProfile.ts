// AddRoleToInstanceProfile: puts a role into an instance profile, which holds at most one role
// (adding the role it already holds is refused too, as the quota is full).

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_ROLES_PER_INSTANCE_PROFILE } from "../../domain/InstanceProfile.ts";
import type { AddRoleToInstanceProfileRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getProfileAndRoleOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";

const quotaExceeded = () =>
  new LimitExceeded(
    `Cannot exceed quota for InstanceSessionsPerInstanceProfile: ${MAX_ROLES_PER_INSTANCE_PROFILE}`,
  );

export const AddRoleToInstanceProfile = defineOperation<AddRoleToInstanceProfileRequest, void>({
  service: "iam",
  name: "AddRoleToInstanceProfile",
  action: "iam:AddRoleToInstanceProfile",
  mutating: true,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  async execute(input, { caller, store, invalidate }) {
    const { profile, role } = await getProfileAndRoleOrThrow(store, caller.accountId, input);
    if (profile.roleIds.length >= MAX_ROLES_PER_INSTANCE_PROFILE) throw quotaExceeded();
    // The store re-checks inside the transaction, so two racing additions cannot both pass.
    if (
      !(await store.instanceProfiles.addRole(
        profile.instanceProfileId,
        role.roleId,
        MAX_ROLES_PER_INSTANCE_PROFILE,
      ))
    )
      throw quotaExceeded();
    invalidate({ kind: "role", id: role.roleId });
  },
});
