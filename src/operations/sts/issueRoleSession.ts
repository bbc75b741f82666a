// Issuing a role session, as every sts:AssumeRole* operation does once the trust policy allowed
// it: the duration within the role's MaxSessionDuration (one hour when chained), temporary
// credentials, the sealed session token carrying the session's policies, tags and source
// identity, and the role's last use. The operations differ in who the caller is and where the
// session's name, tags and source identity come from, not in this.

import { generateAccessKeyId } from "../../auth/credentials/generateAccessKeyId.ts";
import { generateSecretAccessKey } from "../../auth/credentials/generateSecretAccessKey.ts";
import { encodeSessionToken } from "../../auth/session/SessionToken.ts";
import { ValidationError } from "../../domain/errors/commonErrors.ts";
import { assumedRoleArn, type CallerIdentity } from "../../domain/Principal.ts";
import type { Role } from "../../domain/Role.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { AssumedRoleUser, Credentials } from "../../generated/sts/stsShapes.ts";
import type { OperationContext } from "../OperationContext.ts";
import { ROLE_CHAINING_MAX_SECONDS, type SessionPolicies } from "./sessionPolicies.ts";

export const DEFAULT_ROLE_SESSION_SECONDS = 3_600;

export interface RoleSessionRequest {
  readonly role: Role;
  /** Who assumes the role: a user, root, a role session (chaining) or an identity provider's user. */
  readonly caller: CallerIdentity;
  readonly sessionName: string;
  readonly durationSeconds?: number;
  readonly policies: SessionPolicies;
  readonly tags: { readonly tags: readonly Tag[]; readonly transitiveTagKeys: readonly string[] };
  readonly sourceIdentity?: string;
  readonly mfaAuthenticatedAt?: Date;
}

export interface IssuedRoleSession {
  Credentials: Credentials;
  AssumedRoleUser: AssumedRoleUser;
  PackedPolicySize?: number;
  SourceIdentity?: string;
}

export async function issueRoleSession(
  req: RoleSessionRequest,
  ctx: Pick<OperationContext, "store" | "now" | "random" | "sealer" | "region" | "auditDetails">,
): Promise<IssuedRoleSession> {
  const { role, caller, sessionName, policies, tags, sourceIdentity } = req;
  const chained = caller.roleSession !== undefined;
  const duration = req.durationSeconds ?? DEFAULT_ROLE_SESSION_SECONDS;
  if (chained && duration > ROLE_CHAINING_MAX_SECONDS) {
    throw new ValidationError(
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (duration > role.maxSessionDuration) {
    throw new ValidationError(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }

  const mfaAt = req.mfaAuthenticatedAt;
  const issuedAt = Math.floor(ctx.now.getTime() / 1000);
  const expiresAt = issuedAt + duration;
  const accessKeyId = generateAccessKeyId("temporary", ctx.random, role.accountId);
  const secretAccessKey = generateSecretAccessKey(ctx.random);
  const arn = assumedRoleArn(role.accountId, role.roleName, sessionName);
  const assumedRoleId = `${role.roleId}:${sessionName}`;
  const originUserId = caller.userId ?? caller.credential.originUserId;
  const sourceAccessKeyId =
    caller.credential.sourceAccessKeyId ??
    (caller.credential.kind === "long-term-key" ? caller.credential.accessKeyId : undefined);
  const sessionToken = encodeSessionToken(
    {
      accessKeyId,
      secretAccessKey,
      accountId: role.accountId,
      principalType: "assumed-role",
      principalArn: arn,
      principalId: assumedRoleId,
      roleId: role.roleId,
      roleName: role.roleName,
      roleArn: role.arn,
      roleSessionName: sessionName,
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
      issuedAt,
      expiresAt,
      ...(mfaAt ? { mfaAuthenticatedAt: Math.floor(mfaAt.getTime() / 1000) } : {}),
      ...(policies.inline !== undefined ? { sessionPolicy: policies.inline } : {}),
      ...(policies.arns.length > 0 ? { sessionPolicyArns: policies.arns } : {}),
      ...(sourceAccessKeyId ? { sourceAccessKeyId } : {}),
      ...(originUserId ? { originUserId } : {}),
      ...(tags.tags.length > 0 ? { tags: Object.fromEntries(tags.tags.map((t) => [t.Key, t.Value])) } : {}),
      ...(tags.transitiveTagKeys.length > 0 ? { transitiveTagKeys: [...tags.transitiveTagKeys] } : {}),
      ...(chained ? { chained: 1 } : {}),
    },
    ctx.sealer,
  );
  await ctx.store.roles.recordLastUsed(role.roleId, ctx.now, ctx.region);
  ctx.auditDetails.temporaryAccessKeyId = accessKeyId;
  ctx.auditDetails.mfaAuthenticated = mfaAt !== undefined;
  ctx.auditDetails.chained = chained;
  return {
    Credentials: {
      AccessKeyId: accessKeyId,
      SecretAccessKey: secretAccessKey,
      SessionToken: sessionToken,
      Expiration: new Date(expiresAt * 1000),
    },
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
    ...(policies.packedPolicySize !== undefined ? { PackedPolicySize: policies.packedPolicySize } : {}),
    ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
  };
}
