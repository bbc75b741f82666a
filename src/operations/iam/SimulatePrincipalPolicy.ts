// SimulatePrincipalPolicy: what a user's real policies (plus any extra ones given) would decide
// for the given actions and resources. Its boundary is the user's own, unless the request
// supplies one to try instead.

import { parseUserArn } from "../../domain/arns.ts";
import { InvalidInput, NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type {
  SimulatePolicyResponse,
  SimulatePrincipalPolicyRequest,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import {
  compileSuppliedPolicies,
  resourceOwnerAccount,
  simulatedCaller,
  simulatePolicies,
  simulationResponse,
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
    const source = parseUserArn(input.PolicySourceArn);
    if (!source) {
      // Groups and roles arrive with the identities issue.
      throw new InvalidInput(`Invalid PolicySourceArn: ${input.PolicySourceArn} is not a user ARN.`);
    }
    const user =
      source.accountId === caller.accountId
        ? await store.users.getByName(caller.accountId, source.userName)
        : undefined;
    if (!user || user.arn !== input.PolicySourceArn) {
      throw new NoSuchEntity(`The user with name ${source.userName} cannot be found.`);
    }
    const own = (await policies.forPrincipal({ kind: "user", id: user.userId }, store)).set;
    const supplied = compileSuppliedPolicies(policies, input);
    const boundary = supplied.boundary ?? own.boundary;
    const owner = resourceOwnerAccount(input.ResourceOwner);
    const results = simulatePolicies({
      principal:
        input.CallerArn !== undefined
          ? simulatedCaller(input.CallerArn, caller.accountId)
          : { arn: user.arn, accountId: user.accountId, type: "user" },
      identity: [...own.identity, ...supplied.identity],
      ...(boundary ? { boundary } : {}),
      ...(supplied.resourcePolicy ? { resourcePolicy: supplied.resourcePolicy } : {}),
      ...(owner ? { resourceOwnerAccountId: owner } : {}),
      actions: input.ActionNames,
      resources: input.ResourceArns ?? [],
      contextEntries: input.ContextEntries ?? [],
    });
    return simulationResponse(results, input);
  },
});
