// DeleteAccountAlias: removes the account's alias; naming another alias is NoSuchEntity.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { DeleteAccountAliasRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const DeleteAccountAlias = defineOperation<DeleteAccountAliasRequest, void>({
  service: "iam",
  name: "DeleteAccountAlias",
  action: "iam:DeleteAccountAlias",
  mutating: true,
  resource: () => ACCOUNT_RESOURCE,
  async execute(input, { caller, store, invalidate }) {
    const account = await store.accounts.get(caller.accountId);
    if (account?.alias !== input.AccountAlias) {
      throw new NoSuchEntity(`The account alias ${input.AccountAlias} cannot be found.`); // AWS wording unconfirmed
    }
    await store.accounts.deleteAlias(caller.accountId);
    invalidate({ kind: "account", id: caller.accountId });
  },
});
