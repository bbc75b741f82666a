// Who is calling: the identity a verified credential resolves to, and how it was authenticated.
// One model for every kind of principal AWS has — the account root, IAM users, role sessions and
// federated users — built by the functions below from a long-term key or a session token alike,
// and read by authorization, operations and audit.

import type { Tag } from "./Tag.ts";

export type PrincipalType =
  | "Root"
  | "IAMUser"
  | "AssumedRole"
  | "FederatedUser"
  // Someone an identity provider vouches for, during the one call that trades the provider's
  // token or assertion for a role session (AssumeRoleWithWebIdentity, AssumeRoleWithSAML).
  | "WebIdentityUser"
  | "SAMLUser";

/** How the caller proved who they are; the 2023 MFA remediation and the audit trail turn on this. */
export type CredentialKind = "long-term-key" | "session" | "console" | "identity-token";

export interface CallerCredential {
  readonly kind: CredentialKind;
  readonly accessKeyId: string;
  /** Set for sessions: when the session was issued (aws:TokenIssueTime). */
  readonly issuedAt?: Date;
  readonly expiresAt?: Date;
  /** Set for sessions that were opened with an MFA code: when that code was checked. */
  readonly mfaAuthenticatedAt?: Date;
  /** The long-term key a session was obtained with (first link of a chain). */
  readonly sourceAccessKeyId?: string;
  /**
   * The IAM user whose long-term key began this credential's chain (GetSessionToken, AssumeRole,
   * chained AssumeRole): whatever the chain passes through, it is still that user's key.
   */
  readonly originUserId?: string;
  /** The inline session policy (AssumeRole's `Policy`). */
  readonly sessionPolicy?: string;
  /** Managed session policies (AssumeRole's `PolicyArns`), resolved at each decision. */
  readonly sessionPolicyArns?: readonly string[];
}

/** What a role session carries besides its role: AssumeRole's inputs that outlive the call. */
export interface RoleSession {
  readonly roleId: string;
  readonly roleName: string;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly sourceIdentity?: string;
  /** Session tags: they win over the role's own tags of the same key (aws:PrincipalTag). */
  readonly tags: readonly Tag[];
  /** Keys of `tags` that pass on when this session assumes another role. */
  readonly transitiveTagKeys: readonly string[];
  /** Opened by a role session (role chaining), which caps its duration at one hour. */
  readonly chained: boolean;
  /**
   * The OIDC provider that vouched for the session's web identity (AssumeRoleWithWebIdentity):
   * AWS's aws:FederatedProvider in the session's own requests.
   */
  readonly federatedProvider?: string;
}

/**
 * What an identity provider's verified token or assertion says: the provider (as the trust
 * policy's `Federated` principal names it) and the condition keys AWS derives from the token
 * (`<host>:sub`, `<host>:aud`, `saml:sub`, …), which only trust policies see.
 */
export interface IdentityProviderClaim {
  readonly providerArn: string;
  readonly conditionKeys: Readonly<Record<string, string | readonly string[]>>;
}

export interface CallerIdentity {
  readonly type: PrincipalType;
  readonly accountId: string;
  /** The identity ARN (`arn:aws:iam::123456789012:user/alice`, `…:root`, or an assumed-role session ARN). */
  readonly arn: string;
  /** AWS's unique id: `AIDA…` for users, the account id for root, `AROA…:session` for role sessions. */
  readonly principalId: string;
  readonly userName?: string;
  /** The IAM user's internal id, for users and their sessions. */
  readonly userId?: string;
  /** For role sessions. */
  readonly roleSession?: RoleSession;
  /** For WebIdentityUser and SAMLUser callers. */
  readonly identityProvider?: IdentityProviderClaim;
  /**
   * For FederatedUser callers (GetFederationToken): the IAM user whose policies bound the session
   * (absent `userId`: the account root). Not `userId`: the session is not that user.
   */
  readonly federatingUser?: { readonly arn: string; readonly userId?: string };
  readonly credential: CallerCredential;
}

export function isRoot(caller: CallerIdentity): boolean {
  return caller.type === "Root";
}

export function rootCaller(accountId: string, credential: CallerCredential): CallerIdentity {
  return {
    type: "Root",
    accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    principalId: accountId,
    credential,
  };
}

export function userCaller(
  user: { accountId: string; userId: string; userName: string; arn: string },
  credential: CallerCredential,
): CallerIdentity {
  return {
    type: "IAMUser",
    accountId: user.accountId,
    arn: user.arn,
    principalId: user.userId,
    userName: user.userName,
    userId: user.userId,
    credential,
  };
}

/**
 * The caller of AssumeRoleWithWebIdentity or AssumeRoleWithSAML once its token is verified: it
 * has no credential of its own and no identity policies, so the role's trust policy alone
 * decides, on the provider's ARN and the keys the token supplies. `principalId` is how the
 * audit trail names it (AWS: `<provider>:<audience>:<subject>` for web identities).
 */
export function identityProviderCaller(
  type: "WebIdentityUser" | "SAMLUser",
  accountId: string,
  claim: IdentityProviderClaim & { readonly principalId: string; readonly userName?: string },
): CallerIdentity {
  return {
    type,
    accountId,
    arn: claim.providerArn,
    principalId: claim.principalId,
    ...(claim.userName !== undefined ? { userName: claim.userName } : {}),
    identityProvider: { providerArn: claim.providerArn, conditionKeys: claim.conditionKeys },
    credential: { kind: "identity-token", accessKeyId: "" },
  };
}

/** AWS's ARN for a GetFederationToken session. */
export function federatedUserArn(accountId: string, name: string): string {
  return `arn:aws:sts::${accountId}:federated-user/${name}`;
}

/** A GetFederationToken session: `ACCOUNT:NAME` is its id, as AWS's FederatedUserId. */
export function federatedUserCaller(
  accountId: string,
  name: string,
  federatingUser: { arn: string; userId?: string },
  credential: CallerCredential,
): CallerIdentity {
  return {
    type: "FederatedUser",
    accountId,
    arn: federatedUserArn(accountId, name),
    principalId: `${accountId}:${name}`,
    federatingUser,
    credential,
  };
}

/** The assumed-role session ARN AWS gives a role session: the role's path is not part of it. */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export function roleSessionCaller(
  accountId: string,
  session: RoleSession,
  credential: CallerCredential,
): CallerIdentity {
  return {
    type: "AssumedRole",
    accountId,
    arn: assumedRoleArn(accountId, session.roleName, session.sessionName),
    principalId: `${session.roleId}:${session.sessionName}`,
    roleSession: session,
    credential,
  };
}

/**
 * The ARN that identifies the principal in policies' `aws:PrincipalArn`: the role's ARN for a
 * role session (not the session's), the identity ARN otherwise.
 */
export function principalArnOf(caller: CallerIdentity): string {
  return caller.roleSession?.roleArn ?? caller.arn;
}
