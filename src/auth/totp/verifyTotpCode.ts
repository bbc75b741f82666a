// Checks a TOTP code typed by a user against a device's seed, the way DESIGN.md's MFA rules
// require: a ±1 step window, each code accepted at most once per device (the caller stores the
// returned step as lastUsedStep), constant-time comparison.
// Pure: the time is a parameter. Must not import anything but node:crypto and src/domain.

import { timingSafeEqual } from "node:crypto";
import { generateHotpCode, TOTP_DIGITS, totpStepAt } from "./generateTotpCode.ts";

export interface VerifyTotpCodeOptions {
  secret: Buffer;
  code: string;
  /** Now, in ms since the epoch. */
  timestamp: number;
  /** Steps accepted either side of the current one; default 1 (t-1, t, t+1: 90 seconds in all). */
  window?: number;
  /** The step of the last code this device accepted; that step and every earlier one are refused. */
  lastUsedStep?: number;
  /**
   * A known clock offset of the device, in steps (e.g. learnt at resync); the window is centred
   * on the current step plus this. Default 0.
   */
  driftSteps?: number;
}

const SIX_DIGITS = /^[0-9]{6}$/;

/**
 * Returns the matched time step, or null. A code that is not exactly 6 ASCII digits is simply
 * not a match. If the same code happens to be valid at two steps of the window (a 1 in 10^6
 * coincidence), the later step is returned, so storing it as lastUsedStep refuses more, not less.
 */
export function verifyTotpCode(opts: VerifyTotpCodeOptions): number | null {
  const window = checkWindow(opts.window ?? 1);
  if (!SIX_DIGITS.test(opts.code)) return null;
  const centre = totpStepAt(opts.timestamp) + (opts.driftSteps ?? 0);
  const given = Buffer.from(opts.code, "ascii");
  let matched: number | null = null;
  for (let step = centre - window; step <= centre + window; step++) {
    // Replay: a step at or before the last accepted one can never be used again, even inside
    // the window, so an observed code is worthless once it has been used.
    if (opts.lastUsedStep !== undefined && step <= opts.lastUsedStep) continue;
    if (step < 0) continue;
    // Every candidate in the window is computed and compared (no early exit), and each
    // comparison is constant-time, so response timing says nothing about which digits matched.
    if (codesEqual(given, generateHotpCode(opts.secret, step, TOTP_DIGITS))) matched = step;
  }
  return matched;
}

/** A window is a small non-negative integer; anything else is a programming error, not a user's. */
export function checkWindow(window: number): number {
  if (!Number.isInteger(window) || window < 0 || window > 100) {
    throw new RangeError(`TOTP window must be an integer from 0 to 100, got ${window}`);
  }
  return window;
}

export function codesEqual(given: Buffer, expected: string): boolean {
  const expectedBytes = Buffer.from(expected, "ascii");
  return given.length === expectedBytes.length && timingSafeEqual(given, expectedBytes);
}
