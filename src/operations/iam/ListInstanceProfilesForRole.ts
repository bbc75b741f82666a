// ListInstanceProfilesForRole: the instance profiles a role is in, in name order, paginated.

import type {
  ListInstanceProfilesForRoleRequest,
  ListInstanceProfilesForRoleResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { getRoleOrThrow, roleResourceArn } from "./resolveRole.ts";
import { instanceProfileShape } from "./roleShape.ts";

export const ListInstanceProfilesForRole = defineOperation<
  ListInstanceProfilesForRoleRequest,
  ListInstanceProfilesForRoleResponse
>({
  service: "iam",
  name: "ListInstanceProfilesForRole",
  action: "iam:ListInstanceProfilesForRole",
  mutating: false,
  resource: (input, { caller, store }) => roleResourceArn(store, caller, input.RoleName),
  async execute(input, { caller, store }) {
    const role = await getRoleOrThrow(store, caller.accountId, input.RoleName);
    const page = paginateList(
      await store.instanceProfiles.listForRole(role.roleId),
      input.Marker,
      input.MaxItems,
    );
    const profiles = [];
    for (const profile of page.items) profiles.push(await instanceProfileShape(store, profile));
    return {
      InstanceProfiles: profiles,
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
