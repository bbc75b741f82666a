// UpdateAccountPasswordPolicy: sets the whole policy; a parameter left out takes AWS's default,
// as AWS documents (this is not a partial update). Ranges are the model's (checked by the parser).

import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from "../../domain/PasswordPolicy.ts";
import type { UpdateAccountPasswordPolicyRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const UpdateAccountPasswordPolicy = defineOperation<UpdateAccountPasswordPolicyRequest, void>({
  service: "iam",
  name: "UpdateAccountPasswordPolicy",
  action: "iam:UpdateAccountPasswordPolicy",
  mutating: true,
  resource: () => ACCOUNT_RESOURCE,
  async execute(input, { caller, store, invalidate }) {
    const d = DEFAULT_PASSWORD_POLICY;
    const policy: PasswordPolicy = {
      minimumPasswordLength: input.MinimumPasswordLength ?? d.minimumPasswordLength,
      requireSymbols: input.RequireSymbols ?? d.requireSymbols,
      requireNumbers: input.RequireNumbers ?? d.requireNumbers,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? d.requireUppercaseCharacters,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? d.requireLowercaseCharacters,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? d.allowUsersToChangePassword,
      ...(input.MaxPasswordAge !== undefined ? { maxPasswordAge: input.MaxPasswordAge } : {}),
      ...(input.PasswordReusePrevention !== undefined
        ? { passwordReusePrevention: input.PasswordReusePrevention }
        : {}),
      hardExpiry: input.HardExpiry ?? d.hardExpiry,
    };
    await store.passwordPolicies.put(caller.accountId, policy);
    invalidate({ kind: "account", id: caller.accountId });
  },
});
