// SimulateCustomPolicy: what the given policies would decide for the given actions and
// resources, without touching any principal's real policies.

import type { SimulateCustomPolicyRequest, SimulatePolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import {
  compileSuppliedPolicies,
  resourceOwnerAccount,
  simulatedCaller,
  simulatePolicies,
} from "./simulatePolicies.ts";

export const SimulateCustomPolicy = defineOperation<SimulateCustomPolicyRequest, SimulatePolicyResponse>({
  service: "iam",
  name: "SimulateCustomPolicy",
  action: "iam:SimulateCustomPolicy",
  mutating: false,
  resource: () => "*",
  async execute(input, { caller, policies }) {
    const { identity, boundary, resourcePolicy } = compileSuppliedPolicies(policies, input);
    const owner = resourceOwnerAccount(input.ResourceOwner);
    return simulatePolicies(
      {
        principal: simulatedCaller(input.CallerArn, caller.accountId),
        identity,
        ...(boundary ? { boundary } : {}),
        ...(resourcePolicy ? { resourcePolicy } : {}),
        ...(owner ? { resourceOwnerAccountId: owner } : {}),
        actions: input.ActionNames,
        resources: input.ResourceArns ?? [],
        contextEntries: input.ContextEntries ?? [],
      },
      input,
    );
  },
});
