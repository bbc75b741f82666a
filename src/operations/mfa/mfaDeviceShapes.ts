// The wire forms of MFA devices: MFADevice (ListMFADevices) and VirtualMFADevice
// (ListVirtualMFADevices), never with the seed or the QR code.

import type { MfaDevice } from "../../domain/MfaDevice.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { MFADevice, VirtualMFADevice } from "../../generated/iam/iamShapes.ts";
import { userSummaryShape } from "../iam/userShape.ts";
import type { ResolvedMfaOwner } from "./resolveMfaOwner.ts";

export function mfaDeviceShape(device: MfaDevice, owner: ResolvedMfaOwner): MFADevice {
  return {
    UserName: owner.displayName,
    SerialNumber: device.serialNumber,
    EnableDate: device.enableDate ?? device.createDate,
  };
}

export function virtualMfaDeviceShape(
  device: MfaDevice,
  owner: ResolvedMfaOwner | undefined,
  tags: readonly Tag[],
  rootCreateDate: Date,
): VirtualMFADevice {
  let user: VirtualMFADevice["User"] | undefined;
  if (owner?.user) user = userSummaryShape(owner.user);
  else if (owner) {
    // AWS lists a root-assigned device with the root ARN and the account id as its user id.
    user = {
      Path: "/",
      UserName: owner.displayName,
      UserId: owner.displayName,
      Arn: owner.arn,
      CreateDate: rootCreateDate,
    };
  }
  return {
    SerialNumber: device.serialNumber,
    ...(user ? { User: user } : {}),
    ...(device.enableDate ? { EnableDate: device.enableDate } : {}),
    ...(tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
}
