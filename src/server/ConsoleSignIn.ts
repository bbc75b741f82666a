// Console sign-in, the one place a password is checked: account (id or alias), user name (or the
// root) and password, then — when the principal has any MFA device — a code checked by the very
// code GetSessionToken uses (proveStsMfaCode: ±1 step, single use, throttled). Success opens a
// console session credential minted as GetSessionToken mints one (an ASIA key and a sealed session
// token, MFA time set only when a code was given), which the console keeps server-side and signs
// its API calls with, so the policy engine decides every page action.
//
// No enumeration: an unknown account, an unknown user, a user without a login profile and a wrong
// password get the same answer after the same work (a dummy hash is verified when there is no real
// one). Failed passwords are throttled per name and per source address, counted in the store so
// several nodes share the counts. Every attempt is a ConsoleLogin audit record, never with the
// password or the code.

import { randomBytes } from "node:crypto";
import type { AuditQueue } from "../audit/AuditQueue.ts";
import { buildConsoleLoginEvent } from "../audit/buildConsoleLoginEvent.ts";
import { hashPassword } from "../auth/passwords/passwordHash.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import { AwsError } from "../domain/errors/AwsError.ts";
import { PASSWORD_HASH_CONTEXT } from "../domain/LoginProfile.ts";
import type { MfaOwner, SecurityKey } from "../domain/MfaDevice.ts";
import { passwordExpiry } from "../domain/PasswordPolicy.ts";
import { type CallerIdentity, rootCaller, userCaller } from "../domain/Principal.ts";
import { CommitThenFail } from "../operations/CommitThenFail.ts";
import { matchesStoredHash } from "../operations/iam/loginProfiles.ts";
import { countFailure, throttleAddressOf, throttledUntil } from "../operations/mfa/mfaCodeThrottle.ts";
import { proveStsMfaCode } from "../operations/mfa/proveStsMfaCode.ts";
import { mintSessionCredentials } from "../operations/sts/mintSessionCredentials.ts";
import type { Store, StoreSession } from "../store/ports.ts";
import { type RelyingParty, verifyAuthentication } from "./securityKeyCeremonies.ts";

/** A console session lasts 12 hours at most, AWS's longest console session. */
export const CONSOLE_SESSION_SECONDS = 12 * 3600;
/** A signed-in console session ends after an hour without a request. */
export const CONSOLE_IDLE_TIMEOUT_MS = 60 * 60_000;
/** Between the password and the code: a pending sign-in is forgotten after five minutes. */
export const PENDING_SIGN_IN_MS = 5 * 60_000;

const MINUTE = 60_000;
/** Failed passwords: per account and name (whoever tries it) and per source address. */
export const PASSWORD_THROTTLE = {
  name: { limit: 10, windowMs: 15 * MINUTE },
  address: { limit: 30, windowMs: 15 * MINUTE },
} as const;

/** The sign-in page's answer to a wrong account, name, password or code. */
// AWS wording unconfirmed
export const SIGN_IN_REFUSED = "Your authentication information is incorrect. Please try again.";
// AWS wording unconfirmed
const SIGN_IN_THROTTLED = "Too many failed sign-in attempts. Try again later.";

export interface SignInAttempt {
  /** A 12-digit account id or an account alias. */
  account: string;
  /** An IAM user's name; undefined to sign in as the account's root. */
  userName: string | undefined;
  password: string;
  sourceIp: string;
  userAgent: string;
}

/** Who is signing in, once the password was right. */
export interface SignInPrincipal {
  readonly caller: CallerIdentity;
  readonly owner: MfaOwner;
}

/** Why the session must set a new password before anything else. */
export type PasswordChangeReason = "reset-required" | "expired";

export interface PendingSignIn {
  readonly principal: SignInPrincipal;
  /** The principal's virtual MFA devices' serial numbers (TOTP), oldest first. */
  readonly mfaSerialNumbers: readonly string[];
  /** The principal's security keys. */
  readonly securityKeys: ReadonlyArray<{ readonly serialNumber: string; readonly key: SecurityKey }>;
  readonly passwordChange?: PasswordChangeReason;
  readonly startedAt: Date;
}

/** The session credential the console signs with; never sent to the browser. */
export interface ConsoleCredential {
  readonly principal: SignInPrincipal;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly mfaAuthenticatedAt?: Date;
  readonly mfaSerialNumber?: string;
  readonly passwordChange?: PasswordChangeReason;
}

export type SignInOutcome =
  | { kind: "refused"; message: string }
  | { kind: "mfa-required"; pending: PendingSignIn }
  | { kind: "signed-in"; credential: ConsoleCredential };

export interface ConsoleSignInDeps {
  store: Store;
  sealer: Sealer;
  audit: AuditQueue;
  clock?: () => Date;
  random?: (n: number) => Buffer;
}

/** What the password is checked against: a principal's stored hash, or none. */
interface Candidate {
  principal?: SignInPrincipal;
  sealedHash?: string;
  passwordChange?: PasswordChangeReason;
}

export class ConsoleSignIn {
  private readonly clock: () => Date;
  private readonly random: (n: number) => Buffer;
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: ConsoleSignInDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? randomBytes;
  }

  /** Step one: the password. */
  async withPassword(attempt: SignInAttempt): Promise<SignInOutcome> {
    const now = this.clock();
    const { store, sealer } = this.deps;
    const accountId = await this.accountIdOf(attempt.account);
    const keys = throttleKeys(accountId ?? attempt.account.toLowerCase(), attempt);
    const refuse = (principal: SignInPrincipal | undefined, message: string): SignInOutcome => {
      this.record(attempt, now, { accountId, principal, outcome: "Failure", mfaUsed: false, message });
      return { kind: "refused", message };
    };
    if (await this.throttled(store, keys, now)) return refuse(undefined, SIGN_IN_THROTTLED);

    const candidate = accountId ? await this.candidate(store, accountId, attempt.userName, now) : {};
    // The same scrypt work whether or not there is a hash to check: the timing tells nothing.
    const sealedHash = candidate.sealedHash ?? (await this.dummySealedHash());
    const matches = await matchesStoredHash(sealer, attempt.password, sealedHash);
    const principal = candidate.principal;
    if (!matches || !principal || candidate.sealedHash === undefined) {
      await store.transaction(async (tx) => {
        await countFailure(tx, keys.name, PASSWORD_THROTTLE.name, now);
        await countFailure(tx, keys.address, PASSWORD_THROTTLE.address, now);
      });
      // A real principal is named in the trail (which only administrators read); an unknown name is hidden.
      return refuse(principal, SIGN_IN_REFUSED);
    }
    await store.mfaCodeFailures.clear([keys.name]);
    const devices = await store.mfaDevices.listAssigned(principal.caller.accountId, principal.owner);
    const pending: PendingSignIn = {
      principal,
      mfaSerialNumbers: devices.filter((d) => !d.securityKey).map((d) => d.serialNumber),
      securityKeys: devices.flatMap((d) =>
        d.securityKey ? [{ serialNumber: d.serialNumber, key: d.securityKey }] : [],
      ),
      ...(candidate.passwordChange ? { passwordChange: candidate.passwordChange } : {}),
      startedAt: now,
    };
    if (devices.length > 0) return { kind: "mfa-required", pending };
    return { kind: "signed-in", credential: await this.open(pending, attempt, now, undefined) };
  }

  /** A failed second step: recorded, and answered with `message`. */
  private refuseMfa(
    pending: PendingSignIn,
    from: { sourceIp: string; userAgent: string },
    now: Date,
    message: string,
  ): SignInOutcome {
    this.record(from, now, {
      accountId: pending.principal.caller.accountId,
      principal: pending.principal,
      outcome: "Failure",
      mfaUsed: true,
      message,
    });
    return { kind: "refused", message };
  }

  private expired(pending: PendingSignIn, now: Date): boolean {
    return now.getTime() - pending.startedAt.getTime() > PENDING_SIGN_IN_MS;
  }

  /** Step two with a security key: the WebAuthn assertion for the challenge the console issued. */
  async withSecurityKey(
    pending: PendingSignIn,
    input: { response: unknown; challenge: string; rp: RelyingParty; sourceIp: string; userAgent: string },
  ): Promise<SignInOutcome> {
    const now = this.clock();
    const credentialId = (input.response as { id?: unknown } | null)?.id;
    const match = pending.securityKeys.find((k) => k.key.credentialId === credentialId);
    if (this.expired(pending, now) || !match) return this.refuseMfa(pending, input, now, SIGN_IN_REFUSED);
    const counter = await verifyAuthentication(input.rp, input.response, input.challenge, match.key);
    if (counter === undefined) return this.refuseMfa(pending, input, now, SIGN_IN_REFUSED);
    await this.deps.store.mfaDevices.recordSecurityKeyUse(match.serialNumber, match.key, counter);
    return {
      kind: "signed-in",
      credential: await this.open(pending, input, now, { at: now, serialNumber: match.serialNumber }),
    };
  }

  /** Step two with a virtual device: a code from it. */
  async withMfaCode(
    pending: PendingSignIn,
    input: { serialNumber: string; code: string; sourceIp: string; userAgent: string },
  ): Promise<SignInOutcome> {
    const now = this.clock();
    const { principal } = pending;
    const refuse = (message: string) => this.refuseMfa(pending, input, now, message);
    if (this.expired(pending, now)) return refuse(SIGN_IN_REFUSED);
    const proven = await this.deps.store.transaction(async (tx) => {
      try {
        return await proveStsMfaCode(
          { store: tx, sealer: this.deps.sealer, now },
          { caller: principal.caller, owner: principal.owner, sourceIp: input.sourceIp },
          { SerialNumber: input.serialNumber, TokenCode: input.code },
        );
      } catch (err) {
        // A wrong code is counted in this transaction, which must commit; a throttled one is
        // refused before anything is counted.
        if (err instanceof CommitThenFail) return err.error as AwsError;
        if (err instanceof AwsError) return err;
        throw err;
      }
    });
    if (!("at" in proven)) {
      return refuse(proven.message.includes("Too many") ? proven.message : SIGN_IN_REFUSED);
    }
    return {
      kind: "signed-in",
      credential: await this.open(pending, input, now, {
        at: new Date(proven.at * 1000),
        serialNumber: proven.serialNumber,
      }),
    };
  }

  /** The account an id or alias names. */
  private async accountIdOf(account: string): Promise<string | undefined> {
    const text = account.trim();
    if (/^\d{12}$/.test(text)) return (await this.deps.store.accounts.get(text))?.accountId;
    if (text === "") return undefined;
    return (await this.deps.store.accounts.findByAlias(text.toLowerCase()))?.accountId;
  }

  private async candidate(
    store: StoreSession,
    accountId: string,
    userName: string | undefined,
    now: Date,
  ): Promise<Candidate> {
    // The root's MFA throttle counts against a credential; the console's sign-in is its own source.
    const credential = { kind: "console" as const, accessKeyId: "console-sign-in" };
    if (userName === undefined) {
      const root = await store.rootPasswords.get(accountId);
      return {
        principal: { caller: rootCaller(accountId, credential), owner: { kind: "root" } },
        ...(root ? { sealedHash: root.passwordHash } : {}),
      };
    }
    const user = await store.users.getByName(accountId, userName);
    if (!user) return {};
    const profile = await store.loginProfiles.get(user.userId);
    const principal = {
      caller: userCaller(user, credential),
      owner: { kind: "user", userId: user.userId },
    } as const;
    if (!profile) return { principal };
    const expiry = passwordExpiry(await store.passwordPolicies.get(accountId), profile.passwordChangedDate);
    const passwordChange: PasswordChangeReason | undefined = profile.passwordResetRequired
      ? "reset-required"
      : expiry && expiry <= now
        ? "expired"
        : undefined;
    return { principal, sealedHash: profile.passwordHash, ...(passwordChange ? { passwordChange } : {}) };
  }

  private dummySealedHash(): Promise<string> {
    this.dummyHash ??= hashPassword(this.random(32).toString("base64"), this.random).then((hash) =>
      this.deps.sealer.seal(hash, PASSWORD_HASH_CONTEXT),
    );
    return this.dummyHash;
  }

  private async throttled(store: StoreSession, keys: ThrottleKeys, now: Date): Promise<boolean> {
    return (
      (await throttledUntil(store, keys.name, PASSWORD_THROTTLE.name, now)) !== undefined ||
      (await throttledUntil(store, keys.address, PASSWORD_THROTTLE.address, now)) !== undefined
    );
  }

  /** Mints the session credential, records the sign-in and the password's use. */
  private async open(
    pending: PendingSignIn,
    from: { sourceIp: string; userAgent: string },
    now: Date,
    mfa: { at: Date; serialNumber: string } | undefined,
  ): Promise<ConsoleCredential> {
    const { caller, owner } = pending.principal;
    const { store, sealer } = this.deps;
    if (owner.kind === "user") await store.users.recordPasswordUse(owner.userId, now);
    else await store.rootPasswords.recordUse(caller.accountId, now);
    const { accessKeyId, secretAccessKey, sessionToken, issuedAt, expiresAt } = mintSessionCredentials(
      caller,
      {
        now,
        durationSeconds: CONSOLE_SESSION_SECONDS,
        mfa: mfa && { at: Math.floor(mfa.at.getTime() / 1000), serialNumber: mfa.serialNumber },
        console: true,
      },
      { random: this.random, sealer },
    );
    this.record(from, now, {
      accountId: caller.accountId,
      principal: pending.principal,
      outcome: "Success",
      mfaUsed: mfa !== undefined,
    });
    return {
      principal: pending.principal,
      accessKeyId,
      secretAccessKey,
      sessionToken,
      issuedAt: new Date(issuedAt * 1000),
      expiresAt: new Date(expiresAt * 1000),
      ...(mfa ? { mfaAuthenticatedAt: mfa.at, mfaSerialNumber: mfa.serialNumber } : {}),
      ...(pending.passwordChange ? { passwordChange: pending.passwordChange } : {}),
    };
  }

  private record(
    from: { sourceIp: string; userAgent: string },
    now: Date,
    facts: {
      accountId: string | undefined;
      principal: SignInPrincipal | undefined;
      outcome: "Success" | "Failure";
      mfaUsed: boolean;
      message?: string;
    },
  ): void {
    const caller = facts.principal?.caller;
    this.deps.audit.add(
      buildConsoleLoginEvent({
        time: now,
        sourceIp: from.sourceIp,
        userAgent: from.userAgent.slice(0, 1024),
        ...(facts.accountId ? { accountId: facts.accountId } : {}),
        ...(caller
          ? {
              principal: {
                type: caller.type === "Root" ? "Root" : "IAMUser",
                principalId: caller.principalId,
                arn: caller.arn,
                ...(caller.userName ? { userName: caller.userName } : {}),
              },
            }
          : {}),
        outcome: facts.outcome,
        mfaUsed: facts.mfaUsed,
        ...(facts.message ? { reason: facts.message } : {}),
      }),
    );
  }
}

interface ThrottleKeys {
  name: string;
  address: string;
}

/** The counters of an attempt: per account and name (case-insensitive, as IAM names are), per address. */
function throttleKeys(account: string, attempt: SignInAttempt): ThrottleKeys {
  const who = attempt.userName === undefined ? "root" : `user:${attempt.userName.toLowerCase()}`;
  return {
    name: `console-password|${account}|${who}`,
    address: `console-password-address|${throttleAddressOf(attempt.sourceIp)}`,
  };
}
