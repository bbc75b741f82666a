// UpdateRole: a role's description and maximum session duration (3,600–43,200 seconds, which
// the model's range check enforces with AWS's ValidationError before this runs).

import type { UpdateRoleRequest, UpdateRoleResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";

export const UpdateRole = defineOperation<UpdateRoleRequest, UpdateRoleResponse>({
  service: "iam",
  name: "UpdateRole",
  action: "iam:UpdateRole",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await store.roles.update(role.roleId, {
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(input.MaxSessionDuration !== undefined ? { maxSessionDuration: input.MaxSessionDuration } : {}),
    });
    // The maximum session duration bounds the sessions AssumeRole issues.
    invalidate({ kind: "role", id: role.roleId });
    return {};
  },
});
