// ListGroupsForUser: the groups a user belongs to, in the order the user joined them, paginated.

import type { ListGroupsForUserRequest, ListGroupsForUserResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { wireList } from "./identityPolicies.ts";
import { groupShape } from "./resolveGroup.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const ListGroupsForUser = defineOperation<ListGroupsForUserRequest, ListGroupsForUserResponse>({
  service: "iam",
  name: "ListGroupsForUser",
  action: "iam:ListGroupsForUser",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const groups = (await store.groups.listForUser(user.userId)).map(groupShape);
    return wireList("Groups", paginateList(groups, input.Marker, input.MaxItems));
  },
});
