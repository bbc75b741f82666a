// ListAttachedGroupPolicies: the managed policies attached to a group, in the order they were
// attached, filtered by the policies' path prefix and paginated with Marker/MaxItems.

import type {
  ListAttachedGroupPoliciesRequest,
  ListAttachedGroupPoliciesResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listAttachedPoliciesPage } from "./identityPolicies.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export const ListAttachedGroupPolicies = defineOperation<
  ListAttachedGroupPoliciesRequest,
  ListAttachedGroupPoliciesResponse
>({
  service: "iam",
  name: "ListAttachedGroupPolicies",
  action: "iam:ListAttachedGroupPolicies",
  mutating: false,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    return listAttachedPoliciesPage({ repo: store.groupPolicies, id: group.groupId }, input);
  },
});
