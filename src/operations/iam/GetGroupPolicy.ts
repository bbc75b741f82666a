// GetGroupPolicy: one inline policy of a group, its document URL-encoded as AWS returns it.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { GetGroupPolicyRequest, GetGroupPolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { urlEncodePolicyDocument } from "./policyShape.ts";
import { getGroupOrThrow, groupResourceArn } from "./resolveGroup.ts";

export function noSuchGroupPolicy(policyName: string): NoSuchEntity {
  return new NoSuchEntity(`The group policy with name ${policyName} cannot be found.`);
}

export const GetGroupPolicy = defineOperation<GetGroupPolicyRequest, GetGroupPolicyResponse>({
  service: "iam",
  name: "GetGroupPolicy",
  action: "iam:GetGroupPolicy",
  mutating: false,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    const policy = await store.groupPolicies.getInline(group.groupId, input.PolicyName);
    if (!policy) throw noSuchGroupPolicy(input.PolicyName);
    return {
      GroupName: group.groupName,
      PolicyName: policy.policyName,
      PolicyDocument: urlEncodePolicyDocument(policy.document),
    };
  },
});
