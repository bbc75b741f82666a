// AttachUserPolicy: attaches a managed policy (the account's own or AWS-managed) to a user, at
// most ten per user. Attaching one that is already attached changes nothing, as in AWS.

import { MAX_MANAGED_POLICIES_PER_USER } from "../../domain/ManagedPolicy.ts";
import type { AttachUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { attachWithinQuota } from "./identityPolicies.ts";
import { findPolicy, policyNotAttachable } from "./resolvePolicy.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const AttachUserPolicy = defineOperation<AttachUserPolicyRequest, void>({
  service: "iam",
  name: "AttachUserPolicy",
  action: "iam:AttachUserPolicy",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  conditionKeys: (input) => ({ "iam:PolicyARN": input.PolicyArn }),
  async execute(input, { caller, store, now, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const found = await findPolicy(store, caller, input.PolicyArn);
    if (!found) throw policyNotAttachable(input.PolicyArn);
    const quota = { name: "PoliciesPerUser", limit: MAX_MANAGED_POLICIES_PER_USER };
    if (await attachWithinQuota(store.userPolicies, user.userId, found.policy.arn, now, quota)) {
      invalidate({ kind: "user", id: user.userId });
    }
  },
});
