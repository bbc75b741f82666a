// SimulatePrincipalPolicy: what a user's, group's or role's real policies (plus any extra ones given) would decide
// for the given actions and resources. Its boundary is the user's own, unless the request
// supplies one to try instead.

import type {
  SimulatePolicyResponse,
  SimulatePrincipalPolicyRequest,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { resolvePolicySource } from "./resolvePolicySource.ts";
import {
  compileSuppliedPolicies,
  resourceOwnerAccount,
  simulatedCaller,
  simulatePolicies,
  statementCount,
} from "./simulatePolicies.ts";

export const SimulatePrincipalPolicy = defineOperation<
  SimulatePrincipalPolicyRequest,
  SimulatePolicyResponse
>({
  service: "iam",
  name: "SimulatePrincipalPolicy",
  action: "iam:SimulatePrincipalPolicy",
  mutating: false,
  resource: (input) => input.PolicySourceArn,
  async execute(input, { caller, store, policies }) {
    const source = await resolvePolicySource(store, caller, input.PolicySourceArn);
    const own = (await policies.forPrincipal(source.ref, store)).set;
    const supplied = compileSuppliedPolicies(
      policies,
      input,
      statementCount([...own.identity, own.boundary]),
    );
    const boundary = supplied.boundary ?? own.boundary;
    const owner = resourceOwnerAccount(input.ResourceOwner);
    return simulatePolicies(
      {
        principal:
          input.CallerArn !== undefined
            ? simulatedCaller(input.CallerArn, caller.accountId)
            : source.principal,
        identity: [...own.identity, ...supplied.identity],
        ...(boundary ? { boundary } : {}),
        ...(supplied.resourcePolicy ? { resourcePolicy: supplied.resourcePolicy } : {}),
        ...(owner ? { resourceOwnerAccountId: owner } : {}),
        actions: input.ActionNames,
        resources: input.ResourceArns ?? [],
        contextEntries: input.ContextEntries ?? [],
      },
      input,
    );
  },
});
