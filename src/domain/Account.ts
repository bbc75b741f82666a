// An AWS account: the tenant every identity, ARN and policy belongs to.

export interface Account {
  readonly accountId: string;
  readonly createDate: Date;
  /** The account alias, if one is set (one per account at most). */
  readonly alias?: string;
}

/** AWS's account alias rule: 3–63 lower-case letters, digits and hyphens, not at either end. */
export const ACCOUNT_ALIAS_PATTERN = /^[a-z0-9](([a-z0-9]|-(?!-)){1,61})[a-z0-9]$/;

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
