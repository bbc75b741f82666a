// ListRolePolicies: the names of a role's inline policies, in name order, paginated.

import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listInlinePolicyNamesPage } from "./identityPolicies.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export const ListRolePolicies = defineOperation<ListRolePoliciesRequest, ListRolePoliciesResponse>({
  service: "iam",
  name: "ListRolePolicies",
  action: "iam:ListRolePolicies",
  mutating: false,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    return listInlinePolicyNamesPage(rolePolicyHolder(store, role), input);
  },
});
