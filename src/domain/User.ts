// An IAM user as stored: AWS's fields plus the account it lives in.

export interface User {
  readonly accountId: string;
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly permissionsBoundaryArn?: string;
  readonly passwordLastUsed?: Date;
}
