// GetPolicyVersion: one version of a managed policy, its document URL-encoded as AWS returns it.
// An AWS-managed policy has every version its catalog recorded, old ones included.

import type { GetPolicyVersionRequest, GetPolicyVersionResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { policyVersionShape } from "./policyShape.ts";
import { getPolicyOrThrow, noSuchPolicyVersion, policyVersion } from "./resolvePolicy.ts";

export const GetPolicyVersion = defineOperation<GetPolicyVersionRequest, GetPolicyVersionResponse>({
  service: "iam",
  name: "GetPolicyVersion",
  action: "iam:GetPolicyVersion",
  mutating: false,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store }) {
    const resolved = await getPolicyOrThrow(store, caller, input.PolicyArn, "iam:GetPolicyVersion");
    const version = await policyVersion(store, resolved, input.VersionId);
    if (!version) throw noSuchPolicyVersion(input.PolicyArn, input.VersionId);
    return { PolicyVersion: policyVersionShape(version, true) };
  },
});
