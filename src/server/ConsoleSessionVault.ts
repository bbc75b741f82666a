// Where the console's sessions are kept: in the store, so a session made by one worker or node is
// honoured by every other (no sticky routing needed). A row is keyed by a SHA-256 of the session
// id — the id travels only in the cookie and is the secret — and the whole state (CSRF token,
// pending sign-in, session credential with its secret and token, flash, MFA set-up seed, a new
// access key's secret, WebAuthn challenge) is sealed as one blob under the master key.
//
// Sign-out deletes the row and records it in one transaction; from then on the session's
// credential is refused by the API too (CredentialResolver asks `holdsCredential` for console
// credentials), on every process at once, as the row is the only thing that vouches for it.

import { createHash, createHmac } from "node:crypto";
import { buildConsoleSignOutEvent } from "../audit/buildConsoleLoginEvent.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { Store } from "../store/ports.ts";

/** The sealing context of a console session's state: it cannot be replayed as another secret. */
const CONSOLE_SESSION_CONTEXT = "portcullis:console-session:v1";

/** One session as the console loads and saves it. */
export interface StoredConsoleSession<S> {
  readonly state: S;
  /** The credential's access key id, once signed in: the API honours it while the row lives. */
  readonly accessKeyId?: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/** JSON that keeps Dates and bytes (a pending sign-in's start, a QR code) as they were. */
function encodeState(state: unknown): string {
  return JSON.stringify(state, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString("base64") };
    return value;
  });
}

function decodeState<S>(text: string): S {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && typeof value.$date === "string") return new Date(value.$date);
      if (keys.length === 1 && typeof value.$bytes === "string") return Buffer.from(value.$bytes, "base64");
    }
    return value;
  }) as S;
}

export class ConsoleSessionVault {
  private readonly anonymousKey: Buffer;

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
  ) {
    this.anonymousKey = sealer.deriveKey("console-anonymous-csrf");
  }

  /**
   * The CSRF token of a session that has no row yet (a sign-in form shown): an HMAC of its id
   * under a key derived from the master key, so every worker and node derives the same token and
   * showing a page writes nothing.
   */
  anonymousCsrfToken(id: string): string {
    return createHmac("sha256", this.anonymousKey).update(id).digest("base64url");
  }

  async load<S>(id: string): Promise<StoredConsoleSession<S> | undefined> {
    const row = await this.store.consoleSessions.get(hashSessionId(id));
    if (!row) return undefined;
    let state: S;
    try {
      state = decodeState<S>(this.sealer.unseal(row.stateSealed, CONSOLE_SESSION_CONTEXT).toString("utf8"));
    } catch {
      // Sealed under another master key, or tampered with: no session.
      return undefined;
    }
    return {
      state,
      ...(row.accessKeyId ? { accessKeyId: row.accessKeyId } : {}),
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
    };
  }

  /** Saves a session; `replaces`, a rotated session's old id, dies in the same transaction. */
  async save<S>(id: string, session: StoredConsoleSession<S>, replaces?: string): Promise<void> {
    const record = {
      idHash: hashSessionId(id),
      ...(session.accessKeyId ? { accessKeyId: session.accessKeyId } : {}),
      stateSealed: this.sealer.seal(encodeState(session.state), CONSOLE_SESSION_CONTEXT),
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
    };
    if (replaces === undefined) return this.store.consoleSessions.put(record);
    await this.store.transaction(async (tx) => {
      await tx.consoleSessions.delete(hashSessionId(replaces));
      await tx.consoleSessions.put(record);
    });
  }

  touch(id: string, at: Date): Promise<void> {
    return this.store.consoleSessions.touch(hashSessionId(id), at);
  }

  /** Forgets a session that ended on its own (idle, expired). */
  async forget(id: string): Promise<void> {
    await this.store.consoleSessions.delete(hashSessionId(id));
  }

  /**
   * Sign-out: the session, and with it its credential, ends everywhere; a signed-in session's
   * end is recorded in the same transaction.
   */
  async signOut(
    id: string,
    signedIn: { caller: CallerIdentity; accessKeyId: string } | undefined,
    from: { sourceIp: string; userAgent: string; time: Date },
  ): Promise<void> {
    await this.store.transaction(async (tx) => {
      const deleted = await tx.consoleSessions.delete(hashSessionId(id));
      if (!deleted || !signedIn) return;
      const { caller } = signedIn;
      await tx.audit.append([
        buildConsoleSignOutEvent({
          time: from.time,
          sourceIp: from.sourceIp,
          userAgent: from.userAgent.slice(0, 1024),
          accountId: caller.accountId,
          principal: {
            type: caller.type === "Root" ? "Root" : "IAMUser",
            principalId: caller.principalId,
            arn: caller.arn,
            ...(caller.userName ? { userName: caller.userName } : {}),
          },
          accessKeyId: signedIn.accessKeyId,
        }),
      ]);
    });
  }

  /** Deletes the sessions that ended on their own; returns how many. */
  sweep(now: Date, idleTimeoutMs: number): Promise<number> {
    return this.store.consoleSessions.deleteExpired(now, new Date(now.getTime() - idleTimeoutMs));
  }
}
