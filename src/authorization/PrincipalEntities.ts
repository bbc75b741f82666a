// What the policy loader reads: the stored entities one decision needs, already fetched — the
// caller's user or role with its inline and attached policies, boundary and tags, the user's
// groups with theirs, the session's own policies, and the resource policy the action needs (a
// role's trust policy for sts:AssumeRole). Plain data: the server's store reads it, the analyzer
// builds it from AWS's export files, and both hand it to the same loader.

import type { Tag } from "../domain/Tag.ts";

/** One stored policy document and where it came from. */
export interface StoredPolicy {
  /** Inline policies: the policy name; managed: the policy id (`ANPA…`). */
  readonly id: string;
  readonly name: string;
  readonly type: "inline" | "managed" | "aws-managed";
  readonly arn?: string;
  /** Managed policies: the version in force (the default). */
  readonly versionId?: string;
  readonly document: string;
}

export interface IdentityEntities {
  /** A group stands for itself only in the simulator (SimulatePrincipalPolicy on a group ARN). */
  readonly kind: "user" | "group" | "role";
  readonly arn: string;
  readonly inline: readonly StoredPolicy[];
  readonly attached: readonly StoredPolicy[];
  readonly boundary?: StoredPolicy;
  /** The identity's own tags (aws:PrincipalTag). */
  readonly tags: readonly Tag[];
  /** Users only: the groups it belongs to, whose policies are identity-based policies of the user. */
  readonly groups: readonly GroupEntities[];
}

export interface GroupEntities {
  readonly groupName: string;
  readonly inline: readonly StoredPolicy[];
  readonly attached: readonly StoredPolicy[];
}

export interface SessionEntities {
  readonly inline?: string;
  readonly managed: readonly StoredPolicy[];
}

export interface PrincipalEntities {
  /** Absent for the account root, which has no identity policies. */
  readonly identity?: IdentityEntities;
  readonly session?: SessionEntities;
  /** The resource-based policy the action is decided against, e.g. the target role's trust policy. */
  readonly resourcePolicy?: { readonly kind: "trust" | "resource"; readonly policy: StoredPolicy };
}
