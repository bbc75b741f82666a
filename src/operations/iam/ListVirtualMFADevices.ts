// ListVirtualMFADevices: every virtual device of the account, filtered by AssignmentStatus
// (Assigned, Unassigned, Any; default Any), with the User each assigned one belongs to.

import type {
  ListVirtualMFADevicesRequest,
  ListVirtualMFADevicesResponse,
} from "../../generated/iam/iamShapes.ts";
import { virtualMfaDeviceShape } from "../mfa/mfaDeviceShapes.ts";
import { type ResolvedMfaOwner, rootOwner, userOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";

export const ListVirtualMFADevices = defineOperation<
  ListVirtualMFADevicesRequest,
  ListVirtualMFADevicesResponse
>({
  service: "iam",
  name: "ListVirtualMFADevices",
  action: "iam:ListVirtualMFADevices",
  mutating: false,
  resource: () => "*",
  async execute(input, { caller, store }) {
    // Security keys are MFA devices but not virtual ones.
    const devices = (await store.mfaDevices.list(caller.accountId, input.AssignmentStatus ?? "Any")).filter(
      (d) => !d.securityKey,
    );
    const page = paginateList(devices, input.Marker, input.MaxItems);
    const account = await store.accounts.get(caller.accountId);
    const items = [];
    for (const device of page.items) {
      let owner: ResolvedMfaOwner | undefined;
      if (device.owner?.kind === "root") owner = rootOwner(caller.accountId);
      else if (device.owner?.kind === "user") {
        const user = await store.users.getById(device.owner.userId);
        if (user) owner = userOwner(user);
      }
      const tags = await store.mfaDeviceTags.list(device.serialNumber);
      items.push(virtualMfaDeviceShape(device, owner, tags, account?.createDate ?? device.createDate));
    }
    return {
      VirtualMFADevices: items,
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
