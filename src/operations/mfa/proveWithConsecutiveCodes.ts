// The proof EnableMFADevice and ResyncMFADevice both demand: two consecutive codes from the
// device, behind the failed-code throttle. A wrong pair is counted, and the count commits with
// the refusal (CommitThenFail), so parallel guesses cannot outrun it.

import type { Sealer } from "../../auth/sealing/Sealer.ts";
import { verifyConsecutiveTotpCodes } from "../../auth/totp/verifyConsecutiveTotpCodes.ts";
import { MFA_SEED_CONTEXT, type MfaDevice } from "../../domain/MfaDevice.ts";
import type { StoreSession } from "../../store/ports.ts";
import { CommitThenFail } from "../CommitThenFail.ts";
import { invalidIamCode, throttledIamCode } from "./invalidCodeErrors.ts";
import { assertNotThrottled, recordCodeFailure, type ThrottleTarget } from "./mfaCodeThrottle.ts";

/** The step of the second code; throws (after counting the failure) when the codes do not prove the device. */
export async function proveWithConsecutiveCodes(
  ctx: { store: StoreSession; sealer: Sealer; now: Date },
  device: MfaDevice,
  throttle: ThrottleTarget,
  codes: { code1: string; code2: string },
): Promise<number> {
  await assertNotThrottled(ctx.store, throttle, ctx.now, throttledIamCode);
  // A security key has no seed: no code can prove it.
  if (device.securityKey) return refuseCodes(ctx.store, throttle, ctx.now);
  const step = verifyConsecutiveTotpCodes({
    secret: ctx.sealer.unseal(device.seedSealed, MFA_SEED_CONTEXT),
    code1: codes.code1,
    code2: codes.code2,
    timestamp: ctx.now.getTime(),
    ...(device.lastUsedStep !== undefined ? { lastUsedStep: device.lastUsedStep } : {}),
  });
  if (step === null) return refuseCodes(ctx.store, throttle, ctx.now);
  return step;
}

/** Counts a failed proof (the count commits) and refuses the request. */
export async function refuseCodes(store: StoreSession, throttle: ThrottleTarget, now: Date): Promise<never> {
  await recordCodeFailure(store, throttle, now);
  throw new CommitThenFail(invalidIamCode());
}
