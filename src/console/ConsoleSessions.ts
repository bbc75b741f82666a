// The console's sessions, keyed by an opaque random id that travels only in an HttpOnly,
// SameSite=Strict cookie. A session starts anonymous (it holds the sign-in form's CSRF token),
// becomes pending between password and MFA code, then signed in with the session credential the
// console signs its API calls with. The credential never leaves the server.
//
// Sessions are kept in the store (ConsoleSessionVault: the id hashed, the state sealed), so any
// worker or node can serve a session's next request. A request loads its session, works on it in
// memory, and saves it before the response is sent; an unchanged session is not rewritten, and
// its idle clock is written at most every TOUCH_INTERVAL_MS. Ending a session (sign-out, idle
// timeout, the credential's 12-hour expiry) deletes its row, and the credential dies with it.
// An anonymous session that holds nothing but its CSRF token has no row at all: its id carries
// its creation time and the token is derived from the id (see `create`), so unauthenticated page
// views cannot fill the table.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ConsoleSessionVault, StoredConsoleSession } from "../server/ConsoleSessionVault.ts";
import {
  CONSOLE_IDLE_TIMEOUT_MS,
  type ConsoleCredential,
  type PendingSignIn,
} from "../server/ConsoleSignIn.ts";

export const DEFAULT_IDLE_TIMEOUT_MS = CONSOLE_IDLE_TIMEOUT_MS;
/** An anonymous or pending session is only a form's CSRF token: kept briefly. */
const ANONYMOUS_LIFETIME_MS = 15 * 60_000;
const ANONYMOUS_ID_PREFIX = "a.";
/** The idle clock is written at most this often (less under a shorter idle timeout). */
const TOUCH_INTERVAL_MS = 60_000;
/** How often a process deletes the sessions that ended on their own. */
const SWEEP_INTERVAL_MS = 60_000;

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

/** What is sealed in the store: everything but the id (whose hash is the key) and the times. */
type SessionState = Omit<ConsoleSession, "id" | "createdAt" | "lastSeenAt">;

/** What the store holds of a session, to tell what a request changed. */
interface Saved {
  state?: string;
  /** An anonymous session whose state is all in its id: nothing stored yet, nothing to delete. */
  rowless?: boolean;
  lastSeenAt: number;
  /** A rotated session: the id it replaces, deleted when it is saved. */
  replaces?: string;
}

function stateOf(session: ConsoleSession): SessionState {
  const { id: _id, createdAt: _created, lastSeenAt: _seen, ...state } = session;
  return state;
}

/** Compared, never stored: Buffers become arrays here, which is fine for telling a change. */
function fingerprint(session: ConsoleSession): string {
  return JSON.stringify(stateOf(session));
}

export class ConsoleSessions {
  private readonly saved = new WeakMap<ConsoleSession, Saved>();
  private readonly touchIntervalMs: number;
  private lastSweep = 0;

  constructor(
    private readonly vault: ConsoleSessionVault,
    private readonly idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.touchIntervalMs = Math.min(TOUCH_INTERVAL_MS, Math.floor(idleTimeoutMs / 4));
  }

  /**
   * A new anonymous session. Its id says when it was made (`a.<ms, base 36>.<random>`) and its
   * CSRF token is derived from the id, so it needs no row until it holds something more (a
   * flash, a pending sign-in): showing the sign-in form to anyone, however often, writes nothing.
   */
  create(): ConsoleSession {
    const now = this.clock();
    return this.anonymous(
      `${ANONYMOUS_ID_PREFIX}${now.toString(36)}.${randomBytes(32).toString("base64url")}`,
      now,
    );
  }

  private anonymous(id: string, createdAt: number): ConsoleSession {
    const now = this.clock();
    const session: ConsoleSession = {
      id,
      csrfToken: this.vault.anonymousCsrfToken(id),
      createdAt,
      lastSeenAt: now,
    };
    this.saved.set(session, { state: fingerprint(session), lastSeenAt: now, rowless: true });
    return session;
  }

  /** The live session with this id; undefined once it has ended (its row is then deleted). */
  async get(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (id === undefined || id.length > 128) return undefined;
    const stored = await this.vault.load<SessionState>(id);
    if (!stored) return this.rowlessAnonymous(id);
    const now = this.clock();
    if (!this.alive(stored, now)) {
      await this.vault.forget(id);
      return undefined;
    }
    const session: ConsoleSession = {
      ...stored.state,
      id,
      createdAt: stored.createdAt.getTime(),
      lastSeenAt: now,
    };
    this.saved.set(session, { state: fingerprint(session), lastSeenAt: stored.lastSeenAt.getTime() });
    return session;
  }

  /** An anonymous id with no row: its session again, while its fifteen minutes last. */
  private rowlessAnonymous(id: string): ConsoleSession | undefined {
    const match = /^a\.([0-9a-z]{1,11})\.[A-Za-z0-9_-]{43}$/.exec(id);
    if (!match) return undefined;
    const createdAt = Number.parseInt(match[1] as string, 36);
    const now = this.clock();
    // A time in the future is a forged id; one past the lifetime has ended.
    if (createdAt > now + 60_000 || now - createdAt >= ANONYMOUS_LIFETIME_MS) return undefined;
    return this.anonymous(id, createdAt);
  }

  /**
   * Moves a session's state to a fresh id and token (after each sign-in step), so an id learnt
   * before sign-in is worth nothing after it. The old id dies when the new session is saved.
   */
  rotate(
    old: ConsoleSession,
    state: Partial<Pick<ConsoleSession, "pending" | "credential" | "flash">>,
  ): ConsoleSession {
    const session = this.create();
    Object.assign(session, state);
    const oldSaved = this.saved.get(old);
    // An old session never stored needs no deleting; one that replaced another passes that on.
    const replaces = oldSaved?.state !== undefined && !oldSaved.rowless ? old.id : oldSaved?.replaces;
    this.saved.set(session, { lastSeenAt: session.lastSeenAt, ...(replaces ? { replaces } : {}) });
    this.saved.delete(old);
    return session;
  }

  /**
   * Stores what this request changed: the whole sealed state when it changed (or is new), else
   * only the idle clock, and that only when the stored one is older than the touch interval.
   */
  async save(session: ConsoleSession): Promise<void> {
    const saved = this.saved.get(session);
    if (!saved) return; // ended (or rotated away) during the request
    const now = this.clock();
    const state = fingerprint(session);
    if (saved.state !== state) {
      await this.vault.save(session.id, this.stored(session, now), saved.replaces);
      this.saved.set(session, { state, lastSeenAt: now });
      await this.sweepNowAndThen(now);
    } else if (!saved.rowless && now - saved.lastSeenAt >= this.touchIntervalMs) {
      await this.vault.touch(session.id, new Date(now));
      saved.lastSeenAt = now;
    }
  }

  /** Sign-out: the session ends everywhere, and its credential with it. */
  async end(session: ConsoleSession, from: { sourceIp: string; userAgent: string }): Promise<void> {
    const saved = this.saved.get(session);
    this.saved.delete(session);
    if (saved?.replaces) await this.vault.forget(saved.replaces);
    const credential = session.credential;
    await this.vault.signOut(
      session.id,
      credential && { caller: credential.principal.caller, accessKeyId: credential.accessKeyId },
      { ...from, time: new Date(this.clock()) },
    );
  }

  private stored(session: ConsoleSession, now: number): StoredConsoleSession<SessionState> {
    const expiresAt = session.credential
      ? session.credential.expiresAt
      : new Date(session.createdAt + ANONYMOUS_LIFETIME_MS);
    return {
      state: stateOf(session),
      ...(session.credential ? { accessKeyId: session.credential.accessKeyId } : {}),
      createdAt: new Date(session.createdAt),
      lastSeenAt: new Date(now),
      expiresAt,
    };
  }

  private alive(stored: StoredConsoleSession<SessionState>, now: number): boolean {
    return now < stored.expiresAt.getTime() && now - stored.lastSeenAt.getTime() < this.idleTimeoutMs;
  }

  private async sweepNowAndThen(now: number): Promise<void> {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.vault.sweep(new Date(now), this.idleTimeoutMs);
  }
}

/** Whether a form's token is the session's, compared in constant time (over digests of equal length). */
export function csrfTokenMatches(session: ConsoleSession, given: string | null): boolean {
  if (given === null) return false;
  const a = createHash("sha256").update(session.csrfToken).digest();
  const b = createHash("sha256").update(given).digest();
  return timingSafeEqual(a, b);
}
