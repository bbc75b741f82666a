// ListInstanceProfileTags: an instance profile's tags in the order they were added, paginated.

import type {
  ListInstanceProfileTagsRequest,
  ListInstanceProfileTagsResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getInstanceProfileOrThrow, instanceProfileResourceArn } from "./resolveInstanceProfile.ts";
import { listTagsPage } from "./validateTags.ts";

export const ListInstanceProfileTags = defineOperation<
  ListInstanceProfileTagsRequest,
  ListInstanceProfileTagsResponse
>({
  service: "iam",
  name: "ListInstanceProfileTags",
  action: "iam:ListInstanceProfileTags",
  mutating: false,
  resource: (input, { caller, store }) =>
    instanceProfileResourceArn(store, caller, input.InstanceProfileName),
  async execute(input, { caller, store }) {
    const profile = await getInstanceProfileOrThrow(store, caller.accountId, input.InstanceProfileName);
    return listTagsPage(store.instanceProfileTags, profile.instanceProfileId, input.Marker, input.MaxItems);
  },
});
