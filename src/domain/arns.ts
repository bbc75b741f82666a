// ARN builders for the identities Portcullis stores, in the forms AWS documents
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** Paths begin and end with '/'; the ARN is the path followed by the name. */
export function iamResourceArn(accountId: string, kind: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${kind}${path}${name}`;
}

export function userArn(accountId: string, path: string, userName: string): string {
  return iamResourceArn(accountId, "user", path, userName);
}

export function groupArn(accountId: string, path: string, groupName: string): string {
  return iamResourceArn(accountId, "group", path, groupName);
}

const USER_ARN = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/;

/** The account and user name in a user ARN (any path), or undefined if `arn` is not one. */
export function parseUserArn(arn: string): { accountId: string; userName: string } | undefined {
  const m = USER_ARN.exec(arn);
  return m ? { accountId: m[1] as string, userName: m[2] as string } : undefined;
}

export function mfaDeviceArn(accountId: string, path: string, deviceName: string): string {
  return iamResourceArn(accountId, "mfa", path, deviceName);
}

export function policyArn(accountId: string, path: string, policyName: string): string {
  return iamResourceArn(accountId, "policy", path, policyName);
}

export function roleArn(accountId: string, path: string, roleName: string): string {
  return iamResourceArn(accountId, "role", path, roleName);
}

export function instanceProfileArn(accountId: string, path: string, instanceProfileName: string): string {
  return iamResourceArn(accountId, "instance-profile", path, instanceProfileName);
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]{1,64})$/;

/** The account and role name in a role ARN (any path), or undefined if `arn` is not one. */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const m = ROLE_ARN.exec(arn);
  return m ? { accountId: m[1] as string, roleName: m[2] as string } : undefined;
}
