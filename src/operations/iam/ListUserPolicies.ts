// ListUserPolicies: the names of a user's inline policies, in name order, paginated.

import type { ListUserPoliciesRequest, ListUserPoliciesResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listInlinePolicyNamesPage } from "./identityPolicies.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const ListUserPolicies = defineOperation<ListUserPoliciesRequest, ListUserPoliciesResponse>({
  service: "iam",
  name: "ListUserPolicies",
  action: "iam:ListUserPolicies",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    return listInlinePolicyNamesPage({ repo: store.userPolicies, id: user.userId }, input);
  },
});
