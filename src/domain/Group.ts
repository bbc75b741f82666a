// An IAM group as stored, and AWS's quotas on groups
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Groups have no
// tags and no permissions boundary: they only carry policies for their members.

export interface Group {
  readonly accountId: string;
  /** "AGPA…", from generateUniqueId. */
  readonly groupId: string;
  readonly groupName: string;
  readonly path: string;
  /** arn:aws:iam::ACCOUNT:group/PATH/NAME */
  readonly arn: string;
  readonly createDate: Date;
}

export const MAX_GROUPS_PER_USER = 10;
export const MAX_GROUPS_PER_ACCOUNT = 300;
export const MAX_MANAGED_POLICIES_PER_GROUP = 10;
/** Characters of all a group's inline policies together, white space not counted (measurePolicySize). */
export const MAX_INLINE_GROUP_POLICY_TOTAL_SIZE = 5120;
