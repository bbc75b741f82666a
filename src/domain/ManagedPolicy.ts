// Managed policies and their versions, customer-managed (stored per account) and AWS-managed
// (shipped as data, account "aws"). A policy's document is kept exactly as submitted: AWS returns
// it URL-encoded but otherwise unchanged, and the lenient parser reads it on every load.

export interface ManagedPolicy {
  /** "aws" for AWS-managed policies. */
  readonly accountId: string;
  readonly policyId: string;
  readonly policyName: string;
  readonly path: string;
  readonly arn: string;
  readonly defaultVersionId: string;
  readonly description?: string;
  readonly createDate: Date;
  readonly updateDate: Date;
}

export interface PolicyVersion {
  readonly policyArn: string;
  readonly versionId: string;
  readonly document: string;
  readonly isDefaultVersion: boolean;
  readonly createDate: Date;
}

export interface InlinePolicy {
  readonly policyName: string;
  readonly document: string;
}

/** AWS's quotas for managed policies. */
export const MAX_POLICY_VERSIONS = 5;
export const MAX_MANAGED_POLICIES_PER_USER = 10;
export const MAX_MANAGED_POLICY_SIZE = 6144;
export const MAX_INLINE_USER_POLICY_TOTAL_SIZE = 2048;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return arn.startsWith("arn:aws:iam::aws:policy/");
}
