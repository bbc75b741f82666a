// GetContextKeysForCustomPolicy: the condition keys the given policies read, so a caller knows
// which context entries a simulation needs.

import type {
  GetContextKeysForCustomPolicyRequest,
  GetContextKeysForPolicyResponse,
} from "../../generated/iam/iamShapes.ts";
import { listContextKeys, parsePolicyDocument } from "../../policy/index.ts";
import { defineOperation } from "../Operation.ts";
import { compileSimulationInputs } from "./simulatePolicies.ts";

export function contextKeysOf(documents: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const document of documents) {
    for (const key of listContextKeys(parsePolicyDocument(document, { kind: "identity", mode: "lenient" }))) {
      if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
    }
  }
  return [...seen.values()];
}

export const GetContextKeysForCustomPolicy = defineOperation<
  GetContextKeysForCustomPolicyRequest,
  GetContextKeysForPolicyResponse
>({
  service: "iam",
  name: "GetContextKeysForCustomPolicy",
  action: "iam:GetContextKeysForCustomPolicy",
  mutating: false,
  resource: () => "*",
  async execute(input, { policies }) {
    // Validates every document first, as AWS does, so a malformed one is reported, not skipped.
    compileSimulationInputs(policies, input.PolicyInputList, "identity", "PolicyInputList", "inline");
    return { ContextKeyNames: contextKeysOf(input.PolicyInputList) };
  },
});
