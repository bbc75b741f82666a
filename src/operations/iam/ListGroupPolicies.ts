// ListGroupPolicies: the names of a group's inline policies, in name order, paginated.

import type { ListGroupPoliciesRequest, ListGroupPoliciesResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listInlinePolicyNamesPage } from "./identityPolicies.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const ListGroupPolicies = defineOperation<ListGroupPoliciesRequest, ListGroupPoliciesResponse>({
  service: "iam",
  name: "ListGroupPolicies",
  action: "iam:ListGroupPolicies",
  mutating: false,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    return listInlinePolicyNamesPage({ repo: store.groupPolicies, id: group.groupId }, input);
  },
});
