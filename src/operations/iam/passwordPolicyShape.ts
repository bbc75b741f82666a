// The wire form of the account password policy, as GetAccountPasswordPolicy returns it:
// ExpirePasswords is derived from MaxPasswordAge, and the optional limits appear only when set.

import type { PasswordPolicy } from "../../domain/PasswordPolicy.ts";
import type { PasswordPolicy as PasswordPolicyShape } from "../../generated/iam/iamShapes.ts";

export function passwordPolicyShape(policy: PasswordPolicy): PasswordPolicyShape {
  return {
    MinimumPasswordLength: policy.minimumPasswordLength,
    RequireSymbols: policy.requireSymbols,
    RequireNumbers: policy.requireNumbers,
    RequireUppercaseCharacters: policy.requireUppercaseCharacters,
    RequireLowercaseCharacters: policy.requireLowercaseCharacters,
    AllowUsersToChangePassword: policy.allowUsersToChangePassword,
    ExpirePasswords: policy.maxPasswordAge !== undefined,
    ...(policy.maxPasswordAge !== undefined ? { MaxPasswordAge: policy.maxPasswordAge } : {}),
    ...(policy.passwordReusePrevention !== undefined
      ? { PasswordReusePrevention: policy.passwordReusePrevention }
      : {}),
    HardExpiry: policy.hardExpiry,
  };
}

/** The account-level resource account settings are authorized against. */
export const ACCOUNT_RESOURCE = "*";
