// Checks the two consecutive codes that EnableMFADevice and ResyncMFADevice take
// (AuthenticationCode1 at step s, AuthenticationCode2 at step s+1). Two codes in a row prove the
// user holds the seed *and* tell us where the device's clock is, so the search window is wider
// than at sign-in: it exists to bring a drifted device back in line.
// Pure: the time is a parameter. Must not import anything but node:crypto and src/domain.

import { generateHotpCode, TOTP_DIGITS, totpStepAt } from "./generateTotpCode.ts";
import { checkWindow, codesEqual } from "./verifyTotpCode.ts";

export interface VerifyConsecutiveTotpCodesOptions {
  secret: Buffer;
  code1: string;
  code2: string;
  /** Now, in ms since the epoch. */
  timestamp: number;
  /**
   * How far code2's step may be from the current step, either side. Default 10 steps (±5 minutes):
   * wide enough for a phone whose clock has drifted a few minutes (what resync is for) and for a
   * user who is slow to type the second code, while guessing two consecutive 6-digit codes
   * anywhere in 21 steps stays a 21-in-10^12 chance.
   */
  window?: number;
  /** The step of the last code this device accepted; both codes must be later. */
  lastUsedStep?: number;
}

export const CONSECUTIVE_CODES_DEFAULT_WINDOW = 10;

const SIX_DIGITS = /^[0-9]{6}$/;

/**
 * Returns the step of code2 (store it as lastUsedStep; `step - totpStepAt(now)` is the device's
 * drift), or null. Refused: either code not 6 digits, the same code twice, codes out of order or
 * not adjacent, either step at or before lastUsedStep.
 */
export function verifyConsecutiveTotpCodes(opts: VerifyConsecutiveTotpCodesOptions): number | null {
  const window = checkWindow(opts.window ?? CONSECUTIVE_CODES_DEFAULT_WINDOW);
  if (!SIX_DIGITS.test(opts.code1) || !SIX_DIGITS.test(opts.code2)) return null;
  // The same code twice proves nothing about consecutive steps; AWS refuses it too. (Two real
  // consecutive codes are equal once in 10^6 pairs: that user simply waits for the next code.)
  if (opts.code1 === opts.code2) return null;
  const now = totpStepAt(opts.timestamp);
  const given1 = Buffer.from(opts.code1, "ascii");
  const given2 = Buffer.from(opts.code2, "ascii");
  let matched: number | null = null;
  for (let step2 = now - window; step2 <= now + window; step2++) {
    const step1 = step2 - 1;
    if (step1 < 0) continue;
    // Replay: code1's step is the earlier one, so it alone decides; a pair that reuses any
    // step already accepted on this device is refused.
    if (opts.lastUsedStep !== undefined && step1 <= opts.lastUsedStep) continue;
    // Both comparisons always run (non-short-circuit &), in constant time, for every candidate.
    const ok1 = codesEqual(given1, generateHotpCode(opts.secret, step1, TOTP_DIGITS));
    const ok2 = codesEqual(given2, generateHotpCode(opts.secret, step2, TOTP_DIGITS));
    if (ok1 && ok2) matched = step2;
  }
  return matched;
}
