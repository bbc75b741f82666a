// ListUserTags: a user's tags in the order they were added, paginated.

import type { ListUserTagsRequest, ListUserTagsResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";
import { listTagsPage } from "./validateTags.ts";

export const ListUserTags = defineOperation<ListUserTagsRequest, ListUserTagsResponse>({
  service: "iam",
  name: "ListUserTags",
  action: "iam:ListUserTags",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    return listTagsPage(store.userTags, user.userId, input.Marker, input.MaxItems);
  },
});
