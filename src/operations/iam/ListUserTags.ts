// ListUserTags: a user's tags in the order they were added, paginated.

import type { ListUserTagsRequest, ListUserTagsResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const ListUserTags = defineOperation<ListUserTagsRequest, ListUserTagsResponse>({
  service: "iam",
  name: "ListUserTags",
  action: "iam:ListUserTags",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const page = paginateList(await store.userTags.list(user.userId), input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
