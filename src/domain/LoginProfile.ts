// A user's console password (AWS's "login profile"), as stored: only the hash, never the password.

export interface LoginProfile {
  readonly userId: string;
  readonly accountId: string;
  readonly passwordHash: string;
  readonly createDate: Date;
  /** When the password was last set; expiry (MaxPasswordAge) counts from here. */
  readonly passwordChangedDate: Date;
  readonly passwordResetRequired: boolean;
}

/** How many previous hashes a user keeps at most: PasswordReusePrevention's upper bound. */
export const MAX_PASSWORD_HISTORY = 24;
