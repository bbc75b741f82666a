// Races every adapter must win: N transactions split over two connections to one database (two
// workers, two nodes) each count something and write if under the limit, as the operations do.
// However they interleave, no limit is passed, no TOTP step is accepted twice and no failure
// count is lost. An adapter's test file calls runRaceSuite with a factory of two connections.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MAX_ACCESS_KEYS_PER_USER } from "../../src/domain/AccessKey.ts";
import { MAX_GROUPS_PER_USER } from "../../src/domain/Group.ts";
import { MAX_MANAGED_POLICIES_PER_USER, MAX_POLICY_VERSIONS } from "../../src/domain/ManagedPolicy.ts";
import { MAX_MFA_DEVICES_PER_USER } from "../../src/domain/MfaDevice.ts";
import type { Store, StoreSession } from "../../src/store/ports.ts";
import { group, user } from "./runStoreSuite.ts";

const ACCOUNT = "111122223333";
const RACERS = 20;
const T0 = new Date("2026-01-01T00:00:00Z");

/** Yields between the count and the write, as a handler awaiting other reads would. */
const pause = () => new Promise((r) => setTimeout(r, 1));

/** Runs `work(tx, i)` for i in 0..n-1, alternating connections, all at once; how many committed. */
async function race(
  stores: readonly [Store, Store],
  n: number,
  work: (tx: StoreSession, i: number) => Promise<void>,
): Promise<number> {
  const outcomes = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => stores[i % 2]?.transaction((tx) => work(tx, i))),
  );
  for (const o of outcomes) {
    if (o.status === "rejected" && !(o.reason instanceof LimitReached)) throw o.reason;
  }
  return outcomes.filter((o) => o.status === "fulfilled").length;
}

class LimitReached extends Error {}

function limit(count: number, max: number): void {
  if (count >= max) throw new LimitReached();
}

async function newUser(store: Store, name: string): Promise<string> {
  const created = user(name);
  await store.users.create(created);
  return created.userId;
}

function mfaDevice(i: number) {
  return {
    serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/d${i}`,
    accountId: ACCOUNT,
    deviceName: `d${i}`,
    path: "/",
    seedSealed: "sealed",
    createDate: T0,
    driftSteps: 0,
  };
}

export function runRaceSuite(
  name: string,
  openTwo: () => Promise<readonly [Store, Store]>,
  options: { skip?: string } = {},
): void {
  describe(`races on two connections: ${name}`, { skip: options.skip ?? false }, () => {
    async function withStores(fn: (stores: readonly [Store, Store]) => Promise<void>) {
      const stores = await openTwo();
      try {
        await stores[0].accounts.create({ accountId: ACCOUNT, createDate: T0 });
        await fn(stores);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    }

    test(`${RACERS} racing CreateAccessKey leave ${MAX_ACCESS_KEYS_PER_USER} keys`, () =>
      withStores(async (stores) => {
        const userId = await newUser(stores[0], "keys");
        const won = await race(stores, RACERS, async (tx, i) => {
          limit((await tx.accessKeys.listForUser(userId)).length, MAX_ACCESS_KEYS_PER_USER);
          await pause();
          await tx.accessKeys.create({
            accessKeyId: `AKIARACE${String(i).padStart(12, "0")}`,
            accountId: ACCOUNT,
            userId,
            status: "Active",
            createDate: T0,
            secretSealed: "sealed",
          });
        });
        assert.equal(won, MAX_ACCESS_KEYS_PER_USER);
        assert.equal((await stores[1].accessKeys.listForUser(userId)).length, MAX_ACCESS_KEYS_PER_USER);
      }));

    test(`${RACERS} racing EnableMFADevice leave ${MAX_MFA_DEVICES_PER_USER} devices`, () =>
      withStores(async (stores) => {
        const userId = await newUser(stores[0], "mfa");
        for (let i = 0; i < RACERS; i++) await stores[0].mfaDevices.create(mfaDevice(i));
        const owner = { kind: "user", userId } as const;
        const won = await race(stores, RACERS, async (tx, i) => {
          limit((await tx.mfaDevices.listAssigned(ACCOUNT, owner)).length, MAX_MFA_DEVICES_PER_USER);
          await pause();
          const change = { enableDate: T0, lastUsedStep: 1, driftSteps: 0 };
          assert.ok(await tx.mfaDevices.assign(mfaDevice(i).serialNumber, owner, change));
        });
        assert.equal(won, MAX_MFA_DEVICES_PER_USER);
        assert.equal(
          (await stores[1].mfaDevices.listAssigned(ACCOUNT, owner)).length,
          MAX_MFA_DEVICES_PER_USER,
        );
      }));

    test(`${RACERS} racing CreatePolicyVersion leave ${MAX_POLICY_VERSIONS} versions, numbered without gaps`, () =>
      withStores(async (stores) => {
        const arn = `arn:aws:iam::${ACCOUNT}:policy/versions`;
        await stores[0].managedPolicies.create(
          {
            accountId: ACCOUNT,
            policyId: "ANPARACE",
            policyName: "versions",
            path: "/",
            arn,
            defaultVersionId: "v1",
            createDate: T0,
            updateDate: T0,
          },
          { policyArn: arn, versionId: "v1", document: "{}", isDefaultVersion: true, createDate: T0 },
        );
        const won = await race(stores, RACERS, async (tx) => {
          limit((await tx.managedPolicies.listVersions(arn)).length, MAX_POLICY_VERSIONS);
          const next = (await tx.managedPolicies.lastVersionNumber(arn)) + 1;
          await pause();
          await tx.managedPolicies.createVersion({
            policyArn: arn,
            versionId: `v${next}`,
            document: "{}",
            isDefaultVersion: false,
            createDate: T0,
          });
        });
        assert.equal(won, MAX_POLICY_VERSIONS - 1);
        const versions = (await stores[1].managedPolicies.listVersions(arn)).map((v) => v.versionId).sort();
        assert.deepEqual(versions, ["v1", "v2", "v3", "v4", "v5"]);
      }));

    test(`${RACERS} racing AttachUserPolicy leave ${MAX_MANAGED_POLICIES_PER_USER} attached`, () =>
      withStores(async (stores) => {
        const userId = await newUser(stores[0], "attach");
        const won = await race(stores, RACERS, async (tx, i) => {
          limit((await tx.userPolicies.listAttached(userId)).length, MAX_MANAGED_POLICIES_PER_USER);
          await pause();
          await tx.userPolicies.attach(userId, `arn:aws:iam::${ACCOUNT}:policy/p${i}`, T0);
        });
        assert.equal(won, MAX_MANAGED_POLICIES_PER_USER);
        assert.equal(
          (await stores[1].userPolicies.listAttached(userId)).length,
          MAX_MANAGED_POLICIES_PER_USER,
        );
      }));

    test(`${RACERS} racing AddUserToGroup leave ${MAX_GROUPS_PER_USER} memberships`, () =>
      withStores(async (stores) => {
        const userId = await newUser(stores[0], "joiner");
        const groupIds: string[] = [];
        for (let i = 0; i < RACERS; i++) {
          const created = group(`g${i}`);
          groupIds.push(created.groupId);
          await stores[0].groups.create(created);
        }
        const won = await race(stores, RACERS, async (tx, i) => {
          limit((await tx.groups.listForUser(userId)).length, MAX_GROUPS_PER_USER);
          await pause();
          await tx.groups.addUser(groupIds[i] as string, userId, T0);
        });
        assert.equal(won, MAX_GROUPS_PER_USER);
        assert.equal((await stores[1].groups.listForUser(userId)).length, MAX_GROUPS_PER_USER);
      }));

    test("last-used dates flushed late by another process never move backwards", () =>
      withStores(async (stores) => {
        const userId = await newUser(stores[0], "used");
        const accessKeyId = "AKIALASTUSED00000001";
        await stores[0].accessKeys.create({
          accessKeyId,
          accountId: ACCOUNT,
          userId,
          status: "Active",
          createDate: T0,
          secretSealed: "sealed",
        });
        const later = new Date("2026-01-02T00:00:00Z");
        const use = (date: Date) => [{ accessKeyId, date, serviceName: "iam", region: "us-east-1" }];
        await stores[0].transaction((tx) => tx.accessKeys.recordLastUsed(use(later)));
        await stores[1].transaction((tx) => tx.accessKeys.recordLastUsed(use(T0)));
        assert.deepEqual((await stores[1].accessKeys.getLastUsed(accessKeyId)).lastUsedDate, later);
        // Where the store has a background writer with its own connection (SQLite's worker
        // thread), the server writes last-used dates there: guarded the same way.
        const writer = stores[1].audit.openBackgroundWriter?.();
        if (writer?.recordLastUsed) {
          const latest = new Date("2026-01-03T00:00:00Z");
          await writer.recordLastUsed(use(T0));
          assert.deepEqual((await stores[0].accessKeys.getLastUsed(accessKeyId)).lastUsedDate, later);
          await writer.recordLastUsed(use(latest));
          assert.deepEqual((await stores[0].accessKeys.getLastUsed(accessKeyId)).lastUsedDate, latest);
          await writer.close();
        }
      }));

    test("one TOTP step sent on both connections at once is accepted once", () =>
      withStores(async (stores) => {
        await stores[0].mfaDevices.create(mfaDevice(0));
        const serial = mfaDevice(0).serialNumber;
        for (let step = 100; step < 110; step++) {
          const accepted = await Promise.all(
            Array.from({ length: 6 }, (_, i) =>
              stores[i % 2]?.transaction((tx) => tx.mfaDevices.consumeStep(serial, step)),
            ),
          );
          assert.equal(accepted.filter(Boolean).length, 1, `step ${step}`);
        }
      }));

    test(`${RACERS} racing failed MFA codes lose no increment`, () =>
      withStores(async (stores) => {
        const scope = "user:AIDARACE|device";
        const won = await race(stores, RACERS, async (tx) => {
          const current = await tx.mfaCodeFailures.get(scope);
          await pause();
          await tx.mfaCodeFailures.put(scope, T0, (current?.failures ?? 0) + 1);
        });
        assert.equal(won, RACERS);
        assert.equal((await stores[1].mfaCodeFailures.get(scope))?.failures, RACERS);
      }));
  });
}
