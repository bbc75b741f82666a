// DeletePolicy: removes a customer-managed policy with its default version and tags. AWS refuses
// while anything uses it (attached, or as a permissions boundary) or while it has versions other
// than the default, which must be deleted first.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeletePolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { policyUsage } from "./policyShape.ts";
import { getCustomerPolicyOrThrow } from "./resolvePolicy.ts";

export const DeletePolicy = defineOperation<DeletePolicyRequest, void>({
  service: "iam",
  name: "DeletePolicy",
  action: "iam:DeletePolicy",
  mutating: true,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store, invalidate }) {
    const policy = await getCustomerPolicyOrThrow(store, caller, input.PolicyArn, "iam:DeletePolicy");
    const usage = await policyUsage(store, caller.accountId, policy.arn);
    if (usage.attachments > 0 || usage.boundaries > 0) {
      throw new DeleteConflict("Cannot delete a policy attached to entities.");
    }
    if ((await store.managedPolicies.listVersions(policy.arn)).length > 1) {
      throw new DeleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    await store.managedPolicies.delete(policy.arn);
    // Nothing references it any more, but compiled copies keyed by its ARN must go.
    invalidate({ kind: "managedPolicy", id: policy.arn });
  },
});
