// ListInstanceProfiles: the account's instance profiles in name order, with their roles,
// filtered by path prefix, paginated.

import type {
  ListInstanceProfilesRequest,
  ListInstanceProfilesResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { DEFAULT_MAX_ITEMS } from "../paginateList.ts";
import { instanceProfileShape } from "./roleShape.ts";

export const ListInstanceProfiles = defineOperation<
  ListInstanceProfilesRequest,
  ListInstanceProfilesResponse
>({
  service: "iam",
  name: "ListInstanceProfiles",
  action: "iam:ListInstanceProfiles",
  mutating: false,
  resource: (input, { caller }) =>
    `arn:aws:iam::${caller.accountId}:instance-profile${input.PathPrefix ?? "/"}`,
  async execute(input, { caller, store }) {
    const page = await store.instanceProfiles.list(caller.accountId, input.PathPrefix ?? "/", {
      maxItems: input.MaxItems ?? DEFAULT_MAX_ITEMS,
      ...(input.Marker !== undefined ? { marker: input.Marker } : {}),
    });
    const profiles = [];
    for (const profile of page.items) profiles.push(await instanceProfileShape(store, profile));
    return {
      InstanceProfiles: profiles,
      IsTruncated: page.marker !== undefined,
      ...(page.marker !== undefined ? { Marker: page.marker } : {}),
    };
  },
});
