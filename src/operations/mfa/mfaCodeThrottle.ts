// Throttling of failed MFA codes, scoped first to where the guessing comes from, then to the user:
//   - a source (the owner, the long-term access key behind the credential, and the source
//     address, IPv6 by its /64): 5 failures per 15 minutes and 20 per 24 hours;
//   - the owner (a user, or the account's root), over every source: 200 failures per 24 hours.
// Once a scope is at its limit, every code for it is refused without being checked (a right one
// too, or the throttle would only slow guessing down) until the window ends. So an attacker who
// holds a user's key locks out only itself at its address; the user's own code from another
// address still works. Only the owner-wide ceiling, reached from ten sources or more, stops
// everyone, and an administrator can lift it (`portcullis mfa unlock`, audited).
// Odds: a ±1 step window accepts 3 of 10^6 codes. One source: 20 × 365 = 7,300 guesses a year,
// a 2.2% chance per year; at the owner's ceiling, 73,000 guesses, 19.7% per year (1 − (1 − 3e-6)^n),
// and far less at EnableMFADevice and ResyncMFADevice, which need two consecutive codes.
// A right code clears its source's counters; the owner's counter only expires.
//
// Failures are counted inside the failing request's own transaction, which commits (see
// CommitThenFail), so the check and the count are serialised with every other attempt.

import type { AwsError } from "../../domain/errors/AwsError.ts";
import type { MfaOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import { mfaCodeEvents } from "./mfaCodeEvents.ts";

export interface ThrottleRule {
  readonly scope: "source" | "source-day" | "owner-day";
  readonly limit: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;

export const MFA_THROTTLE_RULES: readonly ThrottleRule[] = [
  { scope: "source", limit: 5, windowMs: 15 * MINUTE },
  { scope: "source-day", limit: 20, windowMs: 24 * 60 * MINUTE },
  { scope: "owner-day", limit: 200, windowMs: 24 * 60 * MINUTE },
];

/** Where a code attempt comes from: the long-term key behind the caller's credential and the address. */
export interface ThrottleSource {
  credential: string;
  address: string;
}

/** What a code attempt is counted against: its would-be owner, from this source. */
export interface ThrottleTarget {
  accountId: string;
  owner: MfaOwner;
  source: ThrottleSource;
}

/** The prefix every counter of one owner's starts with (what an administrator's unlock clears). */
export function ownerScopePrefix(accountId: string, owner: MfaOwner): string {
  return owner.kind === "user" ? `user:${owner.userId}|` : `root:${accountId}|`;
}

/**
 * An address as the throttle counts it: IPv4 as is (an IPv4-mapped IPv6 address too), IPv6 by
 * its /64, the block one host is normally given, so that rotating addresses inside it is no help.
 */
export function throttleAddressOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

function scopesOf(target: ThrottleTarget): Array<{ key: string; rule: ThrottleRule }> {
  const prefix = ownerScopePrefix(target.accountId, target.owner);
  const source = `${target.source.credential}|${throttleAddressOf(target.source.address)}`;
  return MFA_THROTTLE_RULES.map((rule) => ({
    key: rule.scope === "owner-day" ? `${prefix}${rule.scope}` : `${prefix}${rule.scope}|${source}`,
    rule,
  }));
}

/** Refuses the attempt with `refuse(retryAfter)` if any scope is at its limit. */
export async function assertNotThrottled(
  store: StoreSession,
  target: ThrottleTarget,
  now: Date,
  refuse: (retryAfter: Date) => AwsError,
): Promise<void> {
  for (const { key, rule } of scopesOf(target)) {
    const ends = await throttledUntil(store, key, rule, now);
    if (ends) {
      mfaCodeEvents.throttled(rule.scope);
      throw refuse(ends);
    }
  }
}

/** When the counter `key` leaves its limit, if it is at its limit now. */
export async function throttledUntil(
  store: StoreSession,
  key: string,
  rule: Pick<ThrottleRule, "limit" | "windowMs">,
  now: Date,
): Promise<Date | undefined> {
  const row = await store.mfaCodeFailures.get(key);
  if (!row) return undefined;
  const ends = row.windowStart.getTime() + rule.windowMs;
  return now.getTime() < ends && row.failures >= rule.limit ? new Date(ends) : undefined;
}

/** Counts one failure in the counter `key`, starting a new window once the last one has ended. */
export async function countFailure(
  store: StoreSession,
  key: string,
  rule: Pick<ThrottleRule, "windowMs">,
  now: Date,
): Promise<void> {
  const row = await store.mfaCodeFailures.get(key);
  if (!row || now.getTime() >= row.windowStart.getTime() + rule.windowMs) {
    await store.mfaCodeFailures.put(key, now, 1);
  } else {
    await store.mfaCodeFailures.put(key, row.windowStart, row.failures + 1);
  }
}

/** Counts one failed code against every scope of the target. */
export async function recordCodeFailure(
  store: StoreSession,
  target: ThrottleTarget,
  now: Date,
): Promise<void> {
  mfaCodeEvents.failure();
  for (const { key, rule } of scopesOf(target)) await countFailure(store, key, rule, now);
}

/** A right code clears its source's counters (not the owner's: that one only expires). */
export async function clearSourceFailures(store: StoreSession, target: ThrottleTarget): Promise<void> {
  await store.mfaCodeFailures.clear(
    scopesOf(target)
      .filter(({ rule }) => rule.scope !== "owner-day")
      .map(({ key }) => key),
  );
}

export function throttledMessage(retryAfter: Date): string {
  return `Too many invalid MFA codes; try again after ${retryAfter.toISOString().replace(/\.\d{3}Z$/, "Z")}.`;
}

/** The throttle target of a code `caller` sends for `owner`'s device, from `sourceIp`. */
export function throttleTargetOf(caller: CallerIdentity, owner: MfaOwner, sourceIp: string): ThrottleTarget {
  // A session counts as the long-term key that made it: minting sessions gives no fresh counters.
  const credential = caller.credential.sourceAccessKeyId ?? caller.credential.accessKeyId;
  return { accountId: caller.accountId, owner, source: { credential, address: sourceIp } };
}

/** An administrator's unlock: clears every counter of the owner's, its ceiling included. */
export async function clearOwnerFailures(
  store: StoreSession,
  accountId: string,
  owner: MfaOwner,
): Promise<number> {
  return store.mfaCodeFailures.clearPrefix(ownerScopePrefix(accountId, owner));
}
