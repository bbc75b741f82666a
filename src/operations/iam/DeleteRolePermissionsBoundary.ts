// DeleteRolePermissionsBoundary: removes a role's permissions boundary, so its permissions
// policies alone decide again. The iam:PermissionsBoundary condition key carries the boundary
// being removed, read from the store.

import type { DeleteRolePermissionsBoundaryRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";

export const DeleteRolePermissionsBoundary = defineOperation<DeleteRolePermissionsBoundaryRequest, void>({
  service: "iam",
  name: "DeleteRolePermissionsBoundary",
  action: "iam:DeleteRolePermissionsBoundary",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async conditionKeys(input, { caller, store }): Promise<Record<string, string>> {
    const role = await store.roles.getByName(caller.accountId, input.RoleName);
    return role?.permissionsBoundaryArn ? { "iam:PermissionsBoundary": role.permissionsBoundaryArn } : {};
  },
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    // A role without a boundary is left as is: the call is idempotent.
    if (role.permissionsBoundaryArn === undefined) return;
    await store.roles.setPermissionsBoundary(role.roleId, undefined);
    invalidate({ kind: "role", id: role.roleId });
  },
});
