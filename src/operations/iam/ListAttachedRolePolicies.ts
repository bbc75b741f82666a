// ListAttachedRolePolicies: the managed policies attached to a role, in the order they were
// attached, filtered by the policies' path prefix and paginated with Marker/MaxItems.

import type {
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listAttachedPoliciesPage } from "./identityPolicies.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export const ListAttachedRolePolicies = defineOperation<
  ListAttachedRolePoliciesRequest,
  ListAttachedRolePoliciesResponse
>({
  service: "iam",
  name: "ListAttachedRolePolicies",
  action: "iam:ListAttachedRolePolicies",
  mutating: false,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    return listAttachedPoliciesPage(rolePolicyHolder(store, role), input);
  },
});
