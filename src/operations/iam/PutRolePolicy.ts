// PutRolePolicy: adds or replaces an inline policy of a role. AWS's quota is on the role's inline
// policies together: 10,240 characters (white space not counted), the replaced policy excluded.

import { MAX_INLINE_ROLE_POLICY_TOTAL_SIZE } from "../../domain/Role.ts";
import type { PutRolePolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { putInlinePolicy } from "./identityPolicies.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export const PutRolePolicy = defineOperation<PutRolePolicyRequest, void>({
  service: "iam",
  name: "PutRolePolicy",
  action: "iam:PutRolePolicy",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await putInlinePolicy(rolePolicyHolder(store, role), input.PolicyName, input.PolicyDocument, {
      maxTotalSize: MAX_INLINE_ROLE_POLICY_TOTAL_SIZE,
      exceededMessage: `Maximum policy size of ${MAX_INLINE_ROLE_POLICY_TOTAL_SIZE} bytes exceeded for role ${role.roleName}`,
    });
    invalidate({ kind: "role", id: role.roleId });
  },
});
