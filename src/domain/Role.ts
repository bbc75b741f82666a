// An IAM role as stored: AWS's fields plus the account it lives in, and AWS's quotas for roles
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).

export interface Role {
  readonly accountId: string;
  /** "AROA…". */
  readonly roleId: string;
  readonly roleName: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  /** The trust policy exactly as submitted; AWS returns it URL-encoded but otherwise unchanged. */
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  /** Seconds a session of this role may last at most. */
  readonly maxSessionDuration: number;
  readonly permissionsBoundaryArn?: string;
  readonly lastUsed?: { readonly date: Date; readonly region: string };
}

export const MAX_ROLES_PER_ACCOUNT = 1000;
export const MAX_MANAGED_POLICIES_PER_ROLE = 10;
/** A role's inline policies together, in characters not counting white space. */
export const MAX_INLINE_ROLE_POLICY_TOTAL_SIZE = 10240;
/** The trust policy, in characters not counting white space. */
export const MAX_TRUST_POLICY_SIZE = 2048;
export const DEFAULT_MAX_SESSION_DURATION = 3600;
export const MIN_MAX_SESSION_DURATION = 3600;
export const MAX_MAX_SESSION_DURATION = 43200;
