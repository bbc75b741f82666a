// DeletePolicyVersion: removes a non-default version of a customer-managed policy. The default
// version goes only with the policy itself (DeletePolicy). Its number is not reused.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeletePolicyVersionRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getCustomerPolicyOrThrow, noSuchPolicyVersion } from "./resolvePolicy.ts";

export const DeletePolicyVersion = defineOperation<DeletePolicyVersionRequest, void>({
  service: "iam",
  name: "DeletePolicyVersion",
  action: "iam:DeletePolicyVersion",
  mutating: true,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store }) {
    const policy = await getCustomerPolicyOrThrow(store, caller, input.PolicyArn, "iam:DeletePolicyVersion");
    const version = await store.managedPolicies.getVersion(policy.arn, input.VersionId);
    if (!version) throw noSuchPolicyVersion(input.PolicyArn, input.VersionId);
    if (version.isDefaultVersion) throw new DeleteConflict("Cannot delete the default version of a policy.");
    // A non-default version grants nothing, so no cached permissions change.
    await store.managedPolicies.deleteVersion(policy.arn, input.VersionId);
  },
});
