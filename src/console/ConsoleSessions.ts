// The console's sessions, kept server-side and keyed by an opaque random id that travels only in
// an HttpOnly, SameSite=Strict cookie. A session starts anonymous (it holds the sign-in form's
// CSRF token), becomes pending between password and MFA code, then signed in with the session
// credential the console signs its API calls with. The credential never leaves the server; ending
// the session (sign-out, idle timeout, the credential's 12-hour expiry) forgets it.
// Sessions live in this process's memory: a restart signs everyone out.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ConsoleCredential, PendingSignIn } from "../server/ConsoleSignIn.ts";

export const DEFAULT_IDLE_TIMEOUT_MS = 60 * 60_000;
/** An anonymous or pending session is only a form's CSRF token: kept briefly. */
const ANONYMOUS_LIFETIME_MS = 15 * 60_000;
const MAX_SESSIONS = 50_000;

export interface Flash {
  kind: "error" | "info";
  text: string;
}

/** A virtual MFA device being set up: what CreateVirtualMFADevice answered, until it is enabled. */
export interface MfaSetup {
  serialNumber: string;
  qrCodePng: Buffer;
  base32Seed: string;
}

/** An access key just created: its secret is shown once and offered as CSV until the user moves on. */
export interface NewAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  userName: string;
  shown: boolean;
}

export interface ConsoleSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
  pending?: PendingSignIn;
  credential?: ConsoleCredential;
  flash?: Flash;
  mfaSetup?: MfaSetup;
  newAccessKey?: NewAccessKey;
  /** The WebAuthn challenge issued last, used once. */
  webauthnChallenge?: string;
}

export class ConsoleSessions {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(
    private readonly idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new anonymous session. */
  create(): ConsoleSession {
    this.sweepIfFull();
    const now = this.clock();
    const session: ConsoleSession = {
      id: randomBytes(32).toString("base64url"),
      csrfToken: randomBytes(32).toString("base64url"),
      createdAt: now,
      lastSeenAt: now,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle clock restarted; undefined once it has ended. */
  get(id: string | undefined): ConsoleSession | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.clock();
    if (!this.alive(session, now)) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  /**
   * Moves a session's state to a fresh id and token (after each sign-in step), so an id learnt
   * before sign-in is worth nothing after it.
   */
  rotate(
    old: ConsoleSession,
    state: Partial<Pick<ConsoleSession, "pending" | "credential" | "flash">>,
  ): ConsoleSession {
    this.sessions.delete(old.id);
    const session = this.create();
    Object.assign(session, state);
    return session;
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private alive(session: ConsoleSession, now: number): boolean {
    if (session.credential) {
      return now - session.lastSeenAt < this.idleTimeoutMs && now < session.credential.expiresAt.getTime();
    }
    return now - session.createdAt < ANONYMOUS_LIFETIME_MS;
  }

  private sweepIfFull(): void {
    if (this.sessions.size < MAX_SESSIONS) return;
    const now = this.clock();
    for (const [id, session] of this.sessions) if (!this.alive(session, now)) this.sessions.delete(id);
    // Still full: anonymous sessions cost an attacker nothing, so the oldest of those go first.
    for (const [id, session] of this.sessions) {
      if (this.sessions.size < MAX_SESSIONS) break;
      if (!session.credential) this.sessions.delete(id);
    }
  }
}

/** Whether a form's token is the session's, compared in constant time (over digests of equal length). */
export function csrfTokenMatches(session: ConsoleSession, given: string | null): boolean {
  if (given === null) return false;
  const a = createHash("sha256").update(session.csrfToken).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}
