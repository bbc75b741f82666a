// UpdateAssumeRolePolicy: replaces a role's trust policy, validated as CreateRole validates it.

import type { UpdateAssumeRolePolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertValidTrustPolicy } from "./assertValidTrustPolicy.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";

export const UpdateAssumeRolePolicy = defineOperation<UpdateAssumeRolePolicyRequest, void>({
  service: "iam",
  name: "UpdateAssumeRolePolicy",
  action: "iam:UpdateAssumeRolePolicy",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    assertValidTrustPolicy(input.PolicyDocument);
    await store.roles.setAssumeRolePolicy(role.roleId, input.PolicyDocument);
    // Who may assume the role changes from the very next AssumeRole.
    invalidate({ kind: "role", id: role.roleId });
  },
});
