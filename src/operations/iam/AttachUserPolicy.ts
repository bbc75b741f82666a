// AttachUserPolicy: attaches a managed policy (the account's own or AWS-managed) to a user, at
// most ten per user. Attaching one that is already attached changes nothing, as in AWS.

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_MANAGED_POLICIES_PER_USER } from "../../domain/ManagedPolicy.ts";
import type { AttachUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
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
    // Counted inside the transaction, so two racing attachments cannot both pass the quota.
    const attached = await store.userPolicies.listAttached(user.userId);
    if (attached.includes(found.policy.arn)) return;
    if (attached.length >= MAX_MANAGED_POLICIES_PER_USER) {
      throw new LimitExceeded(`Cannot exceed quota for PoliciesPerUser: ${MAX_MANAGED_POLICIES_PER_USER}`);
    }
    await store.userPolicies.attach(user.userId, found.policy.arn, now);
    invalidate({ kind: "user", id: user.userId });
  },
});
