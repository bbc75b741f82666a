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
import { MFA_THROTTLE_RULES } from "../../src/operations/mfa/mfaCodeThrottle.ts";
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

  test("throttling: 5 failures lock a device for 15 minutes (a right code too), then it opens again", async () => {
    clock = T0 + 3_600_000;
    const uid = await createUser("thr");
    const d = await createDevice("thr");
    const t = step();
    await run(
      EnableMFADevice,
      {
        UserName: "thr",
        SerialNumber: d.serial,
        AuthenticationCode1: d.codeAt(t - 1),
        AuthenticationCode2: d.codeAt(t),
      },
      rootCaller,
    );
    const me = userCaller(uid, "thr");
    const gst = (code: string) => run(GetSessionToken, { SerialNumber: d.serial, TokenCode: code }, me);
    const deviceRule = MFA_THROTTLE_RULES.find((r) => r.scope === "device");
    assert.deepEqual(deviceRule, { scope: "device", limit: 5, windowMs: 15 * 60_000 });
    for (let i = 0; i < 5; i++) await refused(gst("000000"));
    const locked = await refused(gst(d.codeAt(step() + 1)));
    assert.equal(locked.code, "AccessDenied");
    assert.match(locked.message, /Too many invalid MFA codes; try again after/);
    clock += 15 * 60_000;
    await gst(d.codeAt(step()));
    // A right code cleared the device's counter: five more failures are needed to lock it.
    for (let i = 0; i < 4; i++) await refused(gst("000000"));
    clock += 30_000;
    await gst(d.codeAt(step()));
  });

  test("throttling per user: 10 failures over several devices and unknown serials lock the user's every device", async () => {
    clock = T0 + 7_200_000;
    const uid = await createUser("spread");
    const a = await createDevice("spread-a");
    const b = await createDevice("spread-b");
    const t = step();
    await run(
      EnableMFADevice,
      {
        UserName: "spread",
        SerialNumber: a.serial,
        AuthenticationCode1: a.codeAt(t - 1),
        AuthenticationCode2: a.codeAt(t),
      },
      rootCaller,
    );
    await run(
      EnableMFADevice,
      {
        UserName: "spread",
        SerialNumber: b.serial,
        AuthenticationCode1: b.codeAt(t - 1),
        AuthenticationCode2: b.codeAt(t),
      },
      rootCaller,
    );
    const me = userCaller(uid, "spread");
    for (let i = 0; i < 4; i++)
      await refused(run(GetSessionToken, { SerialNumber: a.serial, TokenCode: "111111" }, me));
    for (let i = 0; i < 4; i++)
      await refused(run(GetSessionToken, { SerialNumber: b.serial, TokenCode: "111111" }, me));
    for (let i = 0; i < 2; i++) {
      const e = await refused(
        run(GetSessionToken, { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nope`, TokenCode: "111111" }, me),
      );
      assert.match(e.message, /unable to validate MFA code/);
    }
    const locked = await refused(
      run(GetSessionToken, { SerialNumber: a.serial, TokenCode: a.codeAt(step() + 1) }, me),
    );
    assert.match(locked.message, /Too many invalid MFA codes/);
    // EnableMFADevice on this user's behalf is throttled by the same user counter.
    const c = await createDevice("spread-c");
    const enable = await refused(
      run(
        EnableMFADevice,
        {
          UserName: "spread",
          SerialNumber: c.serial,
          AuthenticationCode1: c.codeAt(step()),
          AuthenticationCode2: c.codeAt(step() + 1),
        },
        rootCaller,
      ),
    );
    assert.equal(enable.code, "InvalidAuthenticationCode");
    assert.match(enable.message, /Too many invalid MFA codes/);
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
