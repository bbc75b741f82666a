// DeleteAccountPasswordPolicy: removes the policy; NoSuchEntity when there is none, as AWS answers.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const DeleteAccountPasswordPolicy = defineOperation<void, void>({
  service: "iam",
  name: "DeleteAccountPasswordPolicy",
  action: "iam:DeleteAccountPasswordPolicy",
  mutating: true,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store, invalidate }) {
    if (!(await store.passwordPolicies.get(caller.accountId))) {
      throw new NoSuchEntity(`The account policy with name PasswordPolicy cannot be found.`); // AWS wording unconfirmed
    }
    await store.passwordPolicies.delete(caller.accountId);
    invalidate({ kind: "account", id: caller.accountId });
  },
});
