// ListRoles: the account's roles in name order, filtered by path prefix, paginated. As AWS
// documents, the listing leaves out each role's permissions boundary, tags and last use.

import type { ListRolesRequest, ListRolesResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { DEFAULT_MAX_ITEMS } from "../paginateList.ts";
import { roleSummaryShape } from "./roleShape.ts";

export const ListRoles = defineOperation<ListRolesRequest, ListRolesResponse>({
  service: "iam",
  name: "ListRoles",
  action: "iam:ListRoles",
  mutating: false,
  resource: (input, { caller }) => `arn:aws:iam::${caller.accountId}:role${input.PathPrefix ?? "/"}`,
  async execute(input, { caller, store }) {
    const page = await store.roles.list(caller.accountId, input.PathPrefix ?? "/", {
      maxItems: input.MaxItems ?? DEFAULT_MAX_ITEMS,
      ...(input.Marker !== undefined ? { marker: input.Marker } : {}),
    });
    return {
      Roles: page.items.map(roleSummaryShape),
      IsTruncated: page.marker !== undefined,
      ...(page.marker !== undefined ? { Marker: page.marker } : {}),
    };
  },
});
