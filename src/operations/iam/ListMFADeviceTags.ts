// ListMFADeviceTags: a virtual MFA device's tags in the order they were added, paginated.

import type { ListMFADeviceTagsRequest, ListMFADeviceTagsResponse } from "../../generated/iam/iamShapes.ts";
import { getDeviceOrThrow } from "../mfa/resolveMfaOwner.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";

export const ListMFADeviceTags = defineOperation<ListMFADeviceTagsRequest, ListMFADeviceTagsResponse>({
  service: "iam",
  name: "ListMFADeviceTags",
  action: "iam:ListMFADeviceTags",
  mutating: false,
  resource: (input) => input.SerialNumber,
  async execute(input, { caller, store }) {
    const device = await getDeviceOrThrow(store, caller.accountId, input.SerialNumber);
    const page = paginateList(
      await store.mfaDeviceTags.list(device.serialNumber),
      input.Marker,
      input.MaxItems,
    );
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
