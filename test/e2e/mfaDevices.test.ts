// End-to-end: virtual MFA devices and GetSessionToken against a real server, driven by the AWS
// SDK v3, with codes computed by an independent TOTP implementation. Covers what needs no policy:
// the root principal acting on users, users' GetSessionToken with and without MFA, the session
// restrictions, single-use codes, throttling, the 8-device limit under concurrency, the
// remediation for the root principal, sealed seeds and the audit facts.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  type IAMClient,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from "@aws-sdk/client-iam";
import {
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import { generateAccessKeyId } from "../../src/auth/credentials/generateAccessKeyId.ts";
import { encodeSessionToken } from "../../src/auth/session/SessionToken.ts";
import { DATABASE_FILE } from "../../src/server/openDataFolder.ts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

let server: TestServer;
let root: IAMClient;

before(async () => {
  server = await startTestServer();
  root = iamClient(server.url, ROOT_KEY);
});

after(async () => {
  await server.stop();
});

async function newDevice(
  name: string,
  iam: IAMClient = root,
): Promise<{ serial: string; app: VirtualMfaApp; seed: string }> {
  const out = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  const device = out.VirtualMFADevice;
  assert.ok(device?.SerialNumber && device.Base32StringSeed);
  return {
    serial: device.SerialNumber,
    app: new VirtualMfaApp(device.Base32StringSeed),
    seed: Buffer.from(device.Base32StringSeed).toString("ascii"),
  };
}

function session(out: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string };
}): Credentials {
  const c = out.Credentials;
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

describe("virtual MFA devices, managed by the root principal", () => {
  test("create returns the seed and a real QR PNG once; the ARN carries the path; tags work", async () => {
    const out = await root.send(
      new CreateVirtualMFADeviceCommand({
        VirtualMFADeviceName: "phone",
        Path: "/team/",
        Tags: [{ Key: "owner", Value: "ops" }],
      }),
    );
    const device = out.VirtualMFADevice;
    assert.equal(device?.SerialNumber, `arn:aws:iam::${TEST_ACCOUNT_ID}:mfa/team/phone`);
    assert.match(Buffer.from(device?.Base32StringSeed ?? []).toString("ascii"), /^[A-Z2-7]{64}$/);
    const png = Buffer.from(device?.QRCodePNG ?? []);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.deepEqual(device?.Tags, [{ Key: "owner", Value: "ops" }]);

    const dup = await expectRefusal(
      root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "PHONE", Path: "/team/" })),
    );
    assert.equal(dup.code, "EntityAlreadyExists");
    assert.equal(dup.status, 409);

    const serial = device?.SerialNumber as string;
    await root.send(new TagMFADeviceCommand({ SerialNumber: serial, Tags: [{ Key: "site", Value: "lon" }] }));
    await root.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ["owner"] }));
    const tags = await root.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }));
    assert.deepEqual(tags.Tags, [{ Key: "site", Value: "lon" }]);

    const unassigned = await root.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Unassigned" }));
    const listed = unassigned.VirtualMFADevices?.find((d) => d.SerialNumber === serial);
    assert.ok(listed);
    assert.equal(listed.Base32StringSeed, undefined, "the seed is never returned again");
    assert.equal(listed.QRCodePNG, undefined);
    await root.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    assert.equal(
      (await expectRefusal(root.send(new ListMFADeviceTagsCommand({ SerialNumber: serial })))).code,
      "NoSuchEntity",
    );
  });

  test("enable, list, get, refuse reuse and wrong codes, block deletion while assigned, deactivate, delete", async () => {
    await root.send(new CreateUserCommand({ UserName: "bob" }));
    const { serial, app } = await newDevice("bob-phone");
    const wrong = await expectRefusal(
      root.send(
        new EnableMFADeviceCommand({
          UserName: "bob",
          SerialNumber: serial,
          AuthenticationCode1: app.code(-1),
          AuthenticationCode2: app.code(-1),
        }),
      ),
    );
    assert.equal(wrong.code, "InvalidAuthenticationCode");
    assert.equal(wrong.status, 403);
    assert.equal(wrong.message, "Authentication code for device is not valid.");

    await root.send(
      new EnableMFADeviceCommand({ UserName: "bob", SerialNumber: serial, ...app.consecutive() }),
    );
    const again = await expectRefusal(
      root.send(new EnableMFADeviceCommand({ UserName: "bob", SerialNumber: serial, ...app.consecutive() })),
    );
    assert.equal(again.code, "EntityAlreadyExists");

    const listed = await root.send(new ListMFADevicesCommand({ UserName: "bob" }));
    assert.equal(listed.MFADevices?.length, 1);
    assert.equal(listed.MFADevices?.[0]?.SerialNumber, serial);
    assert.equal(listed.MFADevices?.[0]?.UserName, "bob");
    assert.ok(listed.MFADevices?.[0]?.EnableDate instanceof Date);

    const assigned = await root.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Assigned" }));
    const mine = assigned.VirtualMFADevices?.find((d) => d.SerialNumber === serial);
    assert.equal(mine?.User?.UserName, "bob");
    assert.equal(mine?.User?.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/bob`);
    const unassigned = await root.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: "Unassigned" }));
    assert.ok(!unassigned.VirtualMFADevices?.some((d) => d.SerialNumber === serial));

    const got = await root.send(new GetMFADeviceCommand({ UserName: "bob", SerialNumber: serial }));
    assert.equal(got.SerialNumber, serial);

    const inUse = await expectRefusal(root.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })));
    assert.equal(inUse.code, "DeleteConflict");
    const userInUse = await expectRefusal(root.send(new DeleteUserCommand({ UserName: "bob" })));
    assert.equal(userInUse.code, "DeleteConflict");
    assert.equal(userInUse.message, "Cannot delete entity, must delete MFA device first.");

    await root.send(new DeactivateMFADeviceCommand({ UserName: "bob", SerialNumber: serial }));
    assert.equal((await root.send(new ListMFADevicesCommand({ UserName: "bob" }))).MFADevices?.length, 0);
    await root.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await root.send(new DeleteUserCommand({ UserName: "bob" }));
    const gone = await expectRefusal(
      root.send(
        new EnableMFADeviceCommand({ UserName: "nobody", SerialNumber: serial, ...app.consecutive() }),
      ),
    );
    assert.equal(gone.code, "NoSuchEntity");
  });

  test("resync takes two fresh consecutive codes; spent ones are refused", async () => {
    await root.send(new CreateUserCommand({ UserName: "rita" }));
    const { serial, app } = await newDevice("rita-phone");
    const codes = app.consecutive();
    await root.send(new EnableMFADeviceCommand({ UserName: "rita", SerialNumber: serial, ...codes }));
    const replay = await expectRefusal(
      root.send(new ResyncMFADeviceCommand({ UserName: "rita", SerialNumber: serial, ...codes })),
    );
    assert.equal(replay.code, "InvalidAuthenticationCode");
    await root.send(
      new ResyncMFADeviceCommand({
        UserName: "rita",
        SerialNumber: serial,
        AuthenticationCode1: app.code(1),
        AuthenticationCode2: app.code(2),
      }),
    );
  });

  test("at most 8 devices per user, even with 20 concurrent EnableMFADevice calls", async () => {
    await root.send(new CreateUserCommand({ UserName: "many" }));
    const devices = [];
    for (let i = 0; i < 20; i++) devices.push(await newDevice(`many-${i}`));
    const results = await Promise.allSettled(
      devices.map((d) =>
        root.send(
          new EnableMFADeviceCommand({ UserName: "many", SerialNumber: d.serial, ...d.app.consecutive() }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const refused = results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => (r.reason as { Code?: string; name: string }).Code ?? (r.reason as { name: string }).name);
    assert.equal(ok, 8);
    assert.deepEqual(new Set(refused), new Set(["LimitExceeded"]));
    const listed = await root.send(new ListMFADevicesCommand({ UserName: "many" }));
    assert.equal(listed.MFADevices?.length, 8);
    const ninth = await newDevice("many-ninth");
    const err = await expectRefusal(
      root.send(
        new EnableMFADeviceCommand({
          UserName: "many",
          SerialNumber: ninth.serial,
          ...ninth.app.consecutive(),
        }),
      ),
    );
    assert.equal(err.code, "LimitExceeded");
    assert.equal(err.status, 409);
    assert.equal(err.message, "Cannot exceed quota for MFADevicesPerUser: 8");
  });

  test("failed codes are throttled per device: the count survives the failing requests", async () => {
    await root.send(new CreateUserCommand({ UserName: "tom" }));
    const { serial, app } = await newDevice("tom-phone");
    for (let i = 0; i < 5; i++) {
      const err = await expectRefusal(
        root.send(
          new EnableMFADeviceCommand({
            UserName: "tom",
            SerialNumber: serial,
            AuthenticationCode1: "000000",
            AuthenticationCode2: "000001",
          }),
        ),
      );
      assert.equal(err.message, "Authentication code for device is not valid.");
    }
    const locked = await expectRefusal(
      root.send(new EnableMFADeviceCommand({ UserName: "tom", SerialNumber: serial, ...app.consecutive() })),
    );
    assert.equal(locked.code, "InvalidAuthenticationCode");
    assert.match(locked.message, /^Too many invalid MFA codes; try again after \d{4}-\d\d-\d\dT/);
  });
});

describe("GetSessionToken", () => {
  let carolKey: Credentials;
  let device: { serial: string; app: VirtualMfaApp };

  before(async () => {
    carolKey = await createUserWithKey(server.url, "carol");
    device = await newDevice("carol-phone");
    await root.send(
      new EnableMFADeviceCommand({
        UserName: "carol",
        SerialNumber: device.serial,
        ...device.app.consecutive(),
      }),
    );
  });

  test("without MFA: ASIA credentials, default 12 hours, no IAM, STS only AssumeRole and GetCallerIdentity", async () => {
    const before = Date.now();
    const out = await stsClient(server.url, carolKey).send(new GetSessionTokenCommand({}));
    const creds = session(out);
    assert.match(creds.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(expires - before - 43_200_000) < 5_000, "default duration is 43,200 s");

    const me = await stsClient(server.url, creds).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/carol`);

    const iam = await expectRefusal(iamClient(server.url, creds).send(new ListUsersCommand({})));
    assert.equal(iam.code, "InvalidClientTokenId");
    assert.equal(iam.status, 403);

    const again = await expectRefusal(stsClient(server.url, creds).send(new GetSessionTokenCommand({})));
    assert.equal(again.code, "AccessDenied");
    assert.equal(again.message, "Cannot call GetSessionToken with session credentials");
    const info = await expectRefusal(
      stsClient(server.url, creds).send(new GetAccessKeyInfoCommand({ AccessKeyId: carolKey.accessKeyId })),
    );
    assert.equal(info.code, "AccessDenied");
  });

  test("with MFA: the code is checked and spent; reuse, wrong codes and others' devices are refused", async () => {
    const sts = stsClient(server.url, carolKey);
    const code = device.app.code(1);
    const out = await sts.send(
      new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code, DurationSeconds: 900 }),
    );
    const creds = session(out);
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(expires - Date.now() - 900_000) < 5_000);

    const reused = await expectRefusal(
      sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code })),
    );
    assert.equal(reused.code, "AccessDenied");
    assert.equal(reused.message, "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    const wrong = await expectRefusal(
      sts.send(
        new GetSessionTokenCommand({
          SerialNumber: device.serial,
          TokenCode: code === "123456" ? "654321" : "123456",
        }),
      ),
    );
    assert.equal(wrong.code, "AccessDenied");

    // Someone else's device, with a right code for it, is not carol's MFA.
    await root.send(new CreateUserCommand({ UserName: "dan" }));
    const dans = await newDevice("dan-phone");
    await root.send(
      new EnableMFADeviceCommand({ UserName: "dan", SerialNumber: dans.serial, ...dans.app.consecutive() }),
    );
    const foreign = await expectRefusal(
      sts.send(new GetSessionTokenCommand({ SerialNumber: dans.serial, TokenCode: dans.app.code(1) })),
    );
    assert.equal(foreign.code, "AccessDenied");
    assert.match(foreign.message, /unable to validate MFA code/);

    // The MFA session may reach IAM: policy decides (carol has none, so AccessDenied, not a token error).
    const iam = await expectRefusal(iamClient(server.url, creds).send(new ListUsersCommand({})));
    assert.equal(iam.code, "AccessDenied");
    const nested = await expectRefusal(stsClient(server.url, creds).send(new GetSessionTokenCommand({})));
    assert.equal(nested.message, "Cannot call GetSessionToken with session credentials");
  });

  test("an expired session is ExpiredToken", async () => {
    const accessKeyId = generateAccessKeyId("temporary");
    const secretAccessKey = "expired-secret-000000000000000000000000000".slice(0, 40);
    const now = Math.floor(Date.now() / 1000);
    const sessionToken = encodeSessionToken(
      {
        accessKeyId,
        secretAccessKey,
        accountId: TEST_ACCOUNT_ID,
        principalType: "root",
        principalArn: `arn:aws:iam::${TEST_ACCOUNT_ID}:root`,
        principalId: TEST_ACCOUNT_ID,
        issuedAt: now - 1000,
        expiresAt: now - 10,
      },
      server.server.data.sealer,
    );
    const err = await expectRefusal(
      stsClient(server.url, { accessKeyId, secretAccessKey, sessionToken }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    assert.equal(err.code, "ExpiredToken");
  });
});

describe("the root principal's own MFA", () => {
  test("root's session is at most an hour; with a device, root's long-term key cannot deactivate it; an MFA session can", async () => {
    const out = await stsClient(server.url, ROOT_KEY).send(
      new GetSessionTokenCommand({ DurationSeconds: 129_600 }),
    );
    const expires = out.Credentials?.Expiration?.getTime() ?? 0;
    assert.ok(Math.abs(expires - Date.now() - 3_600_000) < 5_000, "root sessions are capped at 3,600 s");

    // The API has no way for root to enable its own device (AWS does that in the console), so
    // the test assigns one through the store.
    const { serial, app } = await newDevice("root-account-mfa-device");
    const step = Math.floor(Date.now() / 30_000);
    assert.ok(
      await server.server.data.store.mfaDevices.assign(
        serial,
        { kind: "root" },
        { enableDate: new Date(), lastUsedStep: step - 2, driftSteps: 0 },
      ),
    );
    const mine = await root.send(new ListMFADevicesCommand({}));
    assert.deepEqual(
      mine.MFADevices?.map((d) => d.SerialNumber),
      [serial],
    );

    const denied = await expectRefusal(root.send(new DeactivateMFADeviceCommand({ SerialNumber: serial })));
    assert.equal(denied.code, "AccessDenied");
    assert.match(denied.message, /sts:GetSessionToken/);

    const mfaSession = session(
      await stsClient(server.url, ROOT_KEY).send(
        new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: app.code(0) }),
      ),
    );
    await iamClient(server.url, mfaSession).send(new DeactivateMFADeviceCommand({ SerialNumber: serial }));
    assert.equal((await root.send(new ListMFADevicesCommand({}))).MFADevices?.length, 0);
  });
});

describe("sealing and audit", () => {
  test("no seed in clear in the database; audit records hide seeds and codes and say how MFA changes were made", async () => {
    await root.send(new CreateUserCommand({ UserName: "sealed" }));
    const { serial, app, seed } = await newDevice("sealed-phone");
    const codes = app.consecutive();
    await root.send(new EnableMFADeviceCommand({ UserName: "sealed", SerialNumber: serial, ...codes }));
    await server.stop();
    const files = fs.readdirSync(server.dataDir).filter((f) => f.startsWith(DATABASE_FILE));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(server.dataDir, f))));
    assert.ok(bytes.includes(Buffer.from(serial)), "the serial number itself is stored");
    assert.ok(!bytes.includes(Buffer.from(seed)), "the base32 seed must not be in clear");
    const raw = Buffer.from(new Uint8Array(decodeBase32(seed)));
    assert.ok(!bytes.includes(raw.subarray(0, 16)), "the raw seed must not be in clear");
    server = await server.restart();
    root = iamClient(server.url, ROOT_KEY);

    const records = await server.server.data.store.audit.query({});
    const create = records.find((r) => r.eventName === "CreateVirtualMFADevice" && r.responseElements);
    const text = JSON.stringify(records);
    assert.ok(create);
    assert.ok(!text.includes(seed), "no seed in the audit trail");
    const enable = records.find(
      (r) =>
        r.eventName === "EnableMFADevice" && !r.errorCode && r.additionalEventData?.serialNumber === serial,
    );
    assert.ok(enable);
    assert.equal(enable.requestParameters?.authenticationCode1, "HIDDEN_DUE_TO_SECURITY_REASONS");
    assert.equal(enable.additionalEventData?.mfaAuthentication, "LongTermAccessKey");
    assert.equal(enable.additionalEventData?.actedOn, "AnotherUser");
    assert.equal(enable.additionalEventData?.assignedDevicesBefore, 0);
  });
});

function decodeBase32(text: string): number[] {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
