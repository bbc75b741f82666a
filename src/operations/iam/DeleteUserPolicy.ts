// DeleteUserPolicy: removes one inline policy of a user.

import type { DeleteUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { noSuchUserPolicy } from "./GetUserPolicy.ts";
import { getInlinePolicyOrThrow } from "./identityPolicies.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const DeleteUserPolicy = defineOperation<DeleteUserPolicyRequest, void>({
  service: "iam",
  name: "DeleteUserPolicy",
  action: "iam:DeleteUserPolicy",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const holder = { repo: store.userPolicies, id: user.userId };
    await getInlinePolicyOrThrow(holder, input.PolicyName, noSuchUserPolicy);
    await store.userPolicies.deleteInline(user.userId, input.PolicyName);
    invalidate({ kind: "user", id: user.userId });
  },
});
