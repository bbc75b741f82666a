// TagUser: add or overwrite tags on a user (keys compared without regard to case), at most 50.

import type { TagUserRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";
import { addTags, requestTagConditionKeys } from "./validateTags.ts";

export const TagUser = defineOperation<TagUserRequest, void>({
  service: "iam",
  name: "TagUser",
  action: "iam:TagUser",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    await addTags(store.userTags, user.userId, input.Tags);
    // Principal tags feed aws:PrincipalTag conditions.
    invalidate({ kind: "user", id: user.userId });
  },
});
