// ListMFADevices: the devices assigned to a user, or, with no UserName, to the caller (a user, or
// the root principal), oldest first, paginated.

import type { ListMFADevicesRequest, ListMFADevicesResponse } from "../../generated/iam/iamShapes.ts";
import { mfaDeviceShape } from "../mfa/mfaDeviceShapes.ts";
import { resolveMfaOwner } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { userResourceArn } from "./resolveUser.ts";

export const ListMFADevices = defineOperation<ListMFADevicesRequest, ListMFADevicesResponse>({
  service: "iam",
  name: "ListMFADevices",
  action: "iam:ListMFADevices",
  mutating: false,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store }) {
    const target = await resolveMfaOwner(store, caller, input.UserName);
    const devices = await store.mfaDevices.listAssigned(caller.accountId, target.owner);
    const page = paginateList(devices, input.Marker, input.MaxItems);
    return {
      MFADevices: page.items.map((d) => mfaDeviceShape(d, target)),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
