// The store's port: what operations and the server may ask of persistence. Adapters (SQLite now,
// PostgreSQL) implement it; handlers never see SQL. Every change runs inside `transaction`,
// and limits (two access keys, eight MFA devices…) are checked inside that same transaction so
// two racing requests cannot both pass them.

import type { AccessKey, AccessKeyLastUsed, AccessKeyStatus } from "../domain/AccessKey.ts";
import type { Account } from "../domain/Account.ts";
import type { AuditEvent } from "../domain/AuditEvent.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import type { Group } from "../domain/Group.ts";
import type { InstanceProfile } from "../domain/InstanceProfile.ts";
import type { LoginProfile } from "../domain/LoginProfile.ts";
import type { InlinePolicy, ManagedPolicy, PolicyVersion } from "../domain/ManagedPolicy.ts";
import type { MfaDevice, MfaOwner, SecurityKey } from "../domain/MfaDevice.ts";
import type { OidcProvider } from "../domain/OidcProvider.ts";
import type { PasswordPolicy } from "../domain/PasswordPolicy.ts";
import type { Role } from "../domain/Role.ts";
import type { RootPassword } from "../domain/RootPassword.ts";
import type { SamlProvider } from "../domain/SamlProvider.ts";
import type { SigningCertificate } from "../domain/SigningCertificate.ts";
import type { CredentialStatus, SshPublicKey } from "../domain/SshPublicKey.ts";
import type { Tag } from "../domain/Tag.ts";
import type { User } from "../domain/User.ts";

export interface Page<T> {
  items: T[];
  /** Opaque; present when more items follow. */
  marker?: string;
}

export interface PageRequest {
  marker?: string;
  maxItems: number;
}

export interface AccountRepository {
  get(accountId: string): Promise<Account | undefined>;
  create(account: Account): Promise<void>;
  /** Every account, in id order, with its alias. */
  list(): Promise<Account[]>;
  /** The account an alias names (aliases are unique across the server). */
  findByAlias(alias: string): Promise<Account | undefined>;
  /** Sets the account's one alias, replacing any; false if another account holds it. */
  setAlias(accountId: string, alias: string): Promise<boolean>;
  deleteAlias(accountId: string): Promise<void>;
}

export interface UserRepository {
  /** IAM user names are unique per account without regard to case; lookups are case-insensitive. */
  getByName(accountId: string, userName: string): Promise<User | undefined>;
  getById(userId: string): Promise<User | undefined>;
  list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<User>>;
  create(user: User): Promise<void>;
  update(userId: string, changes: { userName?: string; path?: string; arn?: string }): Promise<void>;
  setPermissionsBoundary(userId: string, policyArn: string | undefined): Promise<void>;
  /** Deletes the user, its tags and its remembered password hashes. */
  delete(userId: string): Promise<void>;
  count(accountId: string): Promise<number>;
  /** Counts of what blocks DeleteUser, as AWS checks them. */
  attachments(userId: string): Promise<UserAttachments>;
  /** A successful console sign-in with the user's password (the credential report's password_last_used). */
  recordPasswordUse(userId: string, at: Date): Promise<void>;
}

export interface UserAttachments {
  accessKeys: number;
  mfaDevices: number;
  policies: number;
  groups: number;
  loginProfile: number;
  sshPublicKeys: number;
  signingCertificates: number;
}

/** Users' console passwords, as hashes, and the previous hashes PasswordReusePrevention checks. */
export interface LoginProfileRepository {
  get(userId: string): Promise<LoginProfile | undefined>;
  create(profile: LoginProfile): Promise<void>;
  update(
    userId: string,
    changes: { passwordHash?: string; passwordChangedDate?: Date; passwordResetRequired?: boolean },
  ): Promise<void>;
  delete(userId: string): Promise<void>;
  /** The user's previous password hashes, most recent first, at most `count`. */
  previousHashes(userId: string, count: number): Promise<string[]>;
  /** Remembers a replaced hash as the most recent previous one, keeping at most `keep`. */
  remember(userId: string, passwordHash: string, keep: number): Promise<void>;
}

/** The account root's console password (one per account). */
export interface RootPasswordRepository {
  get(accountId: string): Promise<RootPassword | undefined>;
  /** Sets or replaces it. */
  put(accountId: string, passwordHash: string, changedDate: Date): Promise<void>;
  recordUse(accountId: string, at: Date): Promise<void>;
}

export interface PasswordPolicyRepository {
  get(accountId: string): Promise<PasswordPolicy | undefined>;
  put(accountId: string, policy: PasswordPolicy): Promise<void>;
  delete(accountId: string): Promise<void>;
}

/** A user's SSH public keys or signing certificates: same life cycle, per-user limit. */
export interface UserCredentialRepository<T> {
  get(userId: string, id: string): Promise<T | undefined>;
  /** Oldest upload first. */
  listForUser(userId: string): Promise<T[]>;
  /** Every one of the account's, oldest upload first (the credential report reads them). */
  listForAccount(accountId: string): Promise<T[]>;
  /**
   * Adds it unless the user already holds `maxPerUser`: false then. Call inside a transaction, so
   * two racing uploads cannot both pass the limit.
   */
  create(item: T, maxPerUser: number): Promise<boolean>;
  setStatus(id: string, status: CredentialStatus): Promise<void>;
  delete(id: string): Promise<void>;
}

export type SshPublicKeyRepository = UserCredentialRepository<SshPublicKey>;
export type SigningCertificateRepository = UserCredentialRepository<SigningCertificate>;

export interface StoredCredentialReport {
  readonly generatedTime: Date;
  /** The CSV text. */
  readonly content: string;
}

export interface CredentialReportRepository {
  get(accountId: string): Promise<StoredCredentialReport | undefined>;
  /** Replaces the account's report. */
  put(accountId: string, report: StoredCredentialReport): Promise<void>;
}

export interface TagRepository {
  list(resourceId: string): Promise<Tag[]>;
  /** Adds or overwrites by key, keeping first-added order. */
  put(resourceId: string, tags: readonly Tag[]): Promise<void>;
  remove(resourceId: string, keys: readonly string[]): Promise<void>;
}

export interface AccessKeyRepository {
  get(accessKeyId: string): Promise<AccessKey | undefined>;
  listForUser(userId: string): Promise<AccessKey[]>;
  listForRoot(accountId: string): Promise<AccessKey[]>;
  create(key: AccessKey): Promise<void>;
  setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<void>;
  delete(accessKeyId: string): Promise<void>;
  getLastUsed(accessKeyId: string): Promise<AccessKeyLastUsed>;
  recordLastUsed(uses: readonly AccessKeyUse[]): Promise<void>;
}

/** One request an access key authenticated, as GetAccessKeyLastUsed reports it. */
export interface AccessKeyUse {
  accessKeyId: string;
  date: Date;
  serviceName: string;
  region: string;
}

/** Customer-managed policies of one account; AWS-managed ones come from the shipped catalog. */
export interface ManagedPolicyRepository {
  getByArn(arn: string): Promise<ManagedPolicy | undefined>;
  /** Every customer-managed policy of the account under the path prefix, in name order. */
  list(accountId: string, pathPrefix: string): Promise<ManagedPolicy[]>;
  /** Creates the policy with its first version (v1, the default). */
  create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void>;
  /** Deletes the policy and all its versions and tags. */
  delete(arn: string): Promise<void>;
  listVersions(arn: string): Promise<PolicyVersion[]>;
  getVersion(arn: string, versionId: string): Promise<PolicyVersion | undefined>;
  /** The default version's document: what evaluation reads. */
  getDefaultDocument(arn: string): Promise<string | undefined>;
  createVersion(version: PolicyVersion): Promise<void>;
  deleteVersion(arn: string, versionId: string): Promise<void>;
  setDefaultVersion(arn: string, versionId: string, updateDate: Date): Promise<void>;
  /** The highest version number ever used (v1 → 1), so deleted numbers are not reused. */
  lastVersionNumber(arn: string): Promise<number>;
}

/**
 * What is attached to one identity (a user, a group, a role): inline policies by name, and managed policy
 * ARNs (customer or AWS), keyed by the identity's id.
 */
export interface IdentityPolicyRepository {
  putInline(ownerId: string, policy: InlinePolicy): Promise<void>;
  getInline(ownerId: string, policyName: string): Promise<InlinePolicy | undefined>;
  /** In policy-name order. */
  listInline(ownerId: string): Promise<InlinePolicy[]>;
  deleteInline(ownerId: string, policyName: string): Promise<void>;
  attach(ownerId: string, policyArn: string, date: Date): Promise<void>;
  detach(ownerId: string, policyArn: string): Promise<void>;
  /** In the order they were attached. */
  listAttached(ownerId: string): Promise<string[]>;
}

/** What is attached to a user. */
export interface UserPolicyRepository extends IdentityPolicyRepository {
  /** User ids (of one account) that have this managed policy attached. */
  usersWithAttached(accountId: string, policyArn: string): Promise<string[]>;
  /** User ids (of one account) whose permissions boundary is this policy. */
  usersWithBoundary(accountId: string, policyArn: string): Promise<string[]>;
}

/** What is attached to a group (groups have no permissions boundary). */
export interface GroupPolicyRepository extends IdentityPolicyRepository {
  /** Group ids (of one account) that have this managed policy attached. */
  groupsWithAttached(accountId: string, policyArn: string): Promise<string[]>;
}

export interface GroupRepository {
  /** Group names are unique per account without regard to case; lookups are case-insensitive. */
  getByName(accountId: string, groupName: string): Promise<Group | undefined>;
  getById(groupId: string): Promise<Group | undefined>;
  /** In name order, under the path prefix, with opaque markers. */
  list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<Group>>;
  count(accountId: string): Promise<number>;
  create(group: Group): Promise<void>;
  update(groupId: string, changes: { groupName?: string; path?: string; arn?: string }): Promise<void>;
  /** Deletes the group row; members and policies must be gone already (DeleteGroup checks). */
  delete(groupId: string): Promise<void>;
  /** Adds a member; adding an existing member changes nothing. */
  addUser(groupId: string, userId: string, date: Date): Promise<void>;
  removeUser(groupId: string, userId: string): Promise<void>;
  /** The members, in user-name order, with opaque markers. */
  listUsers(groupId: string, page: PageRequest): Promise<Page<User>>;
  /** The user's groups in the order the user joined them. */
  listForUser(userId: string): Promise<Group[]>;
  /** What blocks DeleteGroup: members, and policies (inline and attached together). */
  attachments(groupId: string): Promise<{ members: number; policies: number }>;
}

export interface RolePolicyRepository extends IdentityPolicyRepository {
  /** Role ids (of one account) that have this managed policy attached. */
  rolesWithAttached(accountId: string, policyArn: string): Promise<string[]>;
  /** Role ids (of one account) whose permissions boundary is this policy. */
  rolesWithBoundary(accountId: string, policyArn: string): Promise<string[]>;
}

export interface RoleRepository {
  /** Role names are unique per account without regard to case; lookups are case-insensitive. */
  getByName(accountId: string, roleName: string): Promise<Role | undefined>;
  getById(roleId: string): Promise<Role | undefined>;
  /** In name order (AWS lists roles alphabetically), with opaque markers. */
  list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<Role>>;
  count(accountId: string): Promise<number>;
  create(role: Role): Promise<void>;
  update(roleId: string, changes: { description?: string; maxSessionDuration?: number }): Promise<void>;
  setAssumeRolePolicy(roleId: string, document: string): Promise<void>;
  setPermissionsBoundary(roleId: string, policyArn: string | undefined): Promise<void>;
  recordLastUsed(roleId: string, date: Date, region: string): Promise<void>;
  /** Deletes the role and its tags. */
  delete(roleId: string): Promise<void>;
  /** Counts of what blocks DeleteRole: inline and attached policies, instance profiles. */
  attachments(roleId: string): Promise<{ policies: number; instanceProfiles: number }>;
}

export interface InstanceProfileRepository {
  /** Instance profile names are unique per account without regard to case. */
  getByName(accountId: string, instanceProfileName: string): Promise<InstanceProfile | undefined>;
  /** In name order, with opaque markers. */
  list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<InstanceProfile>>;
  /** The profiles a role is in, in name order. */
  listForRole(roleId: string): Promise<InstanceProfile[]>;
  count(accountId: string): Promise<number>;
  create(profile: InstanceProfile): Promise<void>;
  /** Deletes the profile, its role associations and its tags. */
  delete(instanceProfileId: string): Promise<void>;
  /**
   * Adds the role unless the profile already holds `maxRoles` roles: false then. Call inside a
   * transaction, so two racing additions cannot both pass the quota.
   */
  addRole(instanceProfileId: string, roleId: string, maxRoles: number): Promise<boolean>;
  removeRole(instanceProfileId: string, roleId: string): Promise<void>;
}

/** IAM OpenID Connect providers, by ARN (which carries the account and the issuer). */
export interface OidcProviderRepository {
  get(arn: string): Promise<OidcProvider | undefined>;
  /** The account's providers in ARN order. */
  list(accountId: string): Promise<OidcProvider[]>;
  /**
   * Adds it unless the account already holds `maxPerAccount`: false then. Call inside a
   * transaction, so two racing creations cannot both pass the quota.
   */
  create(provider: OidcProvider, maxPerAccount: number): Promise<boolean>;
  update(
    arn: string,
    changes: { clientIds?: readonly string[]; thumbprints?: readonly string[] },
  ): Promise<void>;
  /** Deletes the provider and its tags. */
  delete(arn: string): Promise<void>;
}

/** SAML identity providers, by ARN, and the assertion ids already redeemed through them. */
export interface SamlProviderRepository {
  getByArn(arn: string): Promise<SamlProvider | undefined>;
  /** The account's providers in ARN order. */
  list(accountId: string): Promise<SamlProvider[]>;
  count(accountId: string): Promise<number>;
  create(provider: SamlProvider): Promise<void>;
  /** Replaces the metadata and what was read from it. */
  updateMetadata(
    samlProviderId: string,
    change: Pick<SamlProvider, "metadataDocument" | "entityId" | "certificates" | "validUntil">,
  ): Promise<void>;
  /** Deletes the provider, its tags and its redeemed assertion ids. */
  delete(samlProviderId: string): Promise<void>;
  /**
   * Records that an assertion was redeemed, to be remembered until `expiresAt`; false if it was
   * redeemed before and has not expired. Forgets expired ids first. Atomic on its own (one
   * insert decides), so two racing redemptions cannot both pass, in or out of a transaction.
   */
  redeemAssertion(samlProviderId: string, assertionId: string, expiresAt: Date, now: Date): Promise<boolean>;
}

/** Virtual MFA devices of an account, by serial number (matched without regard to case). */
export interface MfaDeviceRepository {
  get(accountId: string, serialNumber: string): Promise<MfaDevice | undefined>;
  create(device: MfaDevice): Promise<void>;
  /** Deletes the device and its tags. */
  delete(serialNumber: string): Promise<void>;
  /** The devices assigned to one owner, oldest enablement first. */
  listAssigned(accountId: string, owner: MfaOwner): Promise<MfaDevice[]>;
  /** Every device of the account, in serial-number order, filtered by assignment. */
  list(accountId: string, status: "Assigned" | "Unassigned" | "Any"): Promise<MfaDevice[]>;
  /**
   * Assigns an unassigned device; false if it was assigned meanwhile. Call inside the transaction
   * that counted the owner's devices, so the per-user limit holds.
   */
  assign(
    serialNumber: string,
    owner: MfaOwner,
    change: { enableDate: Date; lastUsedStep: number; driftSteps: number },
  ): Promise<boolean>;
  unassign(serialNumber: string): Promise<void>;
  /**
   * Records that a code at `step` was accepted, only if no later-or-equal step was accepted
   * before: false means the code was used already (a racing request got there first).
   */
  consumeStep(serialNumber: string, step: number, driftSteps?: number): Promise<boolean>;
  /** A security key signed in: its new signature counter. */
  recordSecurityKeyUse(serialNumber: string, key: SecurityKey, counter: number): Promise<void>;
}

/** Counters of failed MFA codes per throttling scope (a device, a user), in fixed windows. */
export interface MfaCodeFailureRepository {
  get(scope: string): Promise<{ windowStart: Date; failures: number } | undefined>;
  put(scope: string, windowStart: Date, failures: number): Promise<void>;
  clear(scopes: readonly string[]): Promise<void>;
  /** Removes every counter whose scope starts with `prefix`; returns how many there were. */
  clearPrefix(prefix: string): Promise<number>;
}

export interface AuditQuery {
  since?: Date;
  eventName?: string;
  limit?: number;
  /** Only the records of this account (as recipient, or the caller's). */
  accountId?: string;
  /** Only the records before this time. */
  until?: Date;
  /** Oldest first unless asked otherwise. */
  order?: "oldest-first" | "newest-first";
  /** A page's continuation: only the records past this one, in the order asked for. */
  after?: AuditPosition;
}

/** Where a record sits in the trail's order: its time, then its id. */
export interface AuditPosition {
  eventTime: string;
  eventId: string;
}

/** Records gathered for one write, encoded by the writer that opened the batch. */
export interface AuditBatch {
  add(event: AuditEvent): void;
  readonly count: number;
}

/**
 * A writer of audit batches off the request thread (an adapter's own connection, in a worker):
 * each `append` is one transaction; `close` waits for what was handed over.
 */
export interface AuditWriter {
  append(events: readonly AuditEvent[]): Promise<void>;
  /**
   * Where the writer can: an empty batch that encodes each record as it is added, so the request
   * thread keeps a few bytes per queued record instead of its object graph (which would outlive
   * the young generation and be copied, then promoted, by every collection meanwhile).
   * Written by `appendBatch`.
   */
  openBatch?(): AuditBatch;
  appendBatch?(batch: AuditBatch): Promise<void>;
  /**
   * Where the writer has its own connection: access keys' last-used dates, written there too, so
   * that the request thread's connection never waits for the lock the writer holds.
   */
  recordLastUsed?(uses: readonly AccessKeyUse[]): Promise<void>;
  close(): Promise<void>;
}

export interface AuditRepository {
  append(events: readonly AuditEvent[]): Promise<void>;
  /**
   * Where an adapter can, a background writer for the records of reads and refusals, which also
   * takes over the store's housekeeping writes (SQLite: WAL checkpoints) from the request thread.
   */
  openBackgroundWriter?(): AuditWriter;
  query(q: AuditQuery): Promise<AuditEvent[]>;
  /** Deletes every record older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** One entry of the change log: what one committed change touched. */
export interface ChangeLogEntry {
  readonly seq: number;
  readonly entities: readonly ChangedEntity[];
}

/**
 * The change log every process sharing the store catches up on to drop stale cache entries.
 * Written in the change's own transaction; numbers only grow.
 */
export interface ChangeLogRepository {
  append(entities: readonly ChangedEntity[], at: Date): Promise<void>;
  /** Entries numbered above `after`, or among `also` (numbers seen missing before), by number. */
  readAfter(after: number, also: readonly number[]): Promise<ChangeLogEntry[]>;
  /** The highest number written so far (0 for none): where a process that starts fresh begins. */
  latest(): Promise<number>;
  /** Deletes entries older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** One console session as stored: its state is sealed by the console, opaque here. */
export interface ConsoleSessionRecord {
  /** A hash of the session id; the id itself (the cookie's secret) is never stored. */
  readonly idHash: string;
  /** The session credential's access key id, once signed in. */
  readonly accessKeyId?: string;
  readonly stateSealed: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** The session is dead from this time on, however active (anonymous: minutes; signed in: the credential's expiry). */
  readonly expiresAt: Date;
}

/** The console's sessions, shared by every process on the store. */
export interface ConsoleSessionRepository {
  get(idHash: string): Promise<ConsoleSessionRecord | undefined>;
  /** Inserts the session, or replaces its state, credential and times. */
  put(record: ConsoleSessionRecord): Promise<void>;
  /** Restarts the idle clock without rewriting the state. */
  touch(idHash: string, lastSeenAt: Date): Promise<void>;
  /** False if there was no such session. */
  delete(idHash: string): Promise<boolean>;
  /**
   * Whether a session that has not expired by `now` nor been idle since `idleSince` holds the
   * credential with this access key id: a console credential is honoured only while it does.
   */
  holdsCredential(accessKeyId: string, now: Date, idleSince: Date): Promise<boolean>;
  /** Deletes the sessions expired by `now` or idle since `idleSince`; returns how many. */
  deleteExpired(now: Date, idleSince: Date): Promise<number>;
}

/** Everything a unit of work may touch. Inside `transaction` all of it commits or none does. */
export interface StoreSession {
  readonly accounts: AccountRepository;
  readonly users: UserRepository;
  readonly userTags: TagRepository;
  readonly accessKeys: AccessKeyRepository;
  readonly managedPolicies: ManagedPolicyRepository;
  readonly policyTags: TagRepository;
  readonly userPolicies: UserPolicyRepository;
  readonly groups: GroupRepository;
  readonly groupPolicies: GroupPolicyRepository;
  readonly roles: RoleRepository;
  readonly roleTags: TagRepository;
  readonly rolePolicies: RolePolicyRepository;
  readonly instanceProfiles: InstanceProfileRepository;
  readonly instanceProfileTags: TagRepository;
  readonly mfaDevices: MfaDeviceRepository;
  readonly mfaDeviceTags: TagRepository;
  readonly mfaCodeFailures: MfaCodeFailureRepository;
  readonly loginProfiles: LoginProfileRepository;
  readonly rootPasswords: RootPasswordRepository;
  readonly passwordPolicies: PasswordPolicyRepository;
  readonly sshPublicKeys: SshPublicKeyRepository;
  readonly signingCertificates: SigningCertificateRepository;
  readonly credentialReports: CredentialReportRepository;
  readonly oidcProviders: OidcProviderRepository;
  /** Keyed by the provider's ARN. */
  readonly oidcProviderTags: TagRepository;
  readonly samlProviders: SamlProviderRepository;
  readonly samlProviderTags: TagRepository;
  readonly audit: AuditRepository;
  readonly changeLog: ChangeLogRepository;
  readonly consoleSessions: ConsoleSessionRepository;
}

/** What a store shared by several nodes pushes when a change commits (PostgreSQL's NOTIFY). */
export interface ChangeSubscription {
  /** A change committed somewhere: catch up on the log. */
  onChange(): void;
  /** The push channel is (re)connected: what happened while it was down must be read first. */
  onConnected(): void;
  /** The push channel is down: until onConnected, nothing is pushed. */
  onDisconnected(): void;
}

export interface Store extends StoreSession {
  readonly kind: "sqlite" | "postgres";
  transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while no other process on the same database runs its own `exclusively` work: for
   * what must happen once however many nodes start together (the first account and root key).
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  /**
   * False when no other connection can have committed since the last call (SQLite's
   * `PRAGMA data_version`, which costs no read of the file): the change log need not be read.
   * Adapters without such a signal leave it out, and the log is read as the bound says.
   */
  othersMayHaveCommitted?(): boolean;
  /** Push notification of changes, where the adapter has it; resolves to a stop function. */
  subscribeChanges?(subscription: ChangeSubscription): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
