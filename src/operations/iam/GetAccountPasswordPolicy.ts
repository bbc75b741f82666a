// GetAccountPasswordPolicy: the account's password policy; NoSuchEntity when none is set.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { GetAccountPasswordPolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE, passwordPolicyShape } from "./passwordPolicyShape.ts";

export const GetAccountPasswordPolicy = defineOperation<void, GetAccountPasswordPolicyResponse>({
  service: "iam",
  name: "GetAccountPasswordPolicy",
  action: "iam:GetAccountPasswordPolicy",
  mutating: false,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store }) {
    const policy = await store.passwordPolicies.get(caller.accountId);
    if (!policy) {
      throw new NoSuchEntity(`The Password Policy with domain name ${caller.accountId} cannot be found.`);
    }
    return { PasswordPolicy: passwordPolicyShape(policy) };
  },
});
