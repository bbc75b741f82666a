// A user's console password (AWS's "login profile"), as stored: only the hash, never the password,
// and the hash itself sealed, so that a copy of the database gives no offline guessing material.

export interface LoginProfile {
  readonly userId: string;
  readonly accountId: string;
  /** The password's hash, sealed under PASSWORD_HASH_CONTEXT (never in clear in the store). */
  readonly passwordHash: string;
  readonly createDate: Date;
  /** When the password was last set; expiry (MaxPasswordAge) counts from here. */
  readonly passwordChangedDate: Date;
  readonly passwordResetRequired: boolean;
}

/** How many previous hashes a user keeps at most: PasswordReusePrevention's upper bound. */
export const MAX_PASSWORD_HISTORY = 24;

/** The sealing context of stored password hashes (the current one and the remembered ones). */
export const PASSWORD_HASH_CONTEXT = "password-hash";
