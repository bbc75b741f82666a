// RegisterSecurityKey: assigns a FIDO security key (a WebAuthn credential the console has already
// verified) to a user as an MFA device. AWS has no Query action for it (its console registers
// keys through private APIs), so this operation is not in the registry: only the console reaches
// it, through AwsRequestHandler.handleInternal, signed with the console session's credential.
// It is authorized exactly as EnableMFADevice is (iam:EnableMFADevice on the user, the 2023 rule,
// the 8-device limit) and audited under that event name.

import { randomBytes } from "node:crypto";
import { encodeBase32 } from "../../auth/totp/encodeBase32.ts";
import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_MFA_DEVICES_PER_USER, type SecurityKey } from "../../domain/MfaDevice.ts";
import { userResourceArn } from "../iam/resolveUser.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { mfaSelfManagementFacts } from "../mfa/mfaSelfManagementFacts.ts";
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
  service: "iam",
  name: "EnableMFADevice",
  action: "iam:EnableMFADevice",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  guardFacts: (input, { caller, store }) => mfaSelfManagementFacts(store, caller, input.UserName),
  async execute(input, { caller, store, now, random, auditDetails }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    describeMfaAuthentication(auditDetails, caller, now, target);
    const assigned = await store.mfaDevices.listAssigned(caller.accountId, target.owner);
    auditDetails.assignedDevicesBefore = assigned.length;
    if (assigned.length >= MAX_MFA_DEVICES_PER_USER) {
      throw new LimitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${MAX_MFA_DEVICES_PER_USER}`);
    }
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
