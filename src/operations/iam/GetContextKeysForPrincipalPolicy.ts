// GetContextKeysForPrincipalPolicy: the condition keys a user's policies (and any extra ones
// given) read.

import { parseUserArn } from "../../domain/arns.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type {
  GetContextKeysForPolicyResponse,
  GetContextKeysForPrincipalPolicyRequest,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { contextKeysOf } from "./GetContextKeysForCustomPolicy.ts";
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
    const source = parseUserArn(input.PolicySourceArn);
    const user =
      source?.accountId === caller.accountId
        ? await store.users.getByName(caller.accountId, source.userName)
        : undefined;
    if (!user || user.arn !== input.PolicySourceArn) {
      throw new NoSuchEntity(
        `The user with name ${source?.userName ?? input.PolicySourceArn} cannot be found.`,
      );
    }
    const documents: string[] = (await store.userPolicies.listInline(user.userId)).map((p) => p.document);
    for (const arn of await store.userPolicies.listAttached(user.userId)) {
      const document = await policies.managedDocument(arn, store);
      if (document !== undefined) documents.push(document);
    }
    return { ContextKeyNames: contextKeysOf([...documents, ...(input.PolicyInputList ?? [])]) };
  },
});
