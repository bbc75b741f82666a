// The MFA code an STS call carries (GetSessionToken's and AssumeRole's SerialNumber and
// TokenCode), checked like every code: ±1 step, single use per device, throttled per device and
// per source and per owner (mfaCodeThrottle), a wrong one counted in a transaction that commits
// (CommitThenFail) before the call is refused. Guessing serial numbers is throttled like guessing
// codes, against the caller.

import type { Sealer } from "../../auth/sealing/Sealer.ts";
import { verifyTotpCode } from "../../auth/totp/verifyTotpCode.ts";
import { MFA_SEED_CONTEXT, type MfaOwner, sameOwner } from "../../domain/MfaDevice.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import { CommitThenFail } from "../CommitThenFail.ts";
import { invalidStsCode, throttledStsCode, unknownStsDevice } from "./invalidCodeErrors.ts";
import {
  assertNotThrottled,
  clearSourceFailures,
  recordCodeFailure,
  throttleTargetOf,
} from "./mfaCodeThrottle.ts";

export interface ProvenMfa {
  /** Epoch seconds of the check: the session's MFA authentication time. */
  at: number;
  serialNumber: string;
}

export async function proveStsMfaCode(
  env: { store: StoreSession; sealer: Sealer; now: Date },
  from: { caller: CallerIdentity; owner: MfaOwner | undefined; sourceIp: string },
  input: { SerialNumber?: string; TokenCode?: string },
): Promise<ProvenMfa> {
  const { store, sealer, now } = env;
  const { owner } = from;
  const accountId = from.caller.accountId;
  const device =
    input.SerialNumber !== undefined && owner
      ? await store.mfaDevices.get(accountId, input.SerialNumber)
      : undefined;
  if (!owner) throw new CommitThenFail(unknownStsDevice());
  const throttle = throttleTargetOf(from.caller, owner, from.sourceIp);
  if (!device || !sameOwner(device.owner, owner)) {
    await assertNotThrottled(store, throttle, now, throttledStsCode);
    await recordCodeFailure(store, throttle, now);
    throw new CommitThenFail(input.SerialNumber === undefined ? invalidStsCode() : unknownStsDevice());
  }
  await assertNotThrottled(store, throttle, now, throttledStsCode);
  // A security key has no seed and takes no code (it signs in through the console only).
  const step =
    input.TokenCode === undefined || device.securityKey
      ? null
      : verifyTotpCode({
          secret: sealer.unseal(device.seedSealed, MFA_SEED_CONTEXT),
          code: input.TokenCode,
          timestamp: now.getTime(),
          driftSteps: device.driftSteps,
          ...(device.lastUsedStep !== undefined ? { lastUsedStep: device.lastUsedStep } : {}),
        });
  // consumeStep refuses a step a racing request spent first.
  if (step === null || !(await store.mfaDevices.consumeStep(device.serialNumber, step))) {
    await recordCodeFailure(store, throttle, now);
    throw new CommitThenFail(invalidStsCode());
  }
  await clearSourceFailures(store, throttle);
  return { at: Math.floor(now.getTime() / 1000), serialNumber: device.serialNumber };
}
