// GetContextKeysForPrincipalPolicy: the condition keys a user's (with its groups'), group's or role's policies (and any extra ones
// given) read.

import type {
  GetContextKeysForPolicyResponse,
  GetContextKeysForPrincipalPolicyRequest,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { contextKeysOf } from "./GetContextKeysForCustomPolicy.ts";
import { resolvePolicySource } from "./resolvePolicySource.ts";
import { compileSimulationInputs } from "./simulatePolicies.ts";

export const GetContextKeysForPrincipalPolicy = defineOperation<
  GetContextKeysForPrincipalPolicyRequest,
  GetContextKeysForPolicyResponse
>({
  service: "iam",
  name: "GetContextKeysForPrincipalPolicy",
  action: "iam:GetContextKeysForPrincipalPolicy",
  mutating: false,
  resource: (input) => input.PolicySourceArn,
  async execute(input, { caller, store, policies }) {
    compileSimulationInputs(policies, input.PolicyInputList, "identity", "PolicyInputList", "inline");
    const source = await resolvePolicySource(store, caller, input.PolicySourceArn);
    const entities = await policies.entitiesOf(source.ref, store);
    const documents: string[] = [];
    if (entities) {
      for (const p of [...entities.inline, ...entities.attached]) documents.push(p.document);
      for (const g of entities.groups)
        for (const p of [...g.inline, ...g.attached]) documents.push(p.document);
    }
    return { ContextKeyNames: contextKeysOf([...documents, ...(input.PolicyInputList ?? [])]) };
  },
});
