// An instance profile as stored: a container that passes one role to an EC2 instance, with the
// account it lives in and AWS's quotas for instance profiles.

export interface InstanceProfile {
  readonly accountId: string;
  /** "AIPA…". */
  readonly instanceProfileId: string;
  readonly instanceProfileName: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  /** The roles in the profile, in the order they were added (AWS allows one). */
  readonly roleIds: readonly string[];
}

export const MAX_INSTANCE_PROFILES_PER_ACCOUNT = 1000;
/** AWS's quota name for it is InstanceSessionsPerInstanceProfile. */
export const MAX_ROLES_PER_INSTANCE_PROFILE = 1;
