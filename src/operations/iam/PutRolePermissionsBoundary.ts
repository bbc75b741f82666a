// PutRolePermissionsBoundary: sets (or replaces) the managed policy that bounds a role's
// permissions; it must be an existing managed policy, the account's own or AWS-managed.

import type { PutRolePermissionsBoundaryRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { boundaryPolicyArn } from "./identityPolicies.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";

export const PutRolePermissionsBoundary = defineOperation<PutRolePermissionsBoundaryRequest, void>({
  service: "iam",
  name: "PutRolePermissionsBoundary",
  action: "iam:PutRolePermissionsBoundary",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  conditionKeys: (input) => ({ "iam:PermissionsBoundary": input.PermissionsBoundary }),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await store.roles.setPermissionsBoundary(
      role.roleId,
      await boundaryPolicyArn(store, caller, input.PermissionsBoundary),
    );
    invalidate({ kind: "role", id: role.roleId });
  },
});
