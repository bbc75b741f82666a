// GetRolePolicy: one inline policy of a role, its document URL-encoded as AWS returns it.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { GetRolePolicyRequest, GetRolePolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInlinePolicyOrThrow } from "./identityPolicies.ts";
import { urlEncodePolicyDocument } from "./policyShape.ts";
import { getRoleOrThrow, rolePolicyHolder, roleResourceArn } from "./resolveRole.ts";

export function noSuchRolePolicy(policyName: string): NoSuchEntity {
  return new NoSuchEntity(`The role policy with name ${policyName} cannot be found.`);
}

export const GetRolePolicy = defineOperation<GetRolePolicyRequest, GetRolePolicyResponse>({
  service: "iam",
  name: "GetRolePolicy",
  action: "iam:GetRolePolicy",
  mutating: false,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    const document = await getInlinePolicyOrThrow(
      rolePolicyHolder(store, role),
      input.PolicyName,
      noSuchRolePolicy,
    );
    return {
      RoleName: role.roleName,
      PolicyName: input.PolicyName,
      PolicyDocument: urlEncodePolicyDocument(document),
    };
  },
});
