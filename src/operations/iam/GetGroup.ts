// GetGroup: a group and its members, the members in name order and paginated with Marker/MaxItems.

import type { GetGroupRequest, GetGroupResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { pageRequest } from "../paginateList.ts";
import { getGroupOrThrow, groupResourceArn, groupShape } from "./resolveGroup.ts";
import { userSummaryShape } from "./userShape.ts";

export const GetGroup = defineOperation<GetGroupRequest, GetGroupResponse>({
  service: "iam",
  name: "GetGroup",
  action: "iam:GetGroup",
  mutating: false,
  resource: (input, { caller, store }) => groupResourceArn(store, caller, input.GroupName),
  async execute(input, { caller, store }) {
    const group = await getGroupOrThrow(store, caller.accountId, input.GroupName);
    const page = await store.groups.listUsers(group.groupId, pageRequest(input));
    return {
      Group: groupShape(group),
      Users: page.items.map((u) => userSummaryShape(u)),
      IsTruncated: page.marker !== undefined,
      ...(page.marker !== undefined ? { Marker: page.marker } : {}),
    };
  },
});
