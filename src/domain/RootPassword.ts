// The account root's console password, as stored: only its scrypt hash, sealed like users' login
// profiles (under PASSWORD_HASH_CONTEXT). IAM has no API for it; `portcullis account root-password`
// sets it, and console sign-in reads it.

export interface RootPassword {
  readonly accountId: string;
  /** The password's hash, sealed under PASSWORD_HASH_CONTEXT. */
  readonly passwordHash: string;
  readonly passwordChangedDate: Date;
  /** The last successful console sign-in with it (the credential report's password_last_used). */
  readonly passwordLastUsed?: Date;
}
