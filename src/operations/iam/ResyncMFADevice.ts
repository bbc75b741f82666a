// ResyncMFADevice: brings an assigned device whose clock has drifted back in line, with two
// consecutive codes. The codes are single-use like any others, and wrong ones are throttled and
// counted (the count commits before the request is refused).

import { totpStepAt } from "../../auth/totp/generateTotpCode.ts";
import { sameOwner } from "../../domain/MfaDevice.ts";
import type { ResyncMFADeviceRequest } from "../../generated/iam/iamShapes.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { clearSourceFailures, throttleTargetOf } from "../mfa/mfaCodeThrottle.ts";
import { proveWithConsecutiveCodes, refuseCodes } from "../mfa/proveWithConsecutiveCodes.ts";
import { getDeviceOrThrow, noSuchDevice, resolveMfaOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { userResourceArn } from "./resolveUser.ts";

export const ResyncMFADevice = defineOperation<ResyncMFADeviceRequest, void>({
  service: "iam",
  name: "ResyncMFADevice",
  action: "iam:ResyncMFADevice",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, now, sealer, auditDetails, sourceIp }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    describeMfaAuthentication(auditDetails, caller, now, target);
    auditDetails.serialNumber = input.SerialNumber;
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    if (!sameOwner(device.owner, target.owner)) throw noSuchDevice(input.SerialNumber);

    const throttle = throttleTargetOf(caller, target.owner, sourceIp);
    const step = await proveWithConsecutiveCodes({ store, sealer, now }, device, throttle, {
      code1: input.AuthenticationCode1,
      code2: input.AuthenticationCode2,
    });
    // consumeStep refuses a step a racing request spent first; it records the clock's drift.
    if (!(await store.mfaDevices.consumeStep(device.serialNumber, step, step - totpStepAt(now.getTime())))) {
      await refuseCodes(store, throttle, now);
    }
    await clearSourceFailures(store, throttle);
  },
});
