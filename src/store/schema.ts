// The tables, as Kysely sees them. One schema for every adapter: times are ISO-8601 UTC text
// (sortable and identical on SQLite and PostgreSQL), ids are AWS-style text.

import type { Generated } from "kysely";

export interface ChangeLogTable {
  /** Generated; a bigint, which pg returns as a string. */
  seq: Generated<number | string>;
  change_time: string;
  /** JSON: the ChangedEntity list of one committed change. */
  entities: string;
}

export interface AccountsTable {
  account_id: string;
  create_date: string;
}

export interface AccountAliasesTable {
  account_id: string;
  alias: string;
}

export interface UsersTable {
  user_id: string;
  account_id: string;
  user_name: string;
  /** IAM names are unique per account regardless of case. */
  user_name_lower: string;
  path: string;
  arn: string;
  create_date: string;
  permissions_boundary_arn: string | null;
  password_last_used: string | null;
}

export interface TagsTable {
  resource_id: string;
  tag_key: string;
  tag_value: string;
  position: number;
}

export interface AccessKeysTable {
  access_key_id: string;
  account_id: string;
  user_id: string | null;
  status: string;
  create_date: string;
  secret_sealed: string;
  last_used_date: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface AuditEventsTable {
  event_id: string;
  event_time: string;
  account_id: string | null;
  event_name: string;
  record: string;
}

export interface ManagedPoliciesTable {
  arn: string;
  policy_id: string;
  account_id: string;
  policy_name: string;
  policy_name_lower: string;
  path: string;
  default_version_id: string;
  description: string | null;
  create_date: string;
  update_date: string;
  last_version_number: number;
}

export interface PolicyVersionsTable {
  policy_arn: string;
  version_id: string;
  document: string;
  create_date: string;
}

export interface UserInlinePoliciesTable {
  user_id: string;
  policy_name: string;
  document: string;
}

export interface UserPolicyAttachmentsTable {
  user_id: string;
  account_id: string;
  policy_arn: string;
  attach_date: string;
}

export interface GroupsTable {
  group_id: string;
  account_id: string;
  group_name: string;
  /** Unique per account regardless of case, as user names are. */
  group_name_lower: string;
  path: string;
  arn: string;
  create_date: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  account_id: string;
  /** When the user joined: ListGroupsForUser lists a user's groups in that order. */
  added_date: string;
  /** Ties on added_date keep insertion order. */
  position: number;
}

export interface GroupInlinePoliciesTable {
  group_id: string;
  policy_name: string;
  document: string;
}

export interface GroupPolicyAttachmentsTable {
  group_id: string;
  account_id: string;
  policy_arn: string;
  attach_date: string;
}

export interface MfaDevicesTable {
  serial_number: string;
  serial_number_lower: string;
  account_id: string;
  device_name: string;
  path: string;
  seed_sealed: string;
  create_date: string;
  user_id: string | null;
  assigned_to_root: number;
  enable_date: string | null;
  last_used_step: number | null;
  drift_steps: number;
  /** A security key's WebAuthn credential as JSON (the domain's SecurityKey); null for virtual devices. */
  security_key: string | null;
}

export interface MfaCodeFailuresTable {
  scope: string;
  window_start: string;
  failures: number;
}

export interface RolesTable {
  role_id: string;
  account_id: string;
  role_name: string;
  role_name_lower: string;
  path: string;
  arn: string;
  create_date: string;
  assume_role_policy_document: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary_arn: string | null;
  last_used_date: string | null;
  last_used_region: string | null;
}

export interface RoleInlinePoliciesTable {
  role_id: string;
  policy_name: string;
  document: string;
}

export interface RolePolicyAttachmentsTable {
  role_id: string;
  account_id: string;
  policy_arn: string;
  attach_date: string;
}

export interface InstanceProfilesTable {
  instance_profile_id: string;
  account_id: string;
  instance_profile_name: string;
  instance_profile_name_lower: string;
  path: string;
  arn: string;
  create_date: string;
}

export interface InstanceProfileRolesTable {
  instance_profile_id: string;
  role_id: string;
  add_date: string;
}

export interface MfaDevicesTable {
  serial_number: string;
  serial_number_lower: string;
  account_id: string;
  device_name: string;
  path: string;
  seed_sealed: string;
  create_date: string;
  user_id: string | null;
  assigned_to_root: number;
  enable_date: string | null;
  last_used_step: number | null;
  drift_steps: number;
  /** A security key's WebAuthn credential as JSON (the domain's SecurityKey); null for virtual devices. */
  security_key: string | null;
}

export interface MfaCodeFailuresTable {
  scope: string;
  window_start: string;
  failures: number;
}

export interface LoginProfilesTable {
  user_id: string;
  account_id: string;
  /** scrypt$N$r$p$salt$hash: never the password. */
  password_hash: string;
  create_date: string;
  password_changed_date: string;
  password_reset_required: number;
}

export interface ConsoleSessionsTable {
  /** SHA-256 of the cookie's session id, base64url. */
  id_hash: string;
  /** The session credential's access key id, once signed in. */
  access_key_id: string | null;
  /** The session's state (CSRF token, credential, pending sign-in…), sealed. */
  state_sealed: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface RootPasswordsTable {
  account_id: string;
  /** Sealed scrypt$N$r$p$salt$hash: never the password. */
  password_hash: string;
  password_changed_date: string;
  password_last_used: string | null;
}

export interface PasswordHistoryTable {
  user_id: string;
  /** 1 is the most recent previous password. */
  position: number;
  password_hash: string;
}

export interface PasswordPoliciesTable {
  account_id: string;
  /** The policy as JSON (the domain's PasswordPolicy). */
  policy: string;
}

export interface SshPublicKeysTable {
  ssh_public_key_id: string;
  user_id: string;
  account_id: string;
  ssh_body: string;
  pem_body: string;
  fingerprint: string;
  status: string;
  upload_date: string;
}

export interface SigningCertificatesTable {
  certificate_id: string;
  user_id: string;
  account_id: string;
  certificate_body: string;
  status: string;
  upload_date: string;
}

export interface CredentialReportsTable {
  account_id: string;
  generated_time: string;
  /** The CSV text. */
  content: string;
}

export interface OidcProvidersTable {
  arn: string;
  account_id: string;
  issuer: string;
  /** JSON array of strings. */
  client_ids: string;
  /** JSON array of strings. */
  thumbprints: string;
  create_date: string;
}

export interface SamlProvidersTable {
  saml_provider_id: string;
  account_id: string;
  name: string;
  arn: string;
  metadata_document: string;
  entity_id: string;
  /** JSON array of PEM certificates. */
  certificates: string;
  create_date: string;
  valid_until: string;
}

export interface SamlRedeemedAssertionsTable {
  saml_provider_id: string;
  assertion_id: string;
  expires_at: string;
}

export interface Database {
  accounts: AccountsTable;
  account_aliases: AccountAliasesTable;
  users: UsersTable;
  tags: TagsTable;
  access_keys: AccessKeysTable;
  audit_events: AuditEventsTable;
  managed_policies: ManagedPoliciesTable;
  policy_versions: PolicyVersionsTable;
  user_inline_policies: UserInlinePoliciesTable;
  user_policy_attachments: UserPolicyAttachmentsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_inline_policies: GroupInlinePoliciesTable;
  group_policy_attachments: GroupPolicyAttachmentsTable;
  roles: RolesTable;
  role_inline_policies: RoleInlinePoliciesTable;
  role_policy_attachments: RolePolicyAttachmentsTable;
  instance_profiles: InstanceProfilesTable;
  instance_profile_roles: InstanceProfileRolesTable;
  mfa_devices: MfaDevicesTable;
  mfa_code_failures: MfaCodeFailuresTable;
  login_profiles: LoginProfilesTable;
  root_passwords: RootPasswordsTable;
  password_history: PasswordHistoryTable;
  password_policies: PasswordPoliciesTable;
  ssh_public_keys: SshPublicKeysTable;
  signing_certificates: SigningCertificatesTable;
  credential_reports: CredentialReportsTable;
  oidc_providers: OidcProvidersTable;
  saml_providers: SamlProvidersTable;
  saml_redeemed_assertions: SamlRedeemedAssertionsTable;
  change_log: ChangeLogTable;
  console_sessions: ConsoleSessionsTable;
}
