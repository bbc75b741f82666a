// What a committed change touched, named precisely enough that any process holding a cache can
// drop exactly the entries that depend on it: the same names go to the change log that other
// workers and nodes catch up on. Every change to a principal's credentials, policies, tags or
// memberships names the entity that owns them.

export type ChangedEntity =
  /** A user's row, name, path, tags, boundary, inline or attached policies, or its deletion. */
  | { readonly kind: "user"; readonly id: string }
  /** One access key (status, deletion); its owner's cached credentials depend on it. */
  | { readonly kind: "accessKey"; readonly id: string }
  /** A group's row, policies or membership. */
  | { readonly kind: "group"; readonly id: string }
  /** A role's row, trust policy, tags, boundary or policies. */
  | { readonly kind: "role"; readonly id: string }
  /** A customer-managed policy's default version, or its deletion. */
  | { readonly kind: "managedPolicy"; readonly id: string }
  /** Something account-wide (an account created, its settings). */
  | { readonly kind: "account"; readonly id: string };

/** One key per entity, for dependency indexes in caches. */
export function changedEntityKey(entity: ChangedEntity): string {
  return `${entity.kind}:${entity.id}`;
}
