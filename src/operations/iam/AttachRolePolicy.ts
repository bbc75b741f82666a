// AttachRolePolicy: attaches a managed policy (the account's own or AWS-managed) to a role, at
// most ten per role. Attaching one that is already attached changes nothing, as in AWS.

import { MAX_MANAGED_POLICIES_PER_ROLE } from "../../domain/Role.ts";
import type { AttachRolePolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { attachManagedPolicy } from "./identityPolicies.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export const AttachRolePolicy = defineOperation<AttachRolePolicyRequest, void>({
  service: "iam",
  name: "AttachRolePolicy",
  action: "iam:AttachRolePolicy",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  conditionKeys: (input) => ({ "iam:PolicyARN": input.PolicyArn }),
  async execute(input, { caller, store, now, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    const quota = { max: MAX_MANAGED_POLICIES_PER_ROLE, name: "PoliciesPerRole" };
    if (
      await attachManagedPolicy(store, caller, rolePolicyHolder(store, role), input.PolicyArn, now, quota)
    ) {
      invalidate({ kind: "role", id: role.roleId });
    }
  },
});
