// DeleteRolePolicy: removes one inline policy of a role.

import type { DeleteRolePolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { noSuchRolePolicy } from "./GetRolePolicy.ts";
import { getInlinePolicyOrThrow } from "./identityPolicies.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export const DeleteRolePolicy = defineOperation<DeleteRolePolicyRequest, void>({
  service: "iam",
  name: "DeleteRolePolicy",
  action: "iam:DeleteRolePolicy",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await getInlinePolicyOrThrow(rolePolicyHolder(store, role), input.PolicyName, noSuchRolePolicy);
    await store.rolePolicies.deleteInline(role.roleId, input.PolicyName);
    invalidate({ kind: "role", id: role.roleId });
  },
});
