// The account password policy: AWS's rules, their defaults and ranges, and the check every
// password set (CreateLoginProfile, UpdateLoginProfile, ChangePassword) passes through.

export interface PasswordPolicy {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  /** Days; undefined means passwords never expire (ExpirePasswords is derived from it). */
  readonly maxPasswordAge?: number;
  /** How many previous passwords may not be reused; undefined means none is remembered. */
  readonly passwordReusePrevention?: number;
  readonly hardExpiry: boolean;
}

/** What UpdateAccountPasswordPolicy sets for every parameter it is not given, as AWS documents. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  hardExpiry: false,
};

/**
 * Without a policy, AWS applies its default: at least 8 characters, and at least three of upper
 * case, lower case, numbers and symbols. Enforced as AWS enforces it: minimum length 8 only.
 */
export const NO_POLICY_MINIMUM_LENGTH = 8;

// AWS's symbol set for password policies: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '
const SYMBOLS = /[!@#$%^&*()_+\-=[\]{}|']/;

/** The rules a password breaks, in AWS's wording; empty when it complies. */
export function passwordViolations(policy: PasswordPolicy | undefined, password: string): string[] {
  const minimum = policy?.minimumPasswordLength ?? NO_POLICY_MINIMUM_LENGTH;
  const failures: string[] = [];
  if (password.length < minimum) failures.push(`Password should have a minimum length of ${minimum}`);
  if (policy?.requireLowercaseCharacters && !/[a-z]/.test(password)) {
    failures.push("Password should have at least one lowercase letter");
  }
  if (policy?.requireUppercaseCharacters && !/[A-Z]/.test(password)) {
    failures.push("Password should have at least one uppercase letter");
  }
  if (policy?.requireNumbers && !/[0-9]/.test(password))
    failures.push("Password should have at least one number");
  if (policy?.requireSymbols && !SYMBOLS.test(password))
    failures.push("Password should have at least one symbol");
  return failures;
}

/**
 * AWS's PasswordPolicyViolation message for a list of failures, e.g. "Password should meet 2
 * more of the following requirements: Password should have at least one uppercase letter,
 * Password should have at least one symbol". // AWS wording unconfirmed for the count
 */
export function passwordViolationMessage(failures: readonly string[]): string {
  return `Password should meet ${failures.length} more of the following requirements: ${failures.join(", ")}`;
}

/** When a password set at `changed` expires under the policy, if it does. */
export function passwordExpiry(policy: PasswordPolicy | undefined, changed: Date): Date | undefined {
  if (policy?.maxPasswordAge === undefined) return undefined;
  return new Date(changed.getTime() + policy.maxPasswordAge * 86_400_000);
}
