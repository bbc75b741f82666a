// SimulateCustomPolicy: what the given policies would decide for the given actions and
// resources, without touching any principal's real policies.

import type { SimulateCustomPolicyRequest, SimulatePolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import {
  compileSuppliedPolicies,
  resourceOwnerAccount,
  simulatePolicies,
  simulationResponse,
} from "./simulatePolicies.ts";

export const SimulateCustomPolicy = defineOperation<SimulateCustomPolicyRequest, SimulatePolicyResponse>({
  service: "iam",
  name: "SimulateCustomPolicy",
  action: "iam:SimulateCustomPolicy",
  mutating: false,
  resource: () => "*",
  async execute(input, { caller, policies }) {
    const { identity, boundary, resourcePolicy } = compileSuppliedPolicies(policies, input);
    // The simulated caller is an IAM user, never the principal calling the simulator: a root
    // caller must not turn every simulated decision into root's "allowed".
    const callerArn = input.CallerArn ?? `arn:aws:iam::${caller.accountId}:user/SimulatedCaller`;
    const results = simulatePolicies({
      principal: {
        arn: callerArn,
        accountId: resourceOwnerAccount(callerArn, caller.accountId),
        type: "user",
      },
      identity,
      ...(boundary ? { boundary } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
      resourceAccountId: resourceOwnerAccount(input.ResourceOwner, caller.accountId),
      actions: input.ActionNames,
      resources: input.ResourceArns ?? [],
      contextEntries: input.ContextEntries ?? [],
    });
    return simulationResponse(results, input);
  },
});
