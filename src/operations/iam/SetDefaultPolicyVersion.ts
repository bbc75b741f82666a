// SetDefaultPolicyVersion: makes an existing version of a customer-managed policy the one in
// force, for every user it is attached to, from the very next request.

import type { SetDefaultPolicyVersionRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getCustomerPolicyOrThrow, noSuchPolicyVersion } from "./resolvePolicy.ts";

export const SetDefaultPolicyVersion = defineOperation<SetDefaultPolicyVersionRequest, void>({
  service: "iam",
  name: "SetDefaultPolicyVersion",
  action: "iam:SetDefaultPolicyVersion",
  mutating: true,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store, now, invalidate }) {
    const policy = await getCustomerPolicyOrThrow(
      store,
      caller,
      input.PolicyArn,
      "iam:SetDefaultPolicyVersion",
    );
    const version = await store.managedPolicies.getVersion(policy.arn, input.VersionId);
    if (!version) throw noSuchPolicyVersion(input.PolicyArn, input.VersionId);
    await store.managedPolicies.setDefaultVersion(policy.arn, input.VersionId, now);
    invalidate({ kind: "managedPolicy", id: policy.arn });
  },
});
