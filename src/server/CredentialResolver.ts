// Turns the access key id a request was signed with into the caller and the secret to check the
// signature against. Long-term keys are read from the store once and cached (with the secret
// unsealed, in memory only); temporary credentials carry everything in their sealed session
// token, so they need no read at all beyond checking that their user still exists.
//
// Every failure is the same InvalidClientTokenId, whatever was wrong inside (unknown key,
// inactive key, deleted user, forged or mismatched token); only an expired session says so.

import type { Sealer } from "../auth/sealing/Sealer.ts";
import { decodeSessionToken, type SessionClaims } from "../auth/session/SessionToken.ts";
import type { SigV4Claim } from "../auth/sigv4/SigV4Claim.ts";
import { ACCESS_KEY_SECRET_CONTEXT } from "../domain/AccessKey.ts";
import { rootArn } from "../domain/arns.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import { ExpiredToken, InvalidClientTokenId } from "../domain/errors/authErrors.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { User } from "../domain/User.ts";
import type { Store } from "../store/ports.ts";

export interface ResolvedCredential {
  caller: CallerIdentity;
  secretAccessKey: string;
}

const MAX_CACHED_KEYS = 50_000;

function rootCaller(accountId: string, credential: CallerIdentity["credential"]): CallerIdentity {
  return { type: "Root", accountId, arn: rootArn(accountId), principalId: accountId, credential };
}

function userCaller(user: User, credential: CallerIdentity["credential"]): CallerIdentity {
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

export class CredentialResolver {
  private readonly longTerm = new Map<string, ResolvedCredential>();
  private readonly users = new Map<string, User | null>();
  /** Bumped by every invalidation, so a lookup that raced with a change never caches stale data. */
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
  ) {}

  /** Drops every cached principal; the next request reads the store again. */
  invalidate(_changed?: readonly ChangedEntity[]): void {
    this.generation += 1;
    this.longTerm.clear();
    this.users.clear();
  }

  async resolve(claim: SigV4Claim, now: Date): Promise<ResolvedCredential> {
    if (claim.securityToken !== undefined) return this.resolveSession(claim, now);
    if (claim.accessKeyId.startsWith("ASIA")) throw new InvalidClientTokenId();
    const cached = this.longTerm.get(claim.accessKeyId);
    if (cached) return cached;
    const generation = this.generation;
    const resolved = await this.loadLongTerm(claim.accessKeyId);
    if (generation === this.generation) {
      if (this.longTerm.size >= MAX_CACHED_KEYS) this.longTerm.clear();
      this.longTerm.set(claim.accessKeyId, resolved);
    }
    return resolved;
  }

  private async loadLongTerm(accessKeyId: string): Promise<ResolvedCredential> {
    const key = await this.store.accessKeys.get(accessKeyId);
    if (key?.status !== "Active") throw new InvalidClientTokenId();
    const secretAccessKey = this.sealer.unseal(key.secretSealed, ACCESS_KEY_SECRET_CONTEXT).toString("utf8");
    if (!key.userId) {
      return {
        secretAccessKey,
        caller: rootCaller(key.accountId, { kind: "long-term-key", accessKeyId }),
      };
    }
    const user = await this.store.users.getById(key.userId);
    if (!user) throw new InvalidClientTokenId();
    return {
      secretAccessKey,
      caller: userCaller(user, { kind: "long-term-key", accessKeyId }),
    };
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
    const credential = {
      kind: "session" as const,
      accessKeyId: session.accessKeyId,
      issuedAt: new Date(session.issuedAt * 1000),
      expiresAt: new Date(session.expiresAt * 1000),
      ...(session.mfaAuthenticatedAt !== undefined
        ? { mfaAuthenticatedAt: new Date(session.mfaAuthenticatedAt * 1000) }
        : {}),
      ...(session.sourceAccessKeyId ? { sourceAccessKeyId: session.sourceAccessKeyId } : {}),
      ...(session.sessionPolicy ? { sessionPolicy: session.sessionPolicy } : {}),
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
    // Role sessions arrive with the identities issue; until then no such token can be issued.
    throw new InvalidClientTokenId();
  }

  private async userById(userId: string): Promise<User | undefined> {
    const cached = this.users.get(userId);
    if (cached !== undefined) return cached ?? undefined;
    const generation = this.generation;
    const user = await this.store.users.getById(userId);
    if (generation === this.generation) this.users.set(userId, user ?? null);
    return user;
  }
}
