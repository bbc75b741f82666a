// MFA operations against a real SQLite store with a controlled clock: single-use codes, the
// ±1 step window at GetSessionToken, throttling per device and per user (and that a window ends),
// the 8-device limit under concurrency, and the remediation guard. The operations run the way the
// pipeline runs them: inside store.transaction, where a CommitThenFail commits and then fails.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { buildAuditEvent } from "../../src/audit/buildAuditEvent.ts";
import { Sealer } from "../../src/auth/sealing/Sealer.ts";
import { decodeBase32 } from "../../src/auth/totp/encodeBase32.ts";
import { generateHotpCode, totpStepAt } from "../../src/auth/totp/generateTotpCode.ts";
import { assertMfaSelfManagement } from "../../src/authorization/guards/assertMfaSelfManagement.ts";
import { rootArn } from "../../src/domain/arns.ts";
import { AwsError } from "../../src/domain/errors/AwsError.ts";
import type { CallerIdentity } from "../../src/domain/Principal.ts";
import { CreateVirtualMFADevice } from "../../src/operations/iam/CreateVirtualMFADevice.ts";
import { DeactivateMFADevice } from "../../src/operations/iam/DeactivateMFADevice.ts";
import { EnableMFADevice } from "../../src/operations/iam/EnableMFADevice.ts";
import {
  clearOwnerFailures,
  MFA_THROTTLE_RULES,
  throttleAddressOf,
} from "../../src/operations/mfa/mfaCodeThrottle.ts";
import type { Operation } from "../../src/operations/Operation.ts";
import type { PolicyCatalog } from "../../src/operations/OperationContext.ts";
import { GetSessionToken } from "../../src/operations/sts/GetSessionToken.ts";
import { executeOperation } from "../../src/server/executeOperation.ts";
import type { KyselyStore } from "../../src/store/kysely/KyselyStore.ts";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";

const ACCOUNT = "123456789012";
const T0 = Date.UTC(2026, 0, 1, 12, 0, 15);

let dir: string;
let store: KyselyStore;
const sealer = new Sealer(Buffer.alloc(32, 9));
let clock = T0;
let sourceIp = "192.0.2.1";

const rootCaller: CallerIdentity = {
  type: "Root",
  accountId: ACCOUNT,
  arn: rootArn(ACCOUNT),
  principalId: ACCOUNT,
  credential: { kind: "long-term-key", accessKeyId: "AKIAROOT000000000000" },
};

function userCaller(userId: string, userName: string, mfaAt?: Date): CallerIdentity {
  return {
    type: "IAMUser",
    accountId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:user/${userName}`,
    principalId: userId,
    userId,
    userName,
    credential: mfaAt
      ? { kind: "session", accessKeyId: "ASIAUSER000000000000", issuedAt: mfaAt, mfaAuthenticatedAt: mfaAt }
      : { kind: "long-term-key", accessKeyId: "AKIAUSER000000000000" },
  };
}

/**
 * Runs a mutating operation as the pipeline does (executeOperation), with the guards that are
 * not policy in its authorize step: policy itself is not under test here.
 */
// biome-ignore lint/suspicious/noExplicitAny: any operation
async function run<O>(op: Operation<any, O>, input: unknown, caller: CallerIdentity): Promise<O> {
  const { output } = await executeOperation({
    operation: op,
    input,
    store,
    context: {
      caller,
      now: new Date(clock),
      random: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256))),
      sealer,
      policies: {} as PolicyCatalog,
      requestId: "test",
      region: "us-east-1",
      sourceIp,
      auditDetails: {},
    },
    authorize: async (tx) => {
      const facts = await op.guardFacts?.(input, { caller, store: tx });
      if (facts?.mfaSelfManagement)
        assertMfaSelfManagement(caller, op.action, "test", facts.mfaSelfManagement);
      return undefined;
    },
    auditRecord: () =>
      buildAuditEvent({
        time: new Date(clock),
        service: op.service,
        eventName: op.name,
        region: "us-east-1",
        sourceIp: "127.0.0.1",
        userAgent: "test",
        requestId: "test",
        caller,
        readOnly: false,
        input,
      }),
  });
  return output;
}

async function refused(promise: Promise<unknown>): Promise<AwsError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  assert.fail("expected a refusal");
}

async function createUser(name: string): Promise<string> {
  const userId = `AIDA${name.toUpperCase().padEnd(17, "X")}`;
  await store.users.create({
    accountId: ACCOUNT,
    userId,
    userName: name,
    path: "/",
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    createDate: new Date(T0),
  });
  return userId;
}

async function createDevice(name: string): Promise<{ serial: string; codeAt: (step: number) => string }> {
  const out = await run(CreateVirtualMFADevice, { VirtualMFADeviceName: name }, rootCaller);
  const seed = decodeBase32(
    Buffer.from(out.VirtualMFADevice.Base32StringSeed as Uint8Array).toString("ascii"),
  );
  assert.ok(seed);
  return { serial: out.VirtualMFADevice.SerialNumber, codeAt: (step) => generateHotpCode(seed, step) };
}

const step = () => totpStepAt(clock);

/** Root enables `device` for `userName` with the codes of the previous and the current step. */
async function enableAsRoot(userName: string, device: { serial: string; codeAt: (step: number) => string }) {
  const t = step();
  await run(
    EnableMFADevice,
    {
      UserName: userName,
      SerialNumber: device.serial,
      AuthenticationCode1: device.codeAt(t - 1),
      AuthenticationCode2: device.codeAt(t),
    },
    rootCaller,
  );
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-mfa-"));
  store = await openSqliteStore(path.join(dir, "db.sqlite"));
  await store.accounts.create({ accountId: ACCOUNT, createDate: new Date(T0) });
});

after(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("codes", () => {
  test("GetSessionToken accepts t-1, t, t+1 once each, never t-2 or t+2, never a step at or before the last", async () => {
    clock = T0;
    const uid = await createUser("win");
    const d = await createDevice("win");
    const t = step();
    await run(
      EnableMFADevice,
      {
        UserName: "win",
        SerialNumber: d.serial,
        AuthenticationCode1: d.codeAt(t - 3),
        AuthenticationCode2: d.codeAt(t - 2),
      },
      rootCaller,
    );
    const me = userCaller(uid, "win");
    const gst = (code: string) => run(GetSessionToken, { SerialNumber: d.serial, TokenCode: code }, me);
    assert.equal((await refused(gst(d.codeAt(t - 2)))).code, "AccessDenied", "the enabling step is spent");
    assert.equal((await refused(gst(d.codeAt(t + 2)))).code, "AccessDenied", "t+2 is outside the window");
    const ok = await gst(d.codeAt(t - 1));
    assert.ok(ok.Credentials?.AccessKeyId?.startsWith("ASIA"));
    assert.equal(
      (await refused(gst(d.codeAt(t - 1)))).message,
      "MultiFactorAuthentication failed with invalid MFA one time pass code.",
    );
    await gst(d.codeAt(t + 1));
    assert.equal(
      (await refused(gst(d.codeAt(t)))).code,
      "AccessDenied",
      "t is now before the last accepted step",
    );
    clock += 60_000;
    await gst(d.codeAt(step()));
  });

  test("throttling: 5 failures from one source lock it for 15 minutes (a right code too), then it opens again", async () => {
    clock = T0 + 3_600_000;
    sourceIp = "192.0.2.10";
    const uid = await createUser("thr");
    const d = await createDevice("thr");
    await enableAsRoot("thr", d);
    const me = userCaller(uid, "thr");
    const gst = (code: string) => run(GetSessionToken, { SerialNumber: d.serial, TokenCode: code }, me);
    const sourceRule = MFA_THROTTLE_RULES.find((r) => r.scope === "source");
    assert.deepEqual(sourceRule, { scope: "source", limit: 5, windowMs: 15 * 60_000 });
    for (let i = 0; i < 5; i++) await refused(gst("000000"));
    const locked = await refused(gst(d.codeAt(step() + 1)));
    assert.equal(locked.code, "AccessDenied");
    assert.match(locked.message, /Too many invalid MFA codes; try again after/);
    clock += 15 * 60_000;
    await gst(d.codeAt(step()));
    // A right code cleared the source's counter: five more failures are needed to lock it.
    for (let i = 0; i < 4; i++) await refused(gst("000000"));
    clock += 30_000;
    await gst(d.codeAt(step()));
  });

  test("issue 14 #6: an attacker's failures from the user's key at one address do not lock the user out", async () => {
    clock = T0 + 7_200_000;
    const uid = await createUser("spread");
    const a = await createDevice("spread-a");
    const b = await createDevice("spread-b");
    for (const d of [a, b]) await enableAsRoot("spread", d);
    const me = userCaller(uid, "spread");
    const gst = (serial: string, code: string) =>
      run(GetSessionToken, { SerialNumber: serial, TokenCode: code }, me);
    // The attacker holds the user's key and guesses from its address, spreading over devices and
    // unknown serial numbers: that source is locked after 5, whatever it tries.
    // Ten failures locked the whole user before; now they lock only the attacker's source.
    sourceIp = "203.0.113.66";
    await refused(gst(a.serial, "111111"));
    await refused(gst(b.serial, "111111"));
    for (let i = 0; i < 3; i++) {
      const e = await refused(gst(`arn:aws:iam::${ACCOUNT}:mfa/nope`, "111111"));
      assert.match(e.message, /unable to validate MFA code/);
    }
    for (let i = 0; i < 5; i++) await refused(gst(i % 2 ? a.serial : b.serial, "111111"));
    const locked = await refused(gst(a.serial, a.codeAt(step() + 1)));
    assert.match(locked.message, /Too many invalid MFA codes/);
    // The same key from the user's own address: the right code works.
    sourceIp = "198.51.100.7";
    await gst(a.serial, a.codeAt(step() + 1));
    // An administrator (root) enabling a device for the user is not throttled by the attacker's source.
    const c = await createDevice("spread-c");
    clock += 60_000;
    await run(
      EnableMFADevice,
      {
        UserName: "spread",
        SerialNumber: c.serial,
        AuthenticationCode1: c.codeAt(step()),
        AuthenticationCode2: c.codeAt(step() + 1),
      },
      rootCaller,
    );
    // Rotating addresses inside one IPv6 /64 is one source.
    assert.equal(throttleAddressOf("2001:db8:1:2::1"), throttleAddressOf("2001:db8:1:2:ffff::9"));
    assert.equal(throttleAddressOf("::ffff:192.0.2.1"), "192.0.2.1");
  });

  test("the owner-wide ceiling (200 a day, from many sources) stops every code until an administrator unlocks", async () => {
    clock = T0 + 10 * 3_600_000;
    const uid = await createUser("ceiling");
    const d = await createDevice("ceiling");
    await enableAsRoot("ceiling", d);
    const me = userCaller(uid, "ceiling");
    const ceiling = MFA_THROTTLE_RULES.find((r) => r.scope === "owner-day");
    assert.equal(ceiling?.limit, 200);
    for (let i = 0; i < 200; i++) {
      sourceIp = `10.0.${Math.floor(i / 5)}.1`;
      await refused(run(GetSessionToken, { SerialNumber: d.serial, TokenCode: "999999" }, me));
    }
    sourceIp = "198.51.100.8";
    clock += 30_000;
    const locked = await refused(
      run(GetSessionToken, { SerialNumber: d.serial, TokenCode: d.codeAt(step()) }, me),
    );
    assert.match(locked.message, /Too many invalid MFA codes/);
    assert.ok((await clearOwnerFailures(store, ACCOUNT, { kind: "user", userId: uid })) >= 1);
    await run(GetSessionToken, { SerialNumber: d.serial, TokenCode: d.codeAt(step()) }, me);
  });
});

describe("devices", () => {
  test("20 concurrent EnableMFADevice calls for one user leave exactly 8 devices", async () => {
    clock = T0 + 10_800_000;
    const uid = await createUser("race");
    const devices = [];
    for (let i = 0; i < 20; i++) devices.push(await createDevice(`race-${i}`));
    const t = step();
    const results = await Promise.allSettled(
      devices.map((d) =>
        run(
          EnableMFADevice,
          {
            UserName: "race",
            SerialNumber: d.serial,
            AuthenticationCode1: d.codeAt(t - 1),
            AuthenticationCode2: d.codeAt(t),
          },
          rootCaller,
        ),
      ),
    );
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 8);
    for (const r of results) {
      if (r.status === "rejected") assert.equal((r.reason as AwsError).code, "LimitExceeded");
    }
    assert.equal((await store.mfaDevices.listAssigned(ACCOUNT, { kind: "user", userId: uid })).length, 8);
    assert.equal((await store.users.attachments(uid)).mfaDevices, 8);
  });

  test("the remediation: own first device with a long-term key; not a second, nor deactivation, without MFA; MFA sessions may; others by policy", async () => {
    clock = T0 + 14_400_000;
    const uid = await createUser("alice");
    const first = await createDevice("alice-1");
    const second = await createDevice("alice-2");
    const t = step();
    const longTerm = userCaller(uid, "alice");
    await run(
      EnableMFADevice,
      {
        UserName: "alice",
        SerialNumber: first.serial,
        AuthenticationCode1: first.codeAt(t - 1),
        AuthenticationCode2: first.codeAt(t),
      },
      longTerm,
    );
    const denied = await refused(
      run(
        EnableMFADevice,
        {
          UserName: "alice",
          SerialNumber: second.serial,
          AuthenticationCode1: second.codeAt(t - 1),
          AuthenticationCode2: second.codeAt(t),
        },
        longTerm,
      ),
    );
    assert.equal(denied.code, "AccessDenied");
    assert.equal(denied.httpStatus, 403);
    assert.match(
      denied.message,
      /first call sts:GetSessionToken with the SerialNumber and TokenCode of an existing MFA device/,
    );
    const deactivate = await refused(
      run(DeactivateMFADevice, { UserName: "alice", SerialNumber: first.serial }, longTerm),
    );
    assert.equal(deactivate.code, "AccessDenied");
    // The guard is checked before the codes: the second device's codes were not spent or counted.
    const withMfa = userCaller(uid, "alice", new Date(clock));
    await run(
      EnableMFADevice,
      {
        UserName: "alice",
        SerialNumber: second.serial,
        AuthenticationCode1: second.codeAt(t - 1),
        AuthenticationCode2: second.codeAt(t),
      },
      withMfa,
    );
    await run(DeactivateMFADevice, { SerialNumber: first.serial }, withMfa);
    // Another user acting on alice is not guarded (policy alone decides, in the pipeline).
    const admin = userCaller(await createUser("admin"), "admin");
    await run(
      EnableMFADevice,
      {
        UserName: "alice",
        SerialNumber: first.serial,
        AuthenticationCode1: first.codeAt(t + 1),
        AuthenticationCode2: first.codeAt(t + 2),
      },
      admin,
    );
    assert.equal((await store.mfaDevices.listAssigned(ACCOUNT, { kind: "user", userId: uid })).length, 2);
  });

  test("seeds are sealed under their own context", async () => {
    const d = await createDevice("sealed");
    const device = await store.mfaDevices.get(ACCOUNT, d.serial);
    assert.ok(device);
    assert.ok(device.seedSealed.startsWith("v1."));
    assert.throws(() => sealer.unseal(device.seedSealed, "access-key-secret"));
    assert.equal(sealer.unseal(device.seedSealed, "mfa-seed").length, 40);
  });
});
