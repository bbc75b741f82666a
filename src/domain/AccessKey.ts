// A long-term access key. The secret is kept sealed (AES-256-GCM under the master key): the store
// never sees it in clear, and only the authenticate step unseals it.

export type AccessKeyStatus = "Active" | "Inactive";

export interface AccessKey {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** Absent for the account's root keys. */
  readonly userId?: string;
  readonly userName?: string;
  readonly status: AccessKeyStatus;
  readonly createDate: Date;
  readonly secretSealed: string;
}

export interface AccessKeyLastUsed {
  readonly lastUsedDate?: Date;
  readonly serviceName?: string;
  readonly region?: string;
}

/** AWS allows two access keys per user. */
export const MAX_ACCESS_KEYS_PER_USER = 2;

/** The sealing context of access-key secrets, so no other sealed value can pass for one. */
export const ACCESS_KEY_SECRET_CONTEXT = "access-key-secret";
