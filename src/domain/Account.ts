// An AWS account: the tenant every identity, ARN and policy belongs to.

export interface Account {
  readonly accountId: string;
  readonly createDate: Date;
}

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
