// ListGroups: the account's groups in name order, filtered by path prefix, paginated.

import type { ListGroupsRequest, ListGroupsResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { pageRequest } from "../paginateList.ts";
import { groupShape } from "./resolveGroup.ts";

export const ListGroups = defineOperation<ListGroupsRequest, ListGroupsResponse>({
  service: "iam",
  name: "ListGroups",
  action: "iam:ListGroups",
  mutating: false,
  resource: (input, { caller }) => `arn:aws:iam::${caller.accountId}:group${input.PathPrefix ?? "/"}`,
  async execute(input, { caller, store }) {
    const page = await store.groups.list(caller.accountId, input.PathPrefix ?? "/", pageRequest(input));
    return {
      Groups: page.items.map(groupShape),
      IsTruncated: page.marker !== undefined,
      ...(page.marker !== undefined ? { Marker: page.marker } : {}),
    };
  },
});
