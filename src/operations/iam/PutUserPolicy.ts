// PutUserPolicy: adds or replaces an inline policy of a user. AWS's quota is on the user's inline
// policies together: 2,048 characters (white space not counted), the replaced policy excluded.

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_INLINE_USER_POLICY_TOTAL_SIZE } from "../../domain/ManagedPolicy.ts";
import type { PutUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { measurePolicySize } from "../../policy/index.ts";
import { defineOperation } from "../Operation.ts";
import { assertValidPolicyDocument } from "./assertValidPolicyDocument.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const PutUserPolicy = defineOperation<PutUserPolicyRequest, void>({
  service: "iam",
  name: "PutUserPolicy",
  action: "iam:PutUserPolicy",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    // Summed inside the transaction, so two racing puts cannot together pass the quota.
    let total = measurePolicySize(input.PolicyDocument);
    for (const other of await store.userPolicies.listInline(user.userId)) {
      if (other.policyName !== input.PolicyName) total += measurePolicySize(other.document);
    }
    if (total > MAX_INLINE_USER_POLICY_TOTAL_SIZE) {
      throw new LimitExceeded(
        `Maximum policy size of ${MAX_INLINE_USER_POLICY_TOTAL_SIZE} bytes exceeded for user ${user.userName}`,
      );
    }
    assertValidPolicyDocument(input.PolicyDocument, { kind: "identity" });
    await store.userPolicies.putInline(user.userId, {
      policyName: input.PolicyName,
      document: input.PolicyDocument,
    });
    invalidate({ kind: "user", id: user.userId });
  },
});
