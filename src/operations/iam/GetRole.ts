// GetRole: one role with its trust policy (URL-encoded), boundary, tags and last use.

import type { GetRoleRequest, GetRoleResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";
import { roleShape } from "./roleShape.ts";

export const GetRole = defineOperation<GetRoleRequest, GetRoleResponse>({
  service: "iam",
  name: "GetRole",
  action: "iam:GetRole",
  mutating: false,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    return { Role: roleShape(role, await store.roleTags.list(role.roleId)) };
  },
});
