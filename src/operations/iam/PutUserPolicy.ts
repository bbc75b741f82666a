// PutUserPolicy: adds or replaces an inline policy of a user. AWS's quota is on the user's inline
// policies together: 2,048 characters (white space not counted), the replaced policy excluded.

import { MAX_INLINE_USER_POLICY_TOTAL_SIZE } from "../../domain/ManagedPolicy.ts";
import type { PutUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { putInlinePolicy } from "./identityPolicies.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const PutUserPolicy = defineOperation<PutUserPolicyRequest, void>({
  service: "iam",
  name: "PutUserPolicy",
  action: "iam:PutUserPolicy",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    await putInlinePolicy(
      { repo: store.userPolicies, id: user.userId },
      input.PolicyName,
      input.PolicyDocument,
      {
        maxTotalSize: MAX_INLINE_USER_POLICY_TOTAL_SIZE,
        exceededMessage: `Maximum policy size of ${MAX_INLINE_USER_POLICY_TOTAL_SIZE} bytes exceeded for user ${user.userName}`,
      },
    );
    invalidate({ kind: "user", id: user.userId });
  },
});
