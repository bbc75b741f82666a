// CreatePolicyVersion: a new version of a customer-managed policy, optionally made the default.
// A policy keeps at most five versions; version ids count up (v1, v2…) and are never reused, even
// after a version is deleted. Making it the default changes the permissions of everyone using it.

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_MANAGED_POLICY_SIZE, MAX_POLICY_VERSIONS } from "../../domain/ManagedPolicy.ts";
import type {
  CreatePolicyVersionRequest,
  CreatePolicyVersionResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { assertValidPolicyDocument } from "./assertValidPolicyDocument.ts";
import { policyVersionShape } from "./policyShape.ts";
import { getCustomerPolicyOrThrow } from "./resolvePolicy.ts";

export const CreatePolicyVersion = defineOperation<CreatePolicyVersionRequest, CreatePolicyVersionResponse>({
  service: "iam",
  name: "CreatePolicyVersion",
  action: "iam:CreatePolicyVersion",
  mutating: true,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store, now, invalidate }) {
    const policy = await getCustomerPolicyOrThrow(store, caller, input.PolicyArn, "iam:CreatePolicyVersion");
    // Counted inside the transaction, so two racing requests cannot both create a sixth version.
    const versions = await store.managedPolicies.listVersions(policy.arn);
    if (versions.length >= MAX_POLICY_VERSIONS) {
      throw new LimitExceeded(
        `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    assertValidPolicyDocument(input.PolicyDocument, {
      kind: "identity",
      maxSize: MAX_MANAGED_POLICY_SIZE,
      managed: true,
    });
    const versionId = `v${(await store.managedPolicies.lastVersionNumber(policy.arn)) + 1}`;
    const setAsDefault = input.SetAsDefault === true;
    const version = {
      policyArn: policy.arn,
      versionId,
      document: input.PolicyDocument,
      isDefaultVersion: setAsDefault,
      createDate: now,
    };
    await store.managedPolicies.createVersion(version);
    if (setAsDefault) {
      await store.managedPolicies.setDefaultVersion(policy.arn, versionId, now);
      invalidate({ kind: "managedPolicy", id: policy.arn });
    }
    // AWS answers the new version without its document (GetPolicyVersion gives it).
    return { PolicyVersion: policyVersionShape(version, false) };
  },
});
