// CreatePolicy: a customer-managed policy with its first version (v1, the default). The document
// is validated strictly (MalformedPolicyDocument) and against the 6,144-character quota
// (LimitExceeded); names are unique in the account without regard to case or path.

import { policyArn } from "../../domain/arns.ts";
import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import { generateUniqueId } from "../../domain/generateUniqueId.ts";
import { MAX_MANAGED_POLICY_SIZE } from "../../domain/ManagedPolicy.ts";
import type { CreatePolicyRequest, CreatePolicyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertValidPolicyDocument } from "./assertValidPolicyDocument.ts";
import { policyShape } from "./policyShape.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const CreatePolicy = defineOperation<CreatePolicyRequest, CreatePolicyResponse>({
  service: "iam",
  name: "CreatePolicy",
  action: "iam:CreatePolicy",
  mutating: true,
  resource: (input, { caller }) => policyArn(caller.accountId, input.Path ?? "/", input.PolicyName),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, now, random }) {
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);
    assertValidPolicyDocument(input.PolicyDocument, {
      kind: "identity",
      maxSize: MAX_MANAGED_POLICY_SIZE,
      managed: true,
    });
    const lower = input.PolicyName.toLowerCase();
    const existing = await store.managedPolicies.list(caller.accountId, "/");
    if (existing.some((p) => p.policyName.toLowerCase() === lower)) {
      throw new EntityAlreadyExists(
        `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`,
      );
    }
    const path = input.Path ?? "/";
    const arn = policyArn(caller.accountId, path, input.PolicyName);
    const policy = {
      accountId: caller.accountId,
      policyId: generateUniqueId("ANPA", random),
      policyName: input.PolicyName,
      path,
      arn,
      defaultVersionId: "v1",
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      createDate: now,
      updateDate: now,
    };
    await store.managedPolicies.create(policy, {
      policyArn: arn,
      versionId: "v1",
      document: input.PolicyDocument,
      isDefaultVersion: true,
      createDate: now,
    });
    await store.policyTags.put(policy.policyId, tags);
    return { Policy: policyShape(policy, { attachments: 0, boundaries: 0 }, tags) };
  },
});
