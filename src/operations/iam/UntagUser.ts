// UntagUser: remove tags from a user by key; keys that are not there are ignored, as in AWS.

import type { UntagUserRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const UntagUser = defineOperation<UntagUserRequest, void>({
  service: "iam",
  name: "UntagUser",
  action: "iam:UntagUser",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    await store.userTags.remove(user.userId, input.TagKeys);
    invalidate({ kind: "user", id: user.userId });
  },
});
