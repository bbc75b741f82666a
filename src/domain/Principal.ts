// Who is calling: the identity a verified credential resolves to, and how it was authenticated.
// Built by the server's authenticate step, read by authorization, operations and audit.

export type PrincipalType = "Root" | "IAMUser" | "AssumedRole" | "FederatedUser";

/** How the caller proved who they are; the 2023 MFA remediation and the audit trail turn on this. */
export type CredentialKind = "long-term-key" | "session" | "console";

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
  readonly credential: {
    readonly kind: CredentialKind;
    readonly accessKeyId: string;
    /** Set for sessions: when the session was issued (aws:TokenIssueTime). */
    readonly issuedAt?: Date;
    readonly expiresAt?: Date;
    /** Set for sessions that were opened with an MFA code: when that code was checked. */
    readonly mfaAuthenticatedAt?: Date;
    /** The long-term key a session was obtained with. */
    readonly sourceAccessKeyId?: string;
    readonly sessionPolicy?: string;
  };
}

export function isRoot(caller: CallerIdentity): boolean {
  return caller.type === "Root";
}
