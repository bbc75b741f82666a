// A Store over any Kysely dialect: the repositories are shared, the adapter only supplies the
// connection. Inside `transaction`, every repository is bound to the transaction.

import type { Kysely } from "kysely";
import type { AuditRepository, Store, StoreSession } from "../ports.ts";
import type { Database } from "../schema.ts";
import { KyselyAccessKeyRepository } from "./KyselyAccessKeyRepository.ts";
import { KyselyAccountRepository } from "./KyselyAccountRepository.ts";
import { KyselyAuditRepository } from "./KyselyAuditRepository.ts";
import { KyselyChangeLogRepository } from "./KyselyChangeLogRepository.ts";
import { KyselyConsoleSessionRepository } from "./KyselyConsoleSessionRepository.ts";
import { KyselyCredentialReportRepository } from "./KyselyCredentialReportRepository.ts";
import { KyselyGroupRepository } from "./KyselyGroupRepository.ts";
import {
  KyselyGroupPolicyRepository,
  KyselyRolePolicyRepository,
  KyselyUserPolicyRepository,
} from "./KyselyIdentityPolicyRepository.ts";
import { KyselyInstanceProfileRepository } from "./KyselyInstanceProfileRepository.ts";
import { KyselyLoginProfileRepository } from "./KyselyLoginProfileRepository.ts";
import { KyselyManagedPolicyRepository } from "./KyselyManagedPolicyRepository.ts";
import { KyselyMfaCodeFailureRepository } from "./KyselyMfaCodeFailureRepository.ts";
import { KyselyMfaDeviceRepository } from "./KyselyMfaDeviceRepository.ts";
import { KyselyOidcProviderRepository } from "./KyselyOidcProviderRepository.ts";
import { KyselyPasswordPolicyRepository } from "./KyselyPasswordPolicyRepository.ts";
import { KyselyRoleRepository } from "./KyselyRoleRepository.ts";
import { KyselyRootPasswordRepository } from "./KyselyRootPasswordRepository.ts";
import { KyselySamlProviderRepository } from "./KyselySamlProviderRepository.ts";
import { KyselyTagRepository } from "./KyselyTagRepository.ts";
import {
  kyselySigningCertificateRepository,
  kyselySshPublicKeyRepository,
} from "./KyselyUserCredentialRepository.ts";
import { KyselyUserRepository } from "./KyselyUserRepository.ts";

/** `notifyChannel`: where change-log appends are announced (PostgreSQL's NOTIFY), if anywhere. */
export function sessionOver(db: Kysely<Database>, notifyChannel?: string): StoreSession {
  return {
    accounts: new KyselyAccountRepository(db),
    users: new KyselyUserRepository(db),
    userTags: new KyselyTagRepository(db),
    accessKeys: new KyselyAccessKeyRepository(db),
    managedPolicies: new KyselyManagedPolicyRepository(db),
    policyTags: new KyselyTagRepository(db),
    userPolicies: new KyselyUserPolicyRepository(db),
    groups: new KyselyGroupRepository(db),
    groupPolicies: new KyselyGroupPolicyRepository(db),
    roles: new KyselyRoleRepository(db),
    roleTags: new KyselyTagRepository(db),
    rolePolicies: new KyselyRolePolicyRepository(db),
    instanceProfiles: new KyselyInstanceProfileRepository(db),
    instanceProfileTags: new KyselyTagRepository(db),
    mfaDevices: new KyselyMfaDeviceRepository(db),
    mfaDeviceTags: new KyselyTagRepository(db),
    mfaCodeFailures: new KyselyMfaCodeFailureRepository(db),
    loginProfiles: new KyselyLoginProfileRepository(db),
    rootPasswords: new KyselyRootPasswordRepository(db),
    passwordPolicies: new KyselyPasswordPolicyRepository(db),
    sshPublicKeys: kyselySshPublicKeyRepository(db),
    signingCertificates: kyselySigningCertificateRepository(db),
    credentialReports: new KyselyCredentialReportRepository(db),
    oidcProviders: new KyselyOidcProviderRepository(db),
    oidcProviderTags: new KyselyTagRepository(db),
    samlProviders: new KyselySamlProviderRepository(db),
    samlProviderTags: new KyselyTagRepository(db),
    audit: new KyselyAuditRepository(db),
    changeLog: new KyselyChangeLogRepository(db, notifyChannel),
    consoleSessions: new KyselyConsoleSessionRepository(db),
  };
}

export class KyselyStore implements Store {
  readonly accounts;
  readonly users;
  readonly userTags;
  readonly accessKeys;
  readonly managedPolicies;
  readonly policyTags;
  readonly userPolicies;
  readonly groups;
  readonly groupPolicies;
  readonly roles;
  readonly roleTags;
  readonly rolePolicies;
  readonly instanceProfiles;
  readonly instanceProfileTags;
  readonly mfaDevices;
  readonly mfaDeviceTags;
  readonly mfaCodeFailures;
  readonly loginProfiles;
  readonly rootPasswords;
  readonly passwordPolicies;
  readonly sshPublicKeys;
  readonly signingCertificates;
  readonly credentialReports;
  readonly oidcProviders;
  readonly oidcProviderTags;
  readonly samlProviders;
  readonly samlProviderTags;
  readonly audit;
  readonly changeLog;
  readonly consoleSessions;

  /**
   * `audit` outside a transaction may be an adapter's own fast path (the trail takes a record per
   * request); inside `transaction`, audit records always go through the transaction.
   */
  constructor(
    readonly kind: "sqlite" | "postgres",
    protected readonly db: Kysely<Database>,
    audit?: AuditRepository,
  ) {
    const session = sessionOver(db);
    this.accounts = session.accounts;
    this.users = session.users;
    this.userTags = session.userTags;
    this.accessKeys = session.accessKeys;
    this.managedPolicies = session.managedPolicies;
    this.policyTags = session.policyTags;
    this.userPolicies = session.userPolicies;
    this.groups = session.groups;
    this.groupPolicies = session.groupPolicies;
    this.roles = session.roles;
    this.roleTags = session.roleTags;
    this.rolePolicies = session.rolePolicies;
    this.instanceProfiles = session.instanceProfiles;
    this.instanceProfileTags = session.instanceProfileTags;
    this.mfaDevices = session.mfaDevices;
    this.mfaDeviceTags = session.mfaDeviceTags;
    this.mfaCodeFailures = session.mfaCodeFailures;
    this.loginProfiles = session.loginProfiles;
    this.rootPasswords = session.rootPasswords;
    this.passwordPolicies = session.passwordPolicies;
    this.sshPublicKeys = session.sshPublicKeys;
    this.signingCertificates = session.signingCertificates;
    this.credentialReports = session.credentialReports;
    this.oidcProviders = session.oidcProviders;
    this.oidcProviderTags = session.oidcProviderTags;
    this.samlProviders = session.samlProviders;
    this.samlProviderTags = session.samlProviderTags;
    this.audit = audit ?? session.audit;
    this.changeLog = session.changeLog;
    this.consoleSessions = session.consoleSessions;
  }

  transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(sessionOver(trx)));
  }

  /** One process's transactions already exclude each other's writes; adapters shared by nodes lock. */
  exclusively<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
