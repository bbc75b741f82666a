// A Portcullis account, read through the store's ports, as the analyzer's AccountSnapshot: the
// same model AWS's export files become. Read-only.

import type { AccountSnapshot, SnapshotManagedPolicy } from "../analyzer/AccountSnapshot.ts";
import type { IdentityPolicyRepository, Page, PageRequest, StoreSession } from "../store/ports.ts";

async function all<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await read({ maxItems: 1000, ...(marker ? { marker } : {}) });
    out.push(...page.items);
    marker = page.marker;
  } while (marker);
  return out;
}

async function policiesOf(repo: IdentityPolicyRepository, ownerId: string) {
  const inline = (await repo.listInline(ownerId)).map((p) => ({ name: p.policyName, document: p.document }));
  return { inline, attached: await repo.listAttached(ownerId) };
}

export async function readStoreSnapshot(
  store: StoreSession,
  accountId: string,
  source: string,
): Promise<AccountSnapshot> {
  const groupsById = new Map<string, string>();
  const groupRecords = await all((p) => store.groups.list(accountId, "/", p));
  const groups = [];
  for (const g of groupRecords) {
    groupsById.set(g.groupId, g.groupName);
    groups.push({ arn: g.arn, name: g.groupName, ...(await policiesOf(store.groupPolicies, g.groupId)) });
  }
  const users = [];
  for (const u of await all((p) => store.users.list(accountId, "/", p))) {
    const keys = await store.accessKeys.listForUser(u.userId);
    const accessKeys = [];
    for (const k of keys) {
      const used = await store.accessKeys.getLastUsed(k.accessKeyId);
      accessKeys.push({
        id: k.accessKeyId,
        active: k.status === "Active",
        created: k.createDate.toISOString(),
        ...(used.lastUsedDate ? { lastUsed: used.lastUsedDate.toISOString() } : {}),
      });
    }
    const devices = await store.mfaDevices.listAssigned(accountId, { kind: "user", userId: u.userId });
    users.push({
      arn: u.arn,
      name: u.userName,
      userId: u.userId,
      groups: (await store.groups.listForUser(u.userId)).map((g) => g.groupName),
      ...(await policiesOf(store.userPolicies, u.userId)),
      ...(u.permissionsBoundaryArn ? { boundaryArn: u.permissionsBoundaryArn } : {}),
      tags: await store.userTags.list(u.userId),
      // Portcullis has no console passwords: no user has one.
      credentials: { accessKeys, mfaDevices: devices.length, passwordEnabled: false },
    });
  }
  const roles = [];
  for (const r of await all((p) => store.roles.list(accountId, "/", p))) {
    roles.push({
      arn: r.arn,
      name: r.roleName,
      roleId: r.roleId,
      trustPolicy: r.assumeRolePolicyDocument,
      ...(await policiesOf(store.rolePolicies, r.roleId)),
      ...(r.permissionsBoundaryArn ? { boundaryArn: r.permissionsBoundaryArn } : {}),
      tags: await store.roleTags.list(r.roleId),
      instanceProfiles: (await store.instanceProfiles.listForRole(r.roleId)).map((p) => p.arn),
    });
  }
  const policies: SnapshotManagedPolicy[] = [];
  for (const p of await store.managedPolicies.list(accountId, "/")) {
    const versions = await store.managedPolicies.listVersions(p.arn);
    policies.push({
      arn: p.arn,
      name: p.policyName,
      policyId: p.policyId,
      defaultVersionId: p.defaultVersionId,
      versions: versions.map((v) => ({
        versionId: v.versionId,
        document: v.document,
        isDefault: v.isDefaultVersion,
      })),
      awsManaged: false,
    });
  }
  return { accountId, source, users, groups, roles, policies };
}
