// The account the analyzer reasons over, as plain data: users with their groups, roles with their
// trust policies and instance profiles, managed policies with every version, and what is known of
// each user's credentials. AWS's `get-account-authorization-details` export (with the credential
// report) and a Portcullis store both become this, so one analysis serves both.

import type { Tag } from "../domain/Tag.ts";

export interface SnapshotInlinePolicy {
  readonly name: string;
  readonly document: string;
}

export interface SnapshotPolicyVersion {
  readonly versionId: string;
  readonly document: string;
  readonly isDefault: boolean;
}

export interface SnapshotManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly policyId: string;
  readonly defaultVersionId: string;
  /** Every stored version; the default one at least. */
  readonly versions: readonly SnapshotPolicyVersion[];
  readonly awsManaged: boolean;
}

/** What is known of one user's credentials; `undefined` fields are unknown (no credential report). */
export interface SnapshotCredentials {
  readonly accessKeys?: readonly SnapshotAccessKey[];
  readonly mfaDevices?: number;
  readonly passwordEnabled?: boolean;
}

export interface SnapshotAccessKey {
  readonly id?: string;
  readonly active: boolean;
  /** ISO-8601; absent when never used. */
  readonly lastUsed?: string;
  /** ISO-8601: when the key was created (or last rotated). */
  readonly created?: string;
}

export interface SnapshotUser {
  readonly arn: string;
  readonly name: string;
  readonly userId: string;
  readonly groups: readonly string[];
  readonly inline: readonly SnapshotInlinePolicy[];
  readonly attached: readonly string[];
  readonly boundaryArn?: string;
  readonly tags: readonly Tag[];
  readonly credentials: SnapshotCredentials;
}

export interface SnapshotGroup {
  readonly arn: string;
  readonly name: string;
  readonly inline: readonly SnapshotInlinePolicy[];
  readonly attached: readonly string[];
}

export interface SnapshotRole {
  readonly arn: string;
  readonly name: string;
  readonly roleId: string;
  readonly trustPolicy: string;
  readonly inline: readonly SnapshotInlinePolicy[];
  readonly attached: readonly string[];
  readonly boundaryArn?: string;
  readonly tags: readonly Tag[];
  readonly instanceProfiles: readonly string[];
}

export interface AccountSnapshot {
  readonly accountId: string;
  /** Where the snapshot came from, for messages (a file name or a data folder). */
  readonly source: string;
  readonly users: readonly SnapshotUser[];
  readonly groups: readonly SnapshotGroup[];
  readonly roles: readonly SnapshotRole[];
  readonly policies: readonly SnapshotManagedPolicy[];
}

/** Bad input: the message names the file and what is wrong with it. */
export class AnalyzerInputError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = "AnalyzerInputError";
  }
}
