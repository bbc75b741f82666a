// One suite for every Store adapter (SQLite, PostgreSQL): what the operations
// rely on, stated once. An adapter's test file calls runStoreSuite with a factory.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AuditEvent } from "../../src/domain/AuditEvent.ts";
import { InvalidInput } from "../../src/domain/errors/iamErrors.ts";
import type { Group } from "../../src/domain/Group.ts";
import { MAX_GROUPS_PER_USER } from "../../src/domain/Group.ts";
import { generateUniqueId } from "../../src/domain/generateUniqueId.ts";
import type { InstanceProfile } from "../../src/domain/InstanceProfile.ts";
import type { OidcProvider } from "../../src/domain/OidcProvider.ts";
import type { Role } from "../../src/domain/Role.ts";
import type { SamlProvider } from "../../src/domain/SamlProvider.ts";
import type { User } from "../../src/domain/User.ts";
import type { Store } from "../../src/store/ports.ts";

const ACCOUNT = "111122223333";

export function user(name: string, path = "/"): User {
  return {
    accountId: ACCOUNT,
    userId: generateUniqueId("AIDA"),
    userName: name,
    path,
    arn: `arn:aws:iam::${ACCOUNT}:user${path}${name}`,
    createDate: new Date("2026-01-01T00:00:00Z"),
  };
}

export function group(name: string, path = "/"): Group {
  return {
    accountId: ACCOUNT,
    groupId: generateUniqueId("AGPA"),
    groupName: name,
    path,
    arn: `arn:aws:iam::${ACCOUNT}:group${path}${name}`,
    createDate: new Date("2026-01-01T00:00:00Z"),
  };
}

function role(name: string, path = "/"): Role {
  return {
    accountId: ACCOUNT,
    roleId: generateUniqueId("AROA"),
    roleName: name,
    path,
    arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
    createDate: new Date("2026-01-01T00:00:00Z"),
    assumeRolePolicyDocument: '{"Statement":[]}',
    maxSessionDuration: 3600,
  };
}

function instanceProfile(name: string, path = "/"): InstanceProfile {
  return {
    accountId: ACCOUNT,
    instanceProfileId: generateUniqueId("AIPA"),
    instanceProfileName: name,
    path,
    arn: `arn:aws:iam::${ACCOUNT}:instance-profile${path}${name}`,
    createDate: new Date("2026-01-01T00:00:00Z"),
    roleIds: [],
  };
}

function auditRecord(
  overrides: Pick<AuditEvent, "eventID" | "eventTime" | "eventName"> & Partial<AuditEvent>,
): AuditEvent {
  return {
    eventVersion: "1.08",
    eventSource: "iam.amazonaws.com",
    awsRegion: "us-east-1",
    sourceIPAddress: "127.0.0.1",
    userAgent: "test",
    userIdentity: { type: "Root" },
    requestParameters: null,
    responseElements: null,
    requestID: "r",
    eventType: "AwsApiCall",
    readOnly: false,
    managementEvent: true,
    eventCategory: "Management",
    ...overrides,
  };
}

export function runStoreSuite(
  name: string,
  open: () => Promise<Store>,
  options: { skip?: string } = {},
): void {
  describe(`store suite: ${name}`, { skip: options.skip ?? false }, () => {
    async function withStore(fn: (store: Store) => Promise<void>) {
      const store = await open();
      try {
        await store.accounts.create({ accountId: ACCOUNT, createDate: new Date() });
        await fn(store);
      } finally {
        await store.close();
      }
    }

    test("a transaction that throws leaves nothing behind", () =>
      withStore(async (store) => {
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.create(user("ghost"));
            throw new Error("boom");
          }),
          /boom/,
        );
        assert.equal(await store.users.getByName(ACCOUNT, "ghost"), undefined);
      }));

    test("user names are unique and found without regard to case", () =>
      withStore(async (store) => {
        const alice = user("Alice");
        await store.users.create(alice);
        assert.equal((await store.users.getByName(ACCOUNT, "alice"))?.userId, alice.userId);
        await assert.rejects(store.users.create(user("ALICE")));
      }));

    test("users list in name order, by path prefix, with markers", () =>
      withStore(async (store) => {
        for (const n of ["carol", "alice", "bob"]) await store.users.create(user(n, "/team/"));
        await store.users.create(user("zed", "/other/"));
        const first = await store.users.list(ACCOUNT, "/team/", { maxItems: 2 });
        assert.deepEqual(
          first.items.map((u) => u.userName),
          ["alice", "bob"],
        );
        assert.ok(first.marker);
        const second = await store.users.list(ACCOUNT, "/team/", { maxItems: 2, marker: first.marker });
        assert.deepEqual(
          second.items.map((u) => u.userName),
          ["carol"],
        );
        assert.equal(second.marker, undefined);
        await assert.rejects(store.users.list(ACCOUNT, "/", { maxItems: 2, marker: "!!" }), InvalidInput);
      }));

    test("tags keep their order and are unique without regard to case", () =>
      withStore(async (store) => {
        await store.userTags.put("R1", [
          { Key: "b", Value: "1" },
          { Key: "a", Value: "2" },
        ]);
        await store.userTags.put("R1", [{ Key: "B", Value: "3" }]);
        assert.deepEqual(await store.userTags.list("R1"), [
          { Key: "B", Value: "3" },
          { Key: "a", Value: "2" },
        ]);
        await store.userTags.remove("R1", ["A"]);
        assert.deepEqual(await store.userTags.list("R1"), [{ Key: "B", Value: "3" }]);
      }));

    test("access keys: sealed secret round trip, status, owner listing, last use", () =>
      withStore(async (store) => {
        const bob = user("bob");
        await store.users.create(bob);
        await store.accessKeys.create({
          accessKeyId: "AKIAAAAAAAAAAAAAAAA1",
          accountId: ACCOUNT,
          userId: bob.userId,
          status: "Active",
          createDate: new Date(),
          secretSealed: "v1.sealed",
        });
        const key = await store.accessKeys.get("AKIAAAAAAAAAAAAAAAA1");
        assert.equal(key?.userName, "bob");
        assert.equal(key?.secretSealed, "v1.sealed");
        await store.accessKeys.setStatus("AKIAAAAAAAAAAAAAAAA1", "Inactive");
        assert.equal((await store.accessKeys.listForUser(bob.userId))[0]?.status, "Inactive");
        assert.deepEqual(await store.accessKeys.getLastUsed("AKIAAAAAAAAAAAAAAAA1"), {});
        const when = new Date("2026-02-02T00:00:00Z");
        await store.accessKeys.recordLastUsed([
          { accessKeyId: "AKIAAAAAAAAAAAAAAAA1", date: when, serviceName: "iam", region: "us-east-1" },
        ]);
        assert.deepEqual(await store.accessKeys.getLastUsed("AKIAAAAAAAAAAAAAAAA1"), {
          lastUsedDate: when,
          serviceName: "iam",
          region: "us-east-1",
        });
        assert.equal((await store.users.attachments(bob.userId)).accessKeys, 1);
      }));

    test("managed policies: versions, default switching, attachments", () =>
      withStore(async (store) => {
        const arn = `arn:aws:iam::${ACCOUNT}:policy/p`;
        const now = new Date();
        await store.managedPolicies.create(
          {
            accountId: ACCOUNT,
            policyId: "ANPA1",
            policyName: "p",
            path: "/",
            arn,
            defaultVersionId: "v1",
            createDate: now,
            updateDate: now,
          },
          { policyArn: arn, versionId: "v1", document: "{}", isDefaultVersion: true, createDate: now },
        );
        await store.managedPolicies.createVersion({
          policyArn: arn,
          versionId: "v2",
          document: '{"x":1}',
          isDefaultVersion: false,
          createDate: now,
        });
        assert.equal(await store.managedPolicies.getDefaultDocument(arn), "{}");
        await store.managedPolicies.setDefaultVersion(arn, "v2", now);
        assert.equal(await store.managedPolicies.getDefaultDocument(arn), '{"x":1}');
        await store.managedPolicies.deleteVersion(arn, "v1");
        assert.equal(await store.managedPolicies.lastVersionNumber(arn), 2);
        const carol = user("carol");
        await store.users.create(carol);
        await store.userPolicies.attach(carol.userId, arn, now);
        assert.deepEqual(await store.userPolicies.usersWithAttached(ACCOUNT, arn), [carol.userId]);
        assert.equal((await store.users.attachments(carol.userId)).policies, 1);
      }));

    test("groups: unique names without regard to case, listing by path with markers, count, update, delete", () =>
      withStore(async (store) => {
        const admins = group("Admins", "/ops/");
        await store.groups.create(admins);
        await assert.rejects(store.groups.create(group("ADMINS")));
        assert.equal((await store.groups.getByName(ACCOUNT, "admins"))?.groupId, admins.groupId);
        assert.equal((await store.groups.getById(admins.groupId))?.arn, admins.arn);
        for (const n of ["devs", "auditors"]) await store.groups.create(group(n, "/ops/"));
        await store.groups.create(group("other", "/x/"));
        assert.equal(await store.groups.count(ACCOUNT), 4);
        const first = await store.groups.list(ACCOUNT, "/ops/", { maxItems: 2 });
        assert.deepEqual(
          first.items.map((g) => g.groupName),
          ["Admins", "auditors"],
        );
        assert.ok(first.marker);
        const second = await store.groups.list(ACCOUNT, "/ops/", { maxItems: 2, marker: first.marker });
        assert.deepEqual(
          second.items.map((g) => g.groupName),
          ["devs"],
        );
        assert.equal(second.marker, undefined);
        await assert.rejects(store.groups.list(ACCOUNT, "/", { maxItems: 2, marker: "!!" }), InvalidInput);
        await store.groups.update(admins.groupId, { groupName: "Root-Ops", path: "/", arn: "arn:new" });
        const renamed = await store.groups.getById(admins.groupId);
        assert.deepEqual([renamed?.groupName, renamed?.path, renamed?.arn], ["Root-Ops", "/", "arn:new"]);
        assert.equal(await store.groups.getByName(ACCOUNT, "admins"), undefined);
        await store.groups.delete(admins.groupId);
        assert.equal(await store.groups.getById(admins.groupId), undefined);
        assert.equal(await store.groups.count(ACCOUNT), 3);
      }));

    test("group members: add (idempotent), list in name order with markers, groups in joining order, remove", () =>
      withStore(async (store) => {
        const [a, b] = [group("a-group"), group("b-group")];
        await store.groups.create(a);
        await store.groups.create(b);
        const [zoe, al] = [user("zoe"), user("al")];
        await store.users.create(zoe);
        await store.users.create(al);
        const when = new Date("2026-01-02T00:00:00Z");
        await store.groups.addUser(b.groupId, zoe.userId, when);
        await store.groups.addUser(a.groupId, zoe.userId, when);
        await store.groups.addUser(a.groupId, zoe.userId, when);
        await store.groups.addUser(a.groupId, al.userId, when);
        const first = await store.groups.listUsers(a.groupId, { maxItems: 1 });
        assert.deepEqual(
          first.items.map((u) => u.userName),
          ["al"],
        );
        assert.ok(first.marker);
        const rest = await store.groups.listUsers(a.groupId, { maxItems: 1, marker: first.marker });
        assert.deepEqual(
          rest.items.map((u) => u.userName),
          ["zoe"],
        );
        assert.equal(rest.marker, undefined);
        assert.deepEqual(
          (await store.groups.listForUser(zoe.userId)).map((g) => g.groupName),
          ["b-group", "a-group"],
        );
        assert.deepEqual(await store.groups.attachments(a.groupId), { members: 2, policies: 0 });
        assert.equal((await store.users.attachments(zoe.userId)).groups, 2);
        await store.groups.removeUser(a.groupId, zoe.userId);
        assert.deepEqual(
          (await store.groups.listForUser(zoe.userId)).map((g) => g.groupName),
          ["b-group"],
        );
        assert.equal((await store.users.attachments(zoe.userId)).groups, 1);
      }));

    test("group policies: inline put/replace/get/list/delete, attach/detach/list, who has a policy attached", () =>
      withStore(async (store) => {
        const g = group("with-policies");
        const other = group("other");
        await store.groups.create(g);
        await store.groups.create(other);
        await store.groupPolicies.putInline(g.groupId, { policyName: "b", document: "{}" });
        await store.groupPolicies.putInline(g.groupId, { policyName: "a", document: "{}" });
        await store.groupPolicies.putInline(g.groupId, { policyName: "b", document: '{"v":2}' });
        assert.deepEqual(await store.groupPolicies.getInline(g.groupId, "b"), {
          policyName: "b",
          document: '{"v":2}',
        });
        assert.deepEqual(
          (await store.groupPolicies.listInline(g.groupId)).map((p) => p.policyName),
          ["a", "b"],
        );
        await store.groupPolicies.deleteInline(g.groupId, "a");
        assert.equal(await store.groupPolicies.getInline(g.groupId, "a"), undefined);
        const p1 = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
        const p2 = `arn:aws:iam::${ACCOUNT}:policy/mine`;
        await store.groupPolicies.attach(g.groupId, p1, new Date("2026-01-01T00:00:00Z"));
        await store.groupPolicies.attach(g.groupId, p2, new Date("2026-01-02T00:00:00Z"));
        await store.groupPolicies.attach(g.groupId, p1, new Date("2026-01-03T00:00:00Z"));
        await store.groupPolicies.attach(other.groupId, p1, new Date());
        assert.deepEqual(await store.groupPolicies.listAttached(g.groupId), [p1, p2]);
        assert.deepEqual(
          (await store.groupPolicies.groupsWithAttached(ACCOUNT, p1)).sort(),
          [g.groupId, other.groupId].sort(),
        );
        assert.deepEqual(await store.groupPolicies.groupsWithAttached("999988887777", p1), []);
        assert.deepEqual(await store.groups.attachments(g.groupId), { members: 0, policies: 3 });
        await store.groupPolicies.detach(g.groupId, p1);
        assert.deepEqual(await store.groupPolicies.listAttached(g.groupId), [p2]);
        assert.deepEqual(await store.groupPolicies.groupsWithAttached(ACCOUNT, p1), [other.groupId]);
      }));

    test("20 concurrent joins of one user to 20 groups leave exactly the quota of memberships", () =>
      withStore(async (store) => {
        const racer = user("joiner");
        await store.users.create(racer);
        const groups = Array.from({ length: 20 }, (_, i) => group(`g${String(i).padStart(2, "0")}`));
        for (const g of groups) await store.groups.create(g);
        const results = await Promise.allSettled(
          groups.map((g) =>
            store.transaction(async (tx) => {
              // The quota is counted inside the transaction, as AddUserToGroup counts it.
              const joined = await tx.groups.listForUser(racer.userId);
              await new Promise((r) => setTimeout(r, 1));
              if (joined.length >= MAX_GROUPS_PER_USER) throw new Error("LimitExceeded");
              await tx.groups.addUser(g.groupId, racer.userId, new Date());
            }),
          ),
        );
        assert.equal(results.filter((r) => r.status === "fulfilled").length, MAX_GROUPS_PER_USER);
        assert.equal((await store.groups.listForUser(racer.userId)).length, MAX_GROUPS_PER_USER);
      }));

    test("roles: unique names without regard to case, listing, updates, last use, deletion", () =>
      withStore(async (store) => {
        const admin = role("Admin", "/ops/");
        await store.roles.create(admin);
        await assert.rejects(store.roles.create(role("ADMIN")));
        for (const n of ["carol", "bob"]) await store.roles.create(role(n, "/ops/"));
        await store.roles.create(role("zed", "/other/"));
        assert.equal((await store.roles.getByName(ACCOUNT, "admin"))?.roleId, admin.roleId);
        assert.equal((await store.roles.getById(admin.roleId))?.roleName, "Admin");
        assert.equal(await store.roles.count(ACCOUNT), 4);
        const first = await store.roles.list(ACCOUNT, "/ops/", { maxItems: 2 });
        assert.deepEqual(
          first.items.map((r) => r.roleName),
          ["Admin", "bob"],
        );
        assert.ok(first.marker);
        const second = await store.roles.list(ACCOUNT, "/ops/", { maxItems: 2, marker: first.marker });
        assert.deepEqual(
          second.items.map((r) => r.roleName),
          ["carol"],
        );
        assert.equal(second.marker, undefined);
        await assert.rejects(store.roles.list(ACCOUNT, "/", { maxItems: 2, marker: "!!" }), InvalidInput);

        await store.roles.update(admin.roleId, { description: "d", maxSessionDuration: 7200 });
        await store.roles.setAssumeRolePolicy(admin.roleId, '{"x":1}');
        await store.roles.setPermissionsBoundary(admin.roleId, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        const later = new Date("2026-05-05T00:00:00Z");
        await store.roles.recordLastUsed(admin.roleId, later, "eu-west-1");
        await store.roles.recordLastUsed(admin.roleId, new Date("2026-04-04T00:00:00Z"), "us-east-1");
        const changed = await store.roles.getById(admin.roleId);
        assert.equal(changed?.description, "d");
        assert.equal(changed?.maxSessionDuration, 7200);
        assert.equal(changed?.assumeRolePolicyDocument, '{"x":1}');
        assert.equal(changed?.permissionsBoundaryArn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assert.deepEqual(changed?.lastUsed, { date: later, region: "eu-west-1" });
        assert.deepEqual(
          await store.rolePolicies.rolesWithBoundary(ACCOUNT, changed?.permissionsBoundaryArn ?? ""),
          [admin.roleId],
        );
        await store.roles.setPermissionsBoundary(admin.roleId, undefined);
        assert.equal((await store.roles.getById(admin.roleId))?.permissionsBoundaryArn, undefined);

        await store.roleTags.put(admin.roleId, [{ Key: "team", Value: "ops" }]);
        assert.deepEqual(await store.roleTags.list(admin.roleId), [{ Key: "team", Value: "ops" }]);
        await store.roles.delete(admin.roleId);
        assert.equal(await store.roles.getById(admin.roleId), undefined);
        assert.deepEqual(await store.roleTags.list(admin.roleId), []);
      }));

    test("role policies: inline put/replace/delete, attachments, usage, what blocks deletion", () =>
      withStore(async (store) => {
        const r = role("worker");
        await store.roles.create(r);
        await store.rolePolicies.putInline(r.roleId, { policyName: "b", document: "{}" });
        await store.rolePolicies.putInline(r.roleId, { policyName: "a", document: "{}" });
        await store.rolePolicies.putInline(r.roleId, { policyName: "b", document: '{"v":2}' });
        assert.deepEqual(
          (await store.rolePolicies.listInline(r.roleId)).map((p) => p.policyName),
          ["a", "b"],
        );
        assert.equal((await store.rolePolicies.getInline(r.roleId, "b"))?.document, '{"v":2}');
        assert.deepEqual(await store.roles.attachments(r.roleId), { policies: 2, instanceProfiles: 0 });
        await store.rolePolicies.deleteInline(r.roleId, "b");
        assert.equal(await store.rolePolicies.getInline(r.roleId, "b"), undefined);

        const arn1 = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        const arn2 = `arn:aws:iam::${ACCOUNT}:policy/p`;
        await store.rolePolicies.attach(r.roleId, arn1, new Date("2026-01-01T00:00:00Z"));
        await store.rolePolicies.attach(r.roleId, arn2, new Date("2026-01-02T00:00:00Z"));
        await store.rolePolicies.attach(r.roleId, arn1, new Date("2026-01-03T00:00:00Z"));
        assert.deepEqual(await store.rolePolicies.listAttached(r.roleId), [arn1, arn2]);
        assert.deepEqual(await store.rolePolicies.rolesWithAttached(ACCOUNT, arn1), [r.roleId]);
        assert.deepEqual(await store.rolePolicies.rolesWithAttached("999999999999", arn1), []);
        // A user's policies are kept apart from a role's.
        assert.deepEqual(await store.userPolicies.usersWithAttached(ACCOUNT, arn1), []);
        assert.deepEqual(await store.roles.attachments(r.roleId), { policies: 3, instanceProfiles: 0 });
        await store.rolePolicies.detach(r.roleId, arn1);
        assert.deepEqual(await store.rolePolicies.listAttached(r.roleId), [arn2]);
      }));

    test("instance profiles: names, listing, roles, deletion", () =>
      withStore(async (store) => {
        const r = role("web");
        await store.roles.create(r);
        const web = instanceProfile("Web", "/app/");
        await store.instanceProfiles.create(web);
        await assert.rejects(store.instanceProfiles.create(instanceProfile("WEB")));
        await store.instanceProfiles.create(instanceProfile("api", "/app/"));
        await store.instanceProfiles.create(instanceProfile("other", "/x/"));
        assert.equal(await store.instanceProfiles.count(ACCOUNT), 3);
        const first = await store.instanceProfiles.list(ACCOUNT, "/app/", { maxItems: 1 });
        assert.deepEqual(
          first.items.map((p) => p.instanceProfileName),
          ["api"],
        );
        const second = await store.instanceProfiles.list(ACCOUNT, "/app/", {
          maxItems: 1,
          marker: first.marker,
        });
        assert.deepEqual(
          second.items.map((p) => p.instanceProfileName),
          ["Web"],
        );
        assert.equal(second.marker, undefined);

        assert.equal(await store.instanceProfiles.addRole(web.instanceProfileId, r.roleId, 1), true);
        assert.equal(await store.instanceProfiles.addRole(web.instanceProfileId, r.roleId, 1), true);
        const other = role("other");
        await store.roles.create(other);
        assert.equal(await store.instanceProfiles.addRole(web.instanceProfileId, other.roleId, 1), false);
        assert.deepEqual((await store.instanceProfiles.getByName(ACCOUNT, "web"))?.roleIds, [r.roleId]);
        assert.deepEqual(
          (await store.instanceProfiles.listForRole(r.roleId)).map((p) => p.instanceProfileName),
          ["Web"],
        );
        assert.deepEqual(await store.roles.attachments(r.roleId), { policies: 0, instanceProfiles: 1 });
        await store.instanceProfiles.removeRole(web.instanceProfileId, r.roleId);
        assert.deepEqual((await store.instanceProfiles.getByName(ACCOUNT, "Web"))?.roleIds, []);

        await store.instanceProfiles.addRole(web.instanceProfileId, r.roleId, 1);
        await store.instanceProfileTags.put(web.instanceProfileId, [{ Key: "k", Value: "v" }]);
        await store.instanceProfiles.delete(web.instanceProfileId);
        assert.equal(await store.instanceProfiles.getByName(ACCOUNT, "Web"), undefined);
        assert.deepEqual(await store.instanceProfileTags.list(web.instanceProfileId), []);
        assert.deepEqual(await store.instanceProfiles.listForRole(r.roleId), []);
      }));

    test("OIDC providers: found by ARN, listed by account, updated, quota held under racing creations", () =>
      withStore(async (store) => {
        const provider = (host: string): OidcProvider => ({
          accountId: ACCOUNT,
          arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`,
          issuer: `https://${host}`,
          clientIds: ["sts.amazonaws.com"],
          thumbprints: [],
          createDate: new Date("2026-01-01T00:00:00Z"),
        });
        const b = provider("b.example.com:8443/tenant");
        assert.equal(await store.oidcProviders.create(b, 10), true);
        assert.equal(await store.oidcProviders.create(provider("a.example.com"), 10), true);
        assert.deepEqual((await store.oidcProviders.get(b.arn))?.issuer, "https://b.example.com:8443/tenant");
        assert.deepEqual(
          (await store.oidcProviders.list(ACCOUNT)).map((p) => p.arn.split("/")[1]),
          ["a.example.com", "b.example.com:8443"],
        );
        await store.oidcProviders.update(b.arn, { clientIds: ["x", "y"] });
        await store.oidcProviders.update(b.arn, { thumbprints: ["a".repeat(40)] });
        const updated = await store.oidcProviders.get(b.arn);
        assert.deepEqual(updated?.clientIds, ["x", "y"]);
        assert.deepEqual(updated?.thumbprints, ["a".repeat(40)]);
        await assert.rejects(store.oidcProviders.create(b, 10));

        await store.oidcProviderTags.put(b.arn, [{ Key: "k", Value: "v" }]);
        await store.oidcProviders.delete(b.arn);
        assert.equal(await store.oidcProviders.get(b.arn), undefined);
        assert.deepEqual(await store.oidcProviderTags.list(b.arn), []);

        const outcomes = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.transaction((tx) => tx.oidcProviders.create(provider(`race${i}.example.com`), 4)),
          ),
        );
        assert.equal(outcomes.filter(Boolean).length, 3);
        assert.equal((await store.oidcProviders.list(ACCOUNT)).length, 4);
      }));

    test("quotas hold under concurrency: 10 managed policies per role, 1 role per instance profile", () =>
      withStore(async (store) => {
        const r = role("busy");
        await store.roles.create(r);
        const arns = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::${ACCOUNT}:policy/p${i}`);
        const outcomes = await Promise.allSettled(
          arns.map((arn) =>
            store.transaction(async (tx) => {
              const attached = await tx.rolePolicies.listAttached(r.roleId);
              // Yield between the count and the write, as a handler awaiting other reads would.
              await new Promise((resolve) => setTimeout(resolve, 1));
              if (attached.length >= 10) throw new Error("quota");
              await tx.rolePolicies.attach(r.roleId, arn, new Date());
            }),
          ),
        );
        assert.equal(outcomes.filter((o) => o.status === "fulfilled").length, 10);
        assert.equal((await store.rolePolicies.listAttached(r.roleId)).length, 10);

        const profile = instanceProfile("one");
        await store.instanceProfiles.create(profile);
        const a = role("a");
        const b = role("b");
        await store.roles.create(a);
        await store.roles.create(b);
        const added = await Promise.all(
          [a, b].map((x) =>
            store.transaction((tx) => tx.instanceProfiles.addRole(profile.instanceProfileId, x.roleId, 1)),
          ),
        );
        assert.deepEqual(added.sort(), [false, true]);
        assert.equal((await store.instanceProfiles.getByName(ACCOUNT, "one"))?.roleIds.length, 1);
      }));

    test("an audit append outside a transaction is not swept into a concurrent one that rolls back", () =>
      withStore(async (store) => {
        const record = auditRecord({
          eventID: "independent",
          eventTime: "2026-03-03T00:00:00Z",
          eventName: "GetUser",
          readOnly: true,
        });
        let appended: Promise<void> | undefined;
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.create(user("rolled-back"));
            appended = store.audit.append([record]);
            await new Promise((r) => setTimeout(r, 20));
            throw new Error("roll back");
          }),
          /roll back/,
        );
        await appended;
        assert.equal(await store.users.getByName(ACCOUNT, "rolled-back"), undefined);
        assert.deepEqual(
          (await store.audit.query({})).map((e) => e.eventID),
          ["independent"],
        );
      }));

    test("audit records come back in time order, filtered by name and time", () =>
      withStore(async (store) => {
        await store.audit.append([
          auditRecord({ eventID: "e2", eventTime: "2026-01-02T00:00:00Z", eventName: "CreateUser" }),
          auditRecord({ eventID: "e1", eventTime: "2026-01-01T00:00:00Z", eventName: "DeleteUser" }),
        ]);
        assert.deepEqual(
          (await store.audit.query({})).map((e) => e.eventID),
          ["e1", "e2"],
        );
        assert.deepEqual(
          (await store.audit.query({ eventName: "CreateUser" })).map((e) => e.eventID),
          ["e2"],
        );
        assert.deepEqual(
          (await store.audit.query({ since: new Date("2026-01-01T12:00:00Z") })).map((e) => e.eventID),
          ["e2"],
        );
      }));

    test("audit records: newest first, by account and time range, continued past a position", () =>
      withStore(async (store) => {
        const at = (day: number, id: string, account = ACCOUNT) =>
          auditRecord({
            eventID: id,
            eventTime: `2026-01-0${day}T00:00:00Z`,
            eventName: "CreateUser",
            recipientAccountId: account,
          });
        await store.audit.append([
          at(1, "a"),
          at(2, "b"),
          at(2, "c"),
          at(3, "d"),
          at(2, "x", "999988887777"),
        ]);
        const ids = async (q: Parameters<typeof store.audit.query>[0]) =>
          (await store.audit.query(q)).map((e) => e.eventID);
        assert.deepEqual(await ids({ accountId: ACCOUNT, order: "newest-first" }), ["d", "c", "b", "a"]);
        assert.deepEqual(
          await ids({
            accountId: ACCOUNT,
            order: "newest-first",
            since: new Date("2026-01-02T00:00:00Z"),
            until: new Date("2026-01-03T00:00:00Z"),
          }),
          ["c", "b"],
        );
        assert.deepEqual(
          await ids({
            accountId: ACCOUNT,
            order: "newest-first",
            limit: 2,
            after: { eventTime: "2026-01-02T00:00:00Z", eventId: "c" },
          }),
          ["b", "a"],
        );
        assert.deepEqual(
          await ids({ after: { eventTime: "2026-01-02T00:00:00Z", eventId: "b" }, limit: 2 }),
          ["c", "x"],
        );
      }));

    test("login profiles keep only the hash, and remember replaced hashes newest first, up to the limit", () =>
      withStore(async (store) => {
        const u = user("lp");
        await store.users.create(u);
        const date = new Date("2026-01-02T00:00:00Z");
        await store.loginProfiles.create({
          userId: u.userId,
          accountId: ACCOUNT,
          passwordHash: "h0",
          createDate: date,
          passwordChangedDate: date,
          passwordResetRequired: true,
        });
        assert.equal((await store.loginProfiles.get(u.userId))?.passwordResetRequired, true);
        for (const h of ["h0", "h1", "h2", "h3"]) await store.loginProfiles.remember(u.userId, h, 3);
        assert.deepEqual(await store.loginProfiles.previousHashes(u.userId, 24), ["h3", "h2", "h1"]);
        assert.deepEqual(await store.loginProfiles.previousHashes(u.userId, 2), ["h3", "h2"]);
        await store.loginProfiles.update(u.userId, { passwordHash: "h4", passwordResetRequired: false });
        const after = await store.loginProfiles.get(u.userId);
        assert.equal(after?.passwordHash, "h4");
        assert.equal(after?.passwordResetRequired, false);
        assert.equal((await store.users.attachments(u.userId)).loginProfile, 1);
        await store.loginProfiles.delete(u.userId);
        assert.equal(await store.loginProfiles.get(u.userId), undefined);
        await store.users.delete(u.userId);
        assert.deepEqual(await store.loginProfiles.previousHashes(u.userId, 24), []);
      }));

    test("a root password is one per account, replaced on put, and console sign-ins record their time", () =>
      withStore(async (store) => {
        assert.equal(await store.rootPasswords.get(ACCOUNT), undefined);
        const first = new Date("2026-01-02T00:00:00Z");
        await store.rootPasswords.put(ACCOUNT, "r1", first);
        await store.rootPasswords.recordUse(ACCOUNT, new Date("2026-01-03T00:00:00Z"));
        await store.rootPasswords.put(ACCOUNT, "r2", new Date("2026-01-04T00:00:00Z"));
        assert.deepEqual(await store.rootPasswords.get(ACCOUNT), {
          accountId: ACCOUNT,
          passwordHash: "r2",
          passwordChangedDate: new Date("2026-01-04T00:00:00Z"),
          passwordLastUsed: new Date("2026-01-03T00:00:00Z"),
        });
        const u = user("signs-in");
        await store.users.create(u);
        assert.equal((await store.users.getById(u.userId))?.passwordLastUsed, undefined);
        await store.users.recordPasswordUse(u.userId, first);
        assert.deepEqual((await store.users.getById(u.userId))?.passwordLastUsed, first);
      }));

    test("console sessions: stored under a hash, replaced on put, touched, expired or idle ones refused and swept", () =>
      withStore(async (store) => {
        const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));
        const record = {
          idHash: "hash-a",
          stateSealed: "v1.anonymous",
          createdAt: t(0),
          lastSeenAt: t(0),
          expiresAt: t(15),
        };
        await store.consoleSessions.put(record);
        assert.deepEqual(await store.consoleSessions.get("hash-a"), record);
        const signedIn = {
          ...record,
          accessKeyId: "ASIAEXAMPLE",
          stateSealed: "v1.signed",
          expiresAt: t(720),
        };
        await store.consoleSessions.put(signedIn);
        assert.deepEqual(await store.consoleSessions.get("hash-a"), signedIn);
        await store.consoleSessions.touch("hash-a", t(30));
        assert.deepEqual((await store.consoleSessions.get("hash-a"))?.lastSeenAt, t(30));

        assert.ok(await store.consoleSessions.holdsCredential("ASIAEXAMPLE", t(40), t(20)));
        assert.ok(!(await store.consoleSessions.holdsCredential("ASIAOTHER", t(40), t(20))));
        assert.ok(!(await store.consoleSessions.holdsCredential("ASIAEXAMPLE", t(40), t(30))), "idle");
        assert.ok(!(await store.consoleSessions.holdsCredential("ASIAEXAMPLE", t(720), t(20))), "expired");

        await store.consoleSessions.put({ ...record, idHash: "hash-b", lastSeenAt: t(10), expiresAt: t(15) });
        await store.consoleSessions.put({ ...record, idHash: "hash-c", lastSeenAt: t(10), expiresAt: t(60) });
        assert.equal(await store.consoleSessions.deleteExpired(t(15), t(5)), 1, "hash-b expired");
        assert.equal(await store.consoleSessions.deleteExpired(t(16), t(10)), 1, "hash-c idle");
        assert.ok(await store.consoleSessions.get("hash-a"));
        assert.ok(await store.consoleSessions.delete("hash-a"));
        assert.ok(!(await store.consoleSessions.delete("hash-a")));
        assert.equal(await store.consoleSessions.get("hash-a"), undefined);
      }));

    test("SAML providers: create, find by ARN, update metadata, delete with tags; an assertion id is redeemed once until it expires", () =>
      withStore(async (store) => {
        const provider: SamlProvider = {
          accountId: ACCOUNT,
          samlProviderId: "6c9f1b7e-0000-4000-8000-000000000001",
          name: "Corp",
          arn: `arn:aws:iam::${ACCOUNT}:saml-provider/Corp`,
          metadataDocument: "<md/>",
          entityId: "https://idp.example.com",
          certificates: ["PEM-1"],
          createDate: new Date("2026-01-01T00:00:00Z"),
          validUntil: new Date("2126-01-01T00:00:00Z"),
        };
        await store.samlProviders.create(provider);
        await assert.rejects(store.samlProviders.create({ ...provider, samlProviderId: "other" }));
        assert.deepEqual(await store.samlProviders.getByArn(provider.arn), provider);
        assert.equal(await store.samlProviders.count(ACCOUNT), 1);
        const change = {
          metadataDocument: "<md2/>",
          entityId: "https://idp2.example.com",
          certificates: ["PEM-2", "PEM-3"],
          validUntil: new Date("2027-01-01T00:00:00Z"),
        };
        await store.samlProviders.updateMetadata(provider.samlProviderId, change);
        assert.deepEqual(await store.samlProviders.list(ACCOUNT), [{ ...provider, ...change }]);

        const t0 = new Date("2026-01-01T00:00:00Z");
        const until = new Date("2026-01-01T00:05:00Z");
        assert.equal(
          await store.samlProviders.redeemAssertion(provider.samlProviderId, "_a", until, t0),
          true,
        );
        assert.equal(
          await store.samlProviders.redeemAssertion(provider.samlProviderId, "_a", until, t0),
          false,
        );
        assert.equal(await store.samlProviders.redeemAssertion("another", "_a", until, t0), true);
        // Once expired, the id is forgotten (the assertion itself is refused as expired by then).
        assert.equal(
          await store.samlProviders.redeemAssertion(
            provider.samlProviderId,
            "_a",
            new Date("2026-01-01T00:10:00Z"),
            until,
          ),
          true,
        );

        await store.samlProviderTags.put(provider.samlProviderId, [{ Key: "k", Value: "v" }]);
        await store.samlProviders.delete(provider.samlProviderId);
        assert.equal(await store.samlProviders.getByArn(provider.arn), undefined);
        assert.deepEqual(await store.samlProviderTags.list(provider.samlProviderId), []);
      }));

    test("the password policy and the credential report are one per account, replaced on put", () =>
      withStore(async (store) => {
        assert.equal(await store.passwordPolicies.get(ACCOUNT), undefined);
        const policy = {
          minimumPasswordLength: 10,
          requireSymbols: true,
          requireNumbers: false,
          requireUppercaseCharacters: false,
          requireLowercaseCharacters: false,
          allowUsersToChangePassword: true,
          maxPasswordAge: 90,
          hardExpiry: false,
        };
        await store.passwordPolicies.put(ACCOUNT, policy);
        await store.passwordPolicies.put(ACCOUNT, { ...policy, minimumPasswordLength: 12 });
        assert.deepEqual(await store.passwordPolicies.get(ACCOUNT), { ...policy, minimumPasswordLength: 12 });
        await store.passwordPolicies.delete(ACCOUNT);
        assert.equal(await store.passwordPolicies.get(ACCOUNT), undefined);

        assert.equal(await store.credentialReports.get(ACCOUNT), undefined);
        await store.credentialReports.put(ACCOUNT, {
          generatedTime: new Date("2026-01-01T00:00:00Z"),
          content: "a",
        });
        await store.credentialReports.put(ACCOUNT, {
          generatedTime: new Date("2026-01-02T00:00:00Z"),
          content: "b",
        });
        assert.deepEqual(await store.credentialReports.get(ACCOUNT), {
          generatedTime: new Date("2026-01-02T00:00:00Z"),
          content: "b",
        });
      }));

    test("racing SSH-key and certificate uploads never pass the per-user limit", () =>
      withStore(async (store) => {
        const u = user("keys");
        await store.users.create(u);
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.transaction((tx) =>
              tx.sshPublicKeys.create(
                {
                  sshPublicKeyId: `APKA${String(i).padStart(16, "0")}`,
                  userId: u.userId,
                  accountId: ACCOUNT,
                  sshBody: `ssh-rsa key${i}`,
                  pemBody: "pem",
                  fingerprint: `fp${i}`,
                  status: "Active",
                  uploadDate: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
                },
                5,
              ),
            ),
          ),
        );
        assert.equal(results.filter(Boolean).length, 5);
        const keys = await store.sshPublicKeys.listForUser(u.userId);
        assert.equal(keys.length, 5);
        await store.sshPublicKeys.setStatus(keys[0]?.sshPublicKeyId ?? "", "Inactive");
        assert.equal(
          (await store.sshPublicKeys.get(u.userId, keys[0]?.sshPublicKeyId ?? ""))?.status,
          "Inactive",
        );
        await store.sshPublicKeys.delete(keys[0]?.sshPublicKeyId ?? "");
        assert.equal((await store.users.attachments(u.userId)).sshPublicKeys, 4);

        const certs = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.transaction((tx) =>
              tx.signingCertificates.create(
                {
                  certificateId: `CERT${i}`,
                  userId: u.userId,
                  accountId: ACCOUNT,
                  certificateBody: `body${i}`,
                  status: "Active",
                  uploadDate: new Date(),
                },
                2,
              ),
            ),
          ),
        );
        assert.equal(certs.filter(Boolean).length, 2);
        assert.equal((await store.signingCertificates.listForAccount(ACCOUNT)).length, 2);
        assert.equal((await store.users.attachments(u.userId)).signingCertificates, 2);
      }));

    test("prune deletes the records older than its cutoff, and only those", () =>
      withStore(async (store) => {
        await store.audit.append([
          auditRecord({ eventID: "old", eventTime: "2026-01-01T00:00:00Z", eventName: "CreateUser" }),
          auditRecord({ eventID: "edge", eventTime: "2026-01-02T00:00:00Z", eventName: "CreateUser" }),
          auditRecord({ eventID: "new", eventTime: "2026-01-03T00:00:00Z", eventName: "CreateUser" }),
        ]);
        assert.equal(await store.audit.prune(new Date("2026-01-02T00:00:00.500Z")), 1);
        assert.deepEqual(
          (await store.audit.query({})).map((e) => e.eventID),
          ["edge", "new"],
        );
      }));

    test("MFA failure counters are cleared by owner prefix, and only that owner's", () =>
      withStore(async (store) => {
        const at = new Date("2026-01-01T00:00:00Z");
        await store.mfaCodeFailures.put("user:AIDA1|source|k|a", at, 3);
        await store.mfaCodeFailures.put("user:AIDA1|owner-day", at, 3);
        await store.mfaCodeFailures.put("user:AIDA10|owner-day", at, 3);
        assert.equal(await store.mfaCodeFailures.clearPrefix("user:AIDA1|"), 2);
        assert.equal(await store.mfaCodeFailures.get("user:AIDA1|owner-day"), undefined);
        assert.equal((await store.mfaCodeFailures.get("user:AIDA10|owner-day"))?.failures, 3);
      }));
  });
}
