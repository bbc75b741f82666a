// UntagPolicy: remove tags from a customer-managed policy by key; absent keys are ignored, as in AWS.

import type { UntagPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getCustomerPolicyOrThrow } from "./resolvePolicy.ts";

export const UntagPolicy = defineOperation<UntagPolicyRequest, void>({
  service: "iam",
  name: "UntagPolicy",
  action: "iam:UntagPolicy",
  mutating: true,
  resource: (input) => input.PolicyArn,
  conditionKeys: (input) => ({ "aws:TagKeys": input.TagKeys }),
  async execute(input, { caller, store }) {
    const policy = await getCustomerPolicyOrThrow(store, caller, input.PolicyArn, "iam:UntagPolicy");
    await store.policyTags.remove(policy.policyId, input.TagKeys);
  },
});
