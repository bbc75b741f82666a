// Turns the access key id a request was signed with into the caller and the secret to check the
// signature against. Long-term keys are read from the store once and cached (with the secret
// unsealed, in memory only); temporary credentials carry everything in their sealed session
// token, so they need no read at all beyond checking that their user still exists (and, for the
// console's credentials, that their console session has not ended).
//
// Every failure is the same InvalidClientTokenId, whatever was wrong inside (unknown key,
// inactive key, deleted user, forged or mismatched token); only an expired session says so.

import type { Sealer } from "../auth/sealing/Sealer.ts";
import { decodeSessionToken, type SessionClaims } from "../auth/session/SessionToken.ts";
import type { SigV4Claim } from "../auth/sigv4/SigV4Claim.ts";
import { ACCESS_KEY_SECRET_CONTEXT } from "../domain/AccessKey.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import { ExpiredToken, InvalidClientTokenId } from "../domain/errors/authErrors.ts";
import {
  type CallerIdentity,
  federatedUserCaller,
  roleSessionCaller,
  rootCaller,
  userCaller,
} from "../domain/Principal.ts";
import type { Role } from "../domain/Role.ts";
import type { User } from "../domain/User.ts";
import type { Store } from "../store/ports.ts";
import { CONSOLE_IDLE_TIMEOUT_MS } from "./ConsoleSignIn.ts";
import { DependentCache, type Loaded } from "./caches/DependentCache.ts";

export interface ResolvedCredential {
  caller: CallerIdentity;
  secretAccessKey: string;
}

const MAX_CACHED_KEYS = 50_000;

export class CredentialResolver {
  private readonly longTerm = new DependentCache<ResolvedCredential | undefined>(MAX_CACHED_KEYS);
  private readonly users = new DependentCache<User | undefined>(MAX_CACHED_KEYS);
  private readonly roles = new DependentCache<Role | undefined>(MAX_CACHED_KEYS);
  /** The caches, by name, for the metrics. */
  readonly caches = { accessKeys: this.longTerm, sessionUsers: this.users, sessionRoles: this.roles };

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly consoleIdleTimeoutMs = CONSOLE_IDLE_TIMEOUT_MS,
  ) {}

  /** Drops the cached keys and principals built from what a change touched. */
  invalidate(changed: readonly ChangedEntity[]): void {
    this.longTerm.invalidate(changed);
    this.users.invalidate(changed);
    this.roles.invalidate(changed);
  }

  async resolve(claim: SigV4Claim, now: Date): Promise<ResolvedCredential> {
    if (claim.securityToken !== undefined) return this.resolveSession(claim, now);
    if (claim.accessKeyId.startsWith("ASIA")) throw new InvalidClientTokenId();
    const hit = this.longTerm.peek(claim.accessKeyId);
    const resolved = hit
      ? hit.value
      : await this.longTerm.get(claim.accessKeyId, () => this.loadLongTerm(claim.accessKeyId));
    if (!resolved) throw new InvalidClientTokenId();
    return resolved;
  }

  /** A long-term key and its owner; unknown and inactive keys are cached as absent too. */
  private async loadLongTerm(accessKeyId: string): Promise<Loaded<ResolvedCredential | undefined>> {
    const dependsOn: ChangedEntity[] = [{ kind: "accessKey", id: accessKeyId }];
    const key = await this.store.accessKeys.get(accessKeyId);
    if (key?.status !== "Active") return { value: undefined, dependsOn };
    const secretAccessKey = this.sealer.unseal(key.secretSealed, ACCESS_KEY_SECRET_CONTEXT).toString("utf8");
    const credential = { kind: "long-term-key", accessKeyId } as const;
    if (!key.userId) {
      dependsOn.push({ kind: "account", id: key.accountId });
      return { value: { secretAccessKey, caller: rootCaller(key.accountId, credential) }, dependsOn };
    }
    dependsOn.push({ kind: "user", id: key.userId });
    const user = await this.store.users.getById(key.userId);
    if (!user) return { value: undefined, dependsOn };
    return { value: { secretAccessKey, caller: userCaller(user, credential) }, dependsOn };
  }

  private async resolveSession(claim: SigV4Claim, now: Date): Promise<ResolvedCredential> {
    const token = claim.securityToken as string;
    let session: SessionClaims;
    try {
      session = decodeSessionToken(token, this.sealer);
    } catch {
      throw new InvalidClientTokenId();
    }
    if (session.accessKeyId !== claim.accessKeyId) throw new InvalidClientTokenId();
    if (now.getTime() >= session.expiresAt * 1000) throw new ExpiredToken();
    // A console credential is good only while its console session holds it: sign-out (or the
    // session's idle end) revokes it on every process at once. One indexed read, console calls only.
    if (
      session.console === 1 &&
      !(await this.store.consoleSessions.holdsCredential(
        session.accessKeyId,
        now,
        new Date(now.getTime() - this.consoleIdleTimeoutMs),
      ))
    ) {
      throw new InvalidClientTokenId();
    }
    const credential = {
      // A console session is authenticated like any other session; the audit trail and the MFA
      // facts tell the two apart.
      kind: session.console === 1 ? ("console" as const) : ("session" as const),
      accessKeyId: session.accessKeyId,
      issuedAt: new Date(session.issuedAt * 1000),
      expiresAt: new Date(session.expiresAt * 1000),
      ...(session.mfaAuthenticatedAt !== undefined
        ? { mfaAuthenticatedAt: new Date(session.mfaAuthenticatedAt * 1000) }
        : {}),
      ...(session.sourceAccessKeyId ? { sourceAccessKeyId: session.sourceAccessKeyId } : {}),
      ...(session.originUserId ? { originUserId: session.originUserId } : {}),
      ...(session.sessionPolicy ? { sessionPolicy: session.sessionPolicy } : {}),
      ...(session.sessionPolicyArns ? { sessionPolicyArns: session.sessionPolicyArns } : {}),
    };
    if (session.principalType === "root") {
      return {
        secretAccessKey: session.secretAccessKey,
        caller: rootCaller(session.accountId, credential),
      };
    }
    if (session.principalType === "user") {
      // A deleted user's sessions die with the user, as in AWS.
      const user = await this.userById(session.principalId);
      if (!user || user.accountId !== session.accountId) throw new InvalidClientTokenId();
      return {
        secretAccessKey: session.secretAccessKey,
        caller: userCaller(user, credential),
      };
    }
    if (session.principalType === "assumed-role" && session.roleId && session.roleSessionName) {
      // A deleted role's sessions die with the role; a role deleted and made again under the
      // same name is another role (a new id), whose trust the old session never passed.
      const role = await this.roleById(session.roleId);
      if (!role || role.accountId !== session.accountId || role.arn !== session.roleArn) {
        throw new InvalidClientTokenId();
      }
      return {
        secretAccessKey: session.secretAccessKey,
        caller: roleSessionCaller(
          session.accountId,
          {
            roleId: role.roleId,
            roleName: role.roleName,
            roleArn: role.arn,
            sessionName: session.roleSessionName,
            ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
            tags: Object.entries(session.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
            transitiveTagKeys: session.transitiveTagKeys ?? [],
            chained: session.chained === 1,
            ...(session.federatedProvider !== undefined
              ? { federatedProvider: session.federatedProvider }
              : {}),
          },
          credential,
        ),
      };
    }
    if (session.principalType === "federated-user" && session.userName) {
      // Federated by a user: its sessions die with the user. By root: no user to check.
      const user = session.originUserId ? await this.userById(session.originUserId) : undefined;
      if (session.originUserId && (!user || user.accountId !== session.accountId))
        throw new InvalidClientTokenId();
      return {
        secretAccessKey: session.secretAccessKey,
        caller: federatedUserCaller(
          session.accountId,
          session.userName,
          user ? { arn: user.arn, userId: user.userId } : { arn: `arn:aws:iam::${session.accountId}:root` },
          credential,
        ),
      };
    }
    throw new InvalidClientTokenId();
  }

  private roleById(roleId: string): Promise<Role | undefined> {
    return this.roles.get(roleId, async () => ({
      value: await this.store.roles.getById(roleId),
      dependsOn: [{ kind: "role", id: roleId }],
    }));
  }

  private userById(userId: string): Promise<User | undefined> {
    return this.users.get(userId, async () => ({
      value: await this.store.users.getById(userId),
      dependsOn: [{ kind: "user", id: userId }],
    }));
  }
}
