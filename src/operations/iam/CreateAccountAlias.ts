// CreateAccountAlias: the account's one alias (replacing any), unique across the accounts this
// server hosts, as AWS's aliases are globally unique. The pattern is the model's, checked by the parser.

import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import type { CreateAccountAliasRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const CreateAccountAlias = defineOperation<CreateAccountAliasRequest, void>({
  service: "iam",
  name: "CreateAccountAlias",
  action: "iam:CreateAccountAlias",
  mutating: true,
  resource: () => ACCOUNT_RESOURCE,
  async execute(input, { caller, store, invalidate }) {
    if (!(await store.accounts.setAlias(caller.accountId, input.AccountAlias))) {
      throw new EntityAlreadyExists(`The account alias ${input.AccountAlias} already exists.`);
    }
    invalidate({ kind: "account", id: caller.accountId });
  },
});
