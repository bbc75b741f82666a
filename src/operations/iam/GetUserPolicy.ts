// GetUserPolicy: one inline policy of a user, its document URL-encoded as AWS returns it.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { GetUserPolicyRequest, GetUserPolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInlinePolicyOrThrow } from "./identityPolicies.ts";
import { urlEncodePolicyDocument } from "./policyShape.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export function noSuchUserPolicy(policyName: string): NoSuchEntity {
  return new NoSuchEntity(`The user policy with name ${policyName} cannot be found.`);
}

export const GetUserPolicy = defineOperation<GetUserPolicyRequest, GetUserPolicyResponse>({
  service: "iam",
  name: "GetUserPolicy",
  action: "iam:GetUserPolicy",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const holder = { repo: store.userPolicies, id: user.userId };
    const document = await getInlinePolicyOrThrow(holder, input.PolicyName, noSuchUserPolicy);
    return {
      UserName: user.userName,
      PolicyName: input.PolicyName,
      PolicyDocument: urlEncodePolicyDocument(document),
    };
  },
});
