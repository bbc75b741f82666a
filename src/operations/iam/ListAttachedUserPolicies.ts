// ListAttachedUserPolicies: the managed policies attached to a user, in the order they were
// attached, filtered by the policies' path prefix and paginated with Marker/MaxItems.

import type {
  ListAttachedUserPoliciesRequest,
  ListAttachedUserPoliciesResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listAttachedPoliciesPage } from "./identityPolicies.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const ListAttachedUserPolicies = defineOperation<
  ListAttachedUserPoliciesRequest,
  ListAttachedUserPoliciesResponse
>({
  service: "iam",
  name: "ListAttachedUserPolicies",
  action: "iam:ListAttachedUserPolicies",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    return listAttachedPoliciesPage({ repo: store.userPolicies, id: user.userId }, input);
  },
});
