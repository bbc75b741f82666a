// The AWS-managed policies Portcullis ships: data (one JSON file per policy under
// aws-managed-policies/), read through static JSON imports so the domain layer does no I/O.
// Every account may read and attach them at `arn:aws:iam::aws:policy/PATH/NAME`; none may change
// them. Imports nothing but the domain.

import administratorAccess from "./aws-managed-policies/AdministratorAccess.json" with { type: "json" };
import iamFullAccess from "./aws-managed-policies/IAMFullAccess.json" with { type: "json" };
import iamReadOnlyAccess from "./aws-managed-policies/IAMReadOnlyAccess.json" with { type: "json" };
import iamSelfManageServiceSpecificCredentials from "./aws-managed-policies/IAMSelfManageServiceSpecificCredentials.json" with {
  type: "json",
};
import iamUserChangePassword from "./aws-managed-policies/IAMUserChangePassword.json" with { type: "json" };
import powerUserAccess from "./aws-managed-policies/PowerUserAccess.json" with { type: "json" };
import readOnlyAccess from "./aws-managed-policies/ReadOnlyAccess.json" with { type: "json" };
import type { ManagedPolicy } from "./ManagedPolicy.ts";

/** The shape of one catalog file, as AWS's GetPolicy and GetPolicyVersion describe the policy. */
interface CatalogFile {
  PolicyName: string;
  Path: string;
  PolicyId: string;
  DefaultVersionId: string;
  CreateDate: string;
  UpdateDate: string;
  Description: string;
  Document: unknown;
}

export interface AwsManagedPolicy {
  readonly policy: ManagedPolicy;
  /** The default version's document as text, indented as AWS returns its own policies. */
  readonly document: string;
}

export const AWS_MANAGED_ACCOUNT = "aws";

function fromFile(file: CatalogFile): AwsManagedPolicy {
  return {
    policy: {
      accountId: AWS_MANAGED_ACCOUNT,
      policyId: file.PolicyId,
      policyName: file.PolicyName,
      path: file.Path,
      arn: `arn:aws:iam::${AWS_MANAGED_ACCOUNT}:policy${file.Path}${file.PolicyName}`,
      defaultVersionId: file.DefaultVersionId,
      description: file.Description,
      createDate: new Date(file.CreateDate),
      updateDate: new Date(file.UpdateDate),
    },
    document: JSON.stringify(file.Document, null, 4),
  };
}

const CATALOG: readonly AwsManagedPolicy[] = [
  administratorAccess,
  iamFullAccess,
  iamReadOnlyAccess,
  iamSelfManageServiceSpecificCredentials,
  iamUserChangePassword,
  powerUserAccess,
  readOnlyAccess,
]
  .map(fromFile)
  .sort((a, b) => a.policy.policyName.localeCompare(b.policy.policyName, "en"));

const BY_ARN: ReadonlyMap<string, AwsManagedPolicy> = new Map(CATALOG.map((p) => [p.policy.arn, p]));

/** The AWS-managed policy at this ARN (ARNs compare exactly, as AWS's do), if Portcullis ships it. */
export function getAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

/** Every shipped AWS-managed policy, in name order. */
export function listAwsManagedPolicies(): readonly AwsManagedPolicy[] {
  return CATALOG;
}

/** The catalog in the form the policy resolver reads (`AwsManagedPolicySource`). */
export const awsManagedPolicySource = {
  get(arn: string): { policyId: string; policyName: string; document: string } | undefined {
    const found = BY_ARN.get(arn);
    return (
      found && {
        policyId: found.policy.policyId,
        policyName: found.policy.policyName,
        document: found.document,
      }
    );
  },
};
