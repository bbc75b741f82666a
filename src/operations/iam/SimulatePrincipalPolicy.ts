// SimulatePrincipalPolicy: what a user's real policies (plus any extra ones given) would decide
// for the given actions and resources. Its boundary is the user's own, unless the request
// supplies one to try instead.

import { InvalidInput, NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type {
  SimulatePolicyResponse,
  SimulatePrincipalPolicyRequest,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { compileSimulationInputs, resourceOwnerAccount, simulatePolicies } from "./simulatePolicies.ts";

const USER_ARN = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/;

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
    const m = USER_ARN.exec(input.PolicySourceArn);
    if (!m) {
      // Groups and roles arrive with the identities issue.
      throw new InvalidInput(`Invalid PolicySourceArn: ${input.PolicySourceArn} is not a user ARN.`);
    }
    const user =
      m[1] === caller.accountId ? await store.users.getByName(caller.accountId, m[2] as string) : undefined;
    if (!user || user.arn !== input.PolicySourceArn) {
      throw new NoSuchEntity(`The user with name ${m[2]} cannot be found.`);
    }
    const own = await policies.forUser(user.userId, store);
    const extra = compileSimulationInputs(
      policies,
      input.PolicyInputList,
      "identity",
      "PolicyInputList",
      "inline",
    );
    const [boundaryOverride] = compileSimulationInputs(
      policies,
      input.PermissionsBoundaryPolicyInputList,
      "boundary",
      "PermissionsBoundaryPolicyInputList",
      "boundary",
    );
    const [resourcePolicy] = compileSimulationInputs(
      policies,
      input.ResourcePolicy !== undefined ? [input.ResourcePolicy] : undefined,
      "resource",
      "ResourcePolicy",
      "resource",
    );
    const boundary = boundaryOverride ?? own.boundary;
    const results = simulatePolicies({
      principal: { arn: input.CallerArn ?? user.arn, accountId: caller.accountId, type: "user" },
      identity: [...own.identity, ...extra],
      ...(boundary ? { boundary } : {}),
      ...(resourcePolicy ? { resourcePolicy } : {}),
      resourceAccountId: resourceOwnerAccount(input.ResourceOwner, caller.accountId),
      actions: input.ActionNames,
      resources: input.ResourceArns ?? [],
      contextEntries: input.ContextEntries ?? [],
    });
    const page = paginateList(results, input.Marker, input.MaxItems);
    return {
      EvaluationResults: page.items,
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
