// GetCallerIdentity: who signed this request. AWS never denies it, whatever the policies say.

import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from "../../generated/sts/stsShapes.ts";
import { defineOperation } from "../Operation.ts";

export const GetCallerIdentity = defineOperation<GetCallerIdentityRequest, GetCallerIdentityResponse>({
  service: "sts",
  name: "GetCallerIdentity",
  action: "sts:GetCallerIdentity",
  mutating: false,
  resource: () => "*",
  async execute(_input, { caller }) {
    return { UserId: caller.principalId, Account: caller.accountId, Arn: caller.arn };
  },
});
