// Throttling of failed MFA codes, per device and per user, in fixed windows:
//   - a device: 5 failures per 15 minutes;
//   - a user (or the root principal), over all their devices and serial numbers: 10 failures per
//     15 minutes and 30 per 24 hours.
// Once a scope is at its limit, every code for it is refused without being checked (a right one
// too, or the throttle would only slow guessing down) until the window ends. With a ±1 step window
// a guess matches with odds 3 in 10^6, so 30 guesses a day give an attacker holding a long-term key
// about a 1-in-11,000 chance per day at GetSessionToken, and far less at EnableMFADevice, which
// needs two consecutive codes. A right code clears the device's counter; the user's counters only
// expire, so guesses cannot be spread over several devices.
//
// Failures are counted inside the failing request's own transaction, which commits (see
// CommitThenFail), so the check and the count are serialised with every other attempt.

import type { AwsError } from "../../domain/errors/AwsError.ts";
import type { MfaOwner } from "../../domain/MfaDevice.ts";
import type { StoreSession } from "../../store/ports.ts";

export interface ThrottleRule {
  readonly scope: "device" | "user" | "user-day";
  readonly limit: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;

export const MFA_THROTTLE_RULES: readonly ThrottleRule[] = [
  { scope: "device", limit: 5, windowMs: 15 * MINUTE },
  { scope: "user", limit: 10, windowMs: 15 * MINUTE },
  { scope: "user-day", limit: 30, windowMs: 24 * 60 * MINUTE },
];

/** What a code attempt is counted against: the device (when one was found) and its would-be owner. */
export interface ThrottleTarget {
  accountId: string;
  owner: MfaOwner;
  serialNumber?: string;
}

function scopesOf(target: ThrottleTarget): Array<{ key: string; rule: ThrottleRule }> {
  const who = target.owner.kind === "user" ? `user:${target.owner.userId}` : `root:${target.accountId}`;
  const out: Array<{ key: string; rule: ThrottleRule }> = [];
  for (const rule of MFA_THROTTLE_RULES) {
    if (rule.scope === "device") {
      if (target.serialNumber) out.push({ key: `device:${target.serialNumber.toLowerCase()}`, rule });
    } else {
      out.push({ key: `${rule.scope}:${who}`, rule });
    }
  }
  return out;
}

/** Refuses the attempt with `refuse(retryAfter)` if any scope is at its limit. */
export async function assertNotThrottled(
  store: StoreSession,
  target: ThrottleTarget,
  now: Date,
  refuse: (retryAfter: Date) => AwsError,
): Promise<void> {
  for (const { key, rule } of scopesOf(target)) {
    const row = await store.mfaCodeFailures.get(key);
    if (!row) continue;
    const ends = row.windowStart.getTime() + rule.windowMs;
    if (now.getTime() < ends && row.failures >= rule.limit) throw refuse(new Date(ends));
  }
}

/** Counts one failed code against every scope of the target. */
export async function recordCodeFailure(
  store: StoreSession,
  target: ThrottleTarget,
  now: Date,
): Promise<void> {
  for (const { key, rule } of scopesOf(target)) {
    const row = await store.mfaCodeFailures.get(key);
    if (!row || now.getTime() >= row.windowStart.getTime() + rule.windowMs) {
      await store.mfaCodeFailures.put(key, now, 1);
    } else {
      await store.mfaCodeFailures.put(key, row.windowStart, row.failures + 1);
    }
  }
}

/** A right code clears the device's counter (not the user's: those only expire). */
export async function clearDeviceFailures(store: StoreSession, serialNumber: string): Promise<void> {
  await store.mfaCodeFailures.clear([`device:${serialNumber.toLowerCase()}`]);
}

export function throttledMessage(retryAfter: Date): string {
  return `Too many invalid MFA codes; try again after ${retryAfter.toISOString().replace(/\.\d{3}Z$/, "Z")}.`;
}
