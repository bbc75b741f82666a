// ListUsers: the account's users in name order, filtered by path prefix, paginated.

import type { ListUsersRequest, ListUsersResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { pageRequest } from "../paginateList.ts";
import { userSummaryShape } from "./userShape.ts";

export const ListUsers = defineOperation<ListUsersRequest, ListUsersResponse>({
  service: "iam",
  name: "ListUsers",
  action: "iam:ListUsers",
  mutating: false,
  resource: (input, { caller }) => `arn:aws:iam::${caller.accountId}:user${input.PathPrefix ?? "/"}`,
  async execute(input, { caller, store }) {
    const page = await store.users.list(caller.accountId, input.PathPrefix ?? "/", pageRequest(input));
    return {
      Users: page.items.map((u) => userSummaryShape(u)),
      IsTruncated: page.marker !== undefined,
      ...(page.marker !== undefined ? { Marker: page.marker } : {}),
    };
  },
});
