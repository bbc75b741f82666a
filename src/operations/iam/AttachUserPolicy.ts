// AttachUserPolicy: attaches a managed policy (the account's own or AWS-managed) to a user, at
// most ten per user. Attaching one that is already attached changes nothing, as in AWS.

import { MAX_MANAGED_POLICIES_PER_USER } from "../../domain/ManagedPolicy.ts";
import type { AttachUserPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { attachManagedPolicy } from "./identityPolicies.ts";
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
    const holder = { repo: store.userPolicies, id: user.userId };
    const quota = { max: MAX_MANAGED_POLICIES_PER_USER, name: "PoliciesPerUser" };
    if (await attachManagedPolicy(store, caller, holder, input.PolicyArn, now, quota)) {
      invalidate({ kind: "user", id: user.userId });
    }
  },
});
