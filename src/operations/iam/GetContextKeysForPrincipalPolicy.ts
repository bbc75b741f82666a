// GetContextKeysForPrincipalPolicy: the condition keys a user's policies (and any extra ones
// given) read.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type {
  GetContextKeysForPolicyResponse,
  GetContextKeysForPrincipalPolicyRequest,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { contextKeysOf } from "./GetContextKeysForCustomPolicy.ts";
import { compileSimulationInputs } from "./simulatePolicies.ts";

const USER_ARN = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/;

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
    const m = USER_ARN.exec(input.PolicySourceArn);
    const user =
      m && m[1] === caller.accountId
        ? await store.users.getByName(caller.accountId, m[2] as string)
        : undefined;
    if (!user || user.arn !== input.PolicySourceArn) {
      throw new NoSuchEntity(`The user with name ${m?.[2] ?? input.PolicySourceArn} cannot be found.`);
    }
    const documents: string[] = (await store.userPolicies.listInline(user.userId)).map((p) => p.document);
    for (const arn of await store.userPolicies.listAttached(user.userId)) {
      const document = await policies.managedDocument(arn, store);
      if (document !== undefined) documents.push(document);
    }
    return { ContextKeyNames: contextKeysOf([...documents, ...(input.PolicyInputList ?? [])]) };
  },
});
