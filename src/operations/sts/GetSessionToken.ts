// GetSessionToken: temporary credentials (an ASIA key id, a secret and a sealed session token)
// for an IAM user or the root principal signing with a long-term key, optionally opened with an
// MFA code. The code is checked like any other: ±1 step, single-use per device, throttled, and a
// wrong one is counted (the count commits) before the request is refused.
//
// Durations: users 900–129,600 s (the model checks the range), default 43,200; the root principal
// at most 3,600 s: longer requests are cut to one hour, as AWS documents. Session credentials
// cannot call GetSessionToken ("Cannot call GetSessionToken with session credentials").

import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import type { GetSessionTokenRequest, GetSessionTokenResponse } from "../../generated/sts/stsShapes.ts";
import { type ProvenMfa, proveStsMfaCode } from "../mfa/proveStsMfaCode.ts";
import { ownerOfCaller } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { mintSessionCredentials } from "./mintSessionCredentials.ts";

export const DEFAULT_SESSION_SECONDS = 43_200;
export const MAX_ROOT_SESSION_SECONDS = 3_600;

export const GetSessionToken = defineOperation<GetSessionTokenRequest, GetSessionTokenResponse>({
  service: "sts",
  name: "GetSessionToken",
  action: "sts:GetSessionToken",
  // It spends an MFA code (the device's last accepted step) and counts failures.
  mutating: true,
  resource: () => "*",
  async execute(input, { caller, store, now, random, sealer, auditDetails, sourceIp }) {
    const owner = ownerOfCaller(caller);
    if (caller.credential.kind !== "long-term-key" || !owner) {
      throw new AccessDenied("Cannot call GetSessionToken with session credentials");
    }
    let duration = input.DurationSeconds ?? DEFAULT_SESSION_SECONDS;
    if (caller.type === "Root") duration = Math.min(duration, MAX_ROOT_SESSION_SECONDS);

    let mfa: ProvenMfa | undefined;
    if (input.SerialNumber !== undefined || input.TokenCode !== undefined) {
      auditDetails.mfaSerialNumber = input.SerialNumber ?? null;
      mfa = await proveStsMfaCode({ store, sealer, now }, { caller, owner, sourceIp }, input);
      auditDetails.mfaSerialNumber = mfa.serialNumber;
    }

    const { accessKeyId, secretAccessKey, sessionToken, expiresAt } = mintSessionCredentials(
      caller,
      { now, durationSeconds: duration, mfa, sourceAccessKeyId: caller.credential.accessKeyId },
      { random, sealer },
    );
    auditDetails.temporaryAccessKeyId = accessKeyId;
    auditDetails.mfaAuthenticated = mfa !== undefined;
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: secretAccessKey,
        SessionToken: sessionToken,
        Expiration: new Date(expiresAt * 1000),
      },
    };
  },
});
