// GetPolicy: a managed policy (customer or AWS-managed) with its usage counts in the caller's
// account and its tags.

import type { GetPolicyRequest, GetPolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { policyDetailShape, policyUsage } from "./policyShape.ts";
import { getPolicyOrThrow } from "./resolvePolicy.ts";

export const GetPolicy = defineOperation<GetPolicyRequest, GetPolicyResponse>({
  service: "iam",
  name: "GetPolicy",
  action: "iam:GetPolicy",
  mutating: false,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store }) {
    const { policy, awsManaged } = await getPolicyOrThrow(store, caller, input.PolicyArn, "iam:GetPolicy");
    const usage = await policyUsage(store, caller.accountId, policy.arn);
    // AWS-managed policies carry no customer tags.
    const tags = awsManaged ? [] : await store.policyTags.list(policy.policyId);
    return { Policy: policyDetailShape(policy, usage, tags) };
  },
});
