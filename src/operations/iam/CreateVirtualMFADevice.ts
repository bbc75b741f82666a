// CreateVirtualMFADevice: a new, unassigned TOTP device. The response carries its seed as AWS
// does (Base32StringSeed: the base32 text, as a blob) and a real QR code PNG of the otpauth://
// URI; that is the only time either leaves the server. The seed is stored sealed.

import { AWS_MFA_ISSUER, buildOtpauthUri } from "../../auth/totp/buildOtpauthUri.ts";
import { encodeBase32 } from "../../auth/totp/encodeBase32.ts";
import { generateVirtualMfaSeed } from "../../auth/totp/generateVirtualMfaSeed.ts";
import { renderQrCodePng } from "../../auth/totp/renderQrCodePng.ts";
import { mfaDeviceArn } from "../../domain/arns.ts";
import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import { MFA_SEED_CONTEXT } from "../../domain/MfaDevice.ts";
import type {
  CreateVirtualMFADeviceRequest,
  CreateVirtualMFADeviceResponse,
} from "../../generated/iam/iamShapes.ts";
import { describeMfaAuthentication } from "../mfa/describeMfaAuthentication.ts";
import { defineOperation } from "../Operation.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const CreateVirtualMFADevice = defineOperation<
  CreateVirtualMFADeviceRequest,
  CreateVirtualMFADeviceResponse
>({
  service: "iam",
  name: "CreateVirtualMFADevice",
  action: "iam:CreateVirtualMFADevice",
  mutating: true,
  resource: (input, { caller }) =>
    mfaDeviceArn(caller.accountId, input.Path ?? "/", input.VirtualMFADeviceName),
  conditionKeys: (input) => requestTagConditionKeys(input.Tags),
  async execute(input, { caller, store, now, random, sealer, auditDetails }) {
    describeMfaAuthentication(auditDetails, caller, now);
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);
    const path = input.Path ?? "/";
    const serialNumber = mfaDeviceArn(caller.accountId, path, input.VirtualMFADeviceName);
    auditDetails.serialNumber = serialNumber;
    if (await store.mfaDevices.get(caller.accountId, serialNumber)) {
      throw new EntityAlreadyExists("MFADevice entity at the same path and name already exists.");
    }
    const seed = generateVirtualMfaSeed(random);
    await store.mfaDevices.create({
      serialNumber,
      accountId: caller.accountId,
      deviceName: input.VirtualMFADeviceName,
      path,
      seedSealed: sealer.seal(seed, MFA_SEED_CONTEXT),
      createDate: now,
      driftSteps: 0,
    });
    await store.mfaDeviceTags.put(serialNumber, tags);
    const base32 = encodeBase32(seed);
    const uri = buildOtpauthUri({
      issuer: AWS_MFA_ISSUER,
      accountName: `${input.VirtualMFADeviceName}@${caller.accountId}`,
      secret: seed,
    });
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        Base32StringSeed: Buffer.from(base32, "ascii"),
        QRCodePNG: await renderQrCodePng(uri),
        ...(tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
      },
    };
  },
});
