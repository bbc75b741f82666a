// ListAccountAliases: the account's alias, in a list of at most one.

import type { ListAccountAliasesRequest, ListAccountAliasesResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const ListAccountAliases = defineOperation<ListAccountAliasesRequest, ListAccountAliasesResponse>({
  service: "iam",
  name: "ListAccountAliases",
  action: "iam:ListAccountAliases",
  mutating: false,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store }) {
    const account = await store.accounts.get(caller.accountId);
    return { AccountAliases: account?.alias ? [account.alias] : [], IsTruncated: false };
  },
});
