// EnableMFADevice: assigns a virtual MFA device to a user, proven with two consecutive codes from
// it. Everything is checked inside the transaction: the remediation guard (a user who already has
// a device needs MFA-authenticated credentials to add one to themselves), the device being free,
// the 8-device limit, the failed-code throttle. A wrong code is counted and that count commits
// (CommitThenFail) before the request is refused.

import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import type { EnableMFADeviceRequest } from "../../generated/iam/iamShapes.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { clearSourceFailures, throttleTargetOf } from "../mfa/mfaCodeThrottle.ts";
import { assertRoomForDevice, MFA_ENABLEMENT } from "../mfa/mfaEnablement.ts";
import { proveWithConsecutiveCodes } from "../mfa/proveWithConsecutiveCodes.ts";
import { getDeviceOrThrow, resolveMfaOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";

export const EnableMFADevice = defineOperation<EnableMFADeviceRequest, void>({
  ...MFA_ENABLEMENT,
  async execute(input, { caller, store, now, sealer, auditDetails, sourceIp }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    describeMfaAuthentication(auditDetails, caller, now, target);
    auditDetails.serialNumber = input.SerialNumber;

    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    if (device.owner) throw new EntityAlreadyExists("MFA Device is already in use.");
    await assertRoomForDevice(store, caller.accountId, target.owner, auditDetails);

    const throttle = throttleTargetOf(caller, target.owner, sourceIp);
    const step = await proveWithConsecutiveCodes({ store, sealer, now }, device, throttle, {
      code1: input.AuthenticationCode1,
      code2: input.AuthenticationCode2,
    });
    // No drift is learnt here: codes typed slowly at enrolment would shift the sign-in window
    // away from the phone's real clock. Only ResyncMFADevice, which exists for that, learns it.
    if (
      !(await store.mfaDevices.assign(device.serialNumber, target.owner, {
        enableDate: now,
        lastUsedStep: step,
        driftSteps: 0,
      }))
    ) {
      throw new EntityAlreadyExists("MFA Device is already in use.");
    }
    await clearSourceFailures(store, throttle);
    auditDetails.serialNumber = device.serialNumber;
  },
});
