// TagPolicy: add or overwrite tags on a customer-managed policy (keys compared without regard to
// case), at most 50. AWS-managed policies cannot be tagged.

import type { TagPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getCustomerPolicyOrThrow } from "./resolvePolicy.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const TagPolicy = defineOperation<TagPolicyRequest, void>({
  service: "iam",
  name: "TagPolicy",
  action: "iam:TagPolicy",
  mutating: true,
  resource: (input) => input.PolicyArn,
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store }) {
    const policy = await getCustomerPolicyOrThrow(store, caller, input.PolicyArn, "iam:TagPolicy");
    assertUniqueTagKeys(input.Tags);
    assertTagLimit(await store.policyTags.list(policy.policyId), input.Tags);
    await store.policyTags.put(policy.policyId, input.Tags);
  },
});
