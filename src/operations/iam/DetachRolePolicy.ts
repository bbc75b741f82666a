// DetachRolePolicy: removes a managed policy from a role; one that is not attached is NoSuchEntity.

import type { DetachRolePolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { detachManagedPolicy } from "./identityPolicies.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export const DetachRolePolicy = defineOperation<DetachRolePolicyRequest, void>({
  service: "iam",
  name: "DetachRolePolicy",
  action: "iam:DetachRolePolicy",
  mutating: true,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  conditionKeys: (input) => ({ "iam:PolicyARN": input.PolicyArn }),
  async execute(input, { caller, store, invalidate }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    await detachManagedPolicy(rolePolicyHolder(store, role), input.PolicyArn);
    invalidate({ kind: "role", id: role.roleId });
  },
});
