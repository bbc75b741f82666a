// RegisterSecurityKey: assigns a FIDO security key (a WebAuthn credential the console has already
// verified) to a user as an MFA device. AWS has no Query action for it (its console registers
// keys through private APIs), so this operation is not in the registry: only the console reaches
// it, through AwsRequestHandler.handleInternal, signed with the console session's credential.
// It is authorized exactly as EnableMFADevice is (iam:EnableMFADevice on the user, the 2023 rule,
// the 8-device limit) and audited under that event name.

import { randomBytes } from "node:crypto";
import { encodeBase32 } from "../../auth/totp/encodeBase32.ts";
import type { SecurityKey } from "../../domain/MfaDevice.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { assertRoomForDevice, MFA_ENABLEMENT } from "../mfa/mfaEnablement.ts";
import { resolveMfaOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";

export interface RegisterSecurityKeyInput {
  UserName?: string;
  /** The name the user gave the key; the serial number adds a random suffix, as AWS's do. */
  DeviceName: string;
  SecurityKey: SecurityKey;
}

export interface RegisterSecurityKeyOutput {
  SerialNumber: string;
}

export const RegisterSecurityKey = defineOperation<RegisterSecurityKeyInput, RegisterSecurityKeyOutput>({
  ...MFA_ENABLEMENT,
  async execute(input, { caller, store, now, random, auditDetails }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    describeMfaAuthentication(auditDetails, caller, now, target);
    await assertRoomForDevice(store, caller.accountId, target.owner, auditDetails);
    const name = input.DeviceName.replace(/[^\w+=,.@-]/g, "").slice(0, 64) || "securitykey";
    const suffix = encodeBase32((random ?? randomBytes)(16)).slice(0, 26);
    const path = target.user ? `u2f/user/${target.user.userName}` : "u2f/root";
    const serialNumber = `arn:aws:iam::${caller.accountId}:${path}/${name}-${suffix}`;
    await store.mfaDevices.create({
      serialNumber,
      accountId: caller.accountId,
      deviceName: `${name}-${suffix}`,
      path: `/${path}/`,
      seedSealed: "",
      createDate: now,
      driftSteps: 0,
      securityKey: input.SecurityKey,
    });
    await store.mfaDevices.assign(serialNumber, target.owner, {
      enableDate: now,
      lastUsedStep: 0,
      driftSteps: 0,
    });
    auditDetails.serialNumber = serialNumber;
    auditDetails.deviceType = "SecurityKey";
    return { SerialNumber: serialNumber };
  },
});
