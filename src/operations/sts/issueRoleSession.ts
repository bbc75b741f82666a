// Issuing a role session, the part every sts:AssumeRole* call shares once the caller is trusted:
// session tags (the parent session's transitive tags first), session policies and their packed
// size, the source identity (set once per chain), fresh temporary credentials sealed into a
// session token, and the role's last use. AssumeRole, AssumeRoleWithSAML and
// AssumeRoleWithWebIdentity differ only in who the caller is and where these inputs come from.

import { AccessDenied, ValidationError } from "../../domain/errors/commonErrors.ts";
import { assumedRoleArn, type CallerIdentity } from "../../domain/Principal.ts";
import type { Role } from "../../domain/Role.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { AssumedRoleUser, Credentials } from "../../generated/sts/stsShapes.ts";
import { assertUniqueTagKeys } from "../iam/validateTags.ts";
import type { OperationContext } from "../OperationContext.ts";
import { issueTemporaryCredentials } from "./issueTemporaryCredentials.ts";
import { ROLE_CHAINING_MAX_SECONDS, sessionPolicies } from "./sessionPolicies.ts";
import { sessionTags } from "./sessionTags.ts";

export const DEFAULT_ROLE_SESSION_SECONDS = 3_600;

/**
 * The duration a session may have: the request's (one hour by default) within the role's
 * MaxSessionDuration, and at most one hour when a role session assumes a role (chaining).
 */
export function roleSessionDuration(
  role: Role,
  caller: CallerIdentity,
  requested: number | undefined,
): number {
  const duration = requested ?? DEFAULT_ROLE_SESSION_SECONDS;
  if (caller.roleSession !== undefined && duration > ROLE_CHAINING_MAX_SECONDS) {
    throw new ValidationError(
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (duration > role.maxSessionDuration) {
    throw new ValidationError(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  return duration;
}

export interface RoleSessionRequest {
  readonly role: Role;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  readonly policy: { Policy?: string; PolicyArns?: readonly { arn?: string }[] };
  readonly sourceIdentity?: string;
  /** When an MFA code was checked for this call, if one was. */
  readonly mfaProvedAt?: Date;
}

export interface IssuedRoleSession {
  Credentials: Credentials;
  AssumedRoleUser: AssumedRoleUser;
  PackedPolicySize?: number;
  SourceIdentity?: string;
}

export async function issueRoleSession(
  request: RoleSessionRequest,
  ctx: Pick<OperationContext, "caller" | "store" | "now" | "random" | "sealer" | "region" | "auditDetails">,
): Promise<IssuedRoleSession> {
  const { caller, store, now, random, sealer, region, auditDetails } = ctx;
  const { role, sessionName } = request;
  const parent = caller.roleSession;
  const chained = parent !== undefined;
  assertUniqueTagKeys(request.tags);
  const tags = sessionTags(parent, request.tags, request.transitiveTagKeys);
  const policies = sessionPolicies(request.policy, tags.tags);

  // The source identity is set once, by the first session of a chain, and then sticks.
  const sourceIdentity = parent?.sourceIdentity ?? request.sourceIdentity;
  if (
    parent?.sourceIdentity !== undefined &&
    request.sourceIdentity !== undefined &&
    request.sourceIdentity !== parent.sourceIdentity
  ) {
    // AWS wording unconfirmed.
    throw new AccessDenied("The source identity of a role session cannot be changed by role chaining.");
  }

  const mfaAt = request.mfaProvedAt ?? caller.credential.mfaAuthenticatedAt;
  const arn = assumedRoleArn(role.accountId, role.roleName, sessionName);
  const assumedRoleId = `${role.roleId}:${sessionName}`;
  const originUserId = caller.userId ?? caller.credential.originUserId;
  const sourceAccessKeyId = sourceAccessKeyOf(caller);
  // AWS documents aws:FederatedProvider in the sessions of roles assumed through an OIDC provider.
  const federatedProvider =
    caller.type === "WebIdentityUser" ? caller.identityProvider?.providerArn : undefined;
  const credentials = issueTemporaryCredentials(
    {
      accountId: role.accountId,
      principalType: "assumed-role",
      principalArn: arn,
      principalId: assumedRoleId,
      roleId: role.roleId,
      roleName: role.roleName,
      roleArn: role.arn,
      roleSessionName: sessionName,
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
      ...(mfaAt ? { mfaAuthenticatedAt: Math.floor(mfaAt.getTime() / 1000) } : {}),
      ...(policies.inline !== undefined ? { sessionPolicy: policies.inline } : {}),
      ...(policies.arns.length > 0 ? { sessionPolicyArns: policies.arns } : {}),
      ...(sourceAccessKeyId ? { sourceAccessKeyId } : {}),
      ...(originUserId ? { originUserId } : {}),
      ...(tags.tags.length > 0 ? { tags: Object.fromEntries(tags.tags.map((t) => [t.Key, t.Value])) } : {}),
      ...(tags.transitiveTagKeys.length > 0 ? { transitiveTagKeys: tags.transitiveTagKeys } : {}),
      ...(chained ? { chained: 1 } : {}),
      ...(federatedProvider !== undefined ? { federatedProvider } : {}),
    },
    request.durationSeconds,
    { now, random, sealer },
  );
  await store.roles.recordLastUsed(role.roleId, now, region);
  auditDetails.temporaryAccessKeyId = credentials.AccessKeyId;
  auditDetails.mfaAuthenticated = mfaAt !== undefined;
  auditDetails.chained = chained;
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
    ...(policies.packedPolicySize !== undefined ? { PackedPolicySize: policies.packedPolicySize } : {}),
    ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
  };
}

/** The long-term key a chain of sessions began with, if it began with one. */
export function sourceAccessKeyOf(caller: CallerIdentity): string | undefined {
  return (
    caller.credential.sourceAccessKeyId ??
    (caller.credential.kind === "long-term-key" ? caller.credential.accessKeyId : undefined)
  );
}
