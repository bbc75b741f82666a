// What must hold when requests for one account land on two processes sharing one store (two nodes
// on PostgreSQL, two workers on SQLite), driven by the AWS SDK v3: a change made through A is
// enforced by B within the staleness bound, limits hold across both, and a TOTP code is spent once.

import assert from "node:assert/strict";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { type Credentials, iamClient as iamAt, stsClient as stsAt } from "./awsClients.ts";
import { expectRefusal } from "./expectRefusal.ts";
import { ROOT_KEY } from "./startTestServer.ts";
import { VirtualMfaApp } from "./virtualMfa.ts";

let options: Record<string, unknown> = {};
const iamClient = (url: string, key: Credentials) => iamAt(url, key, options);
const stsClient = (url: string, key: Credentials) => stsAt(url, key, options);

/** The SDK client options every scenario below uses (set per suite). */
export function useClientOptions(extra: Record<string, unknown>): void {
  options = extra;
}

async function createUserWithKey(url: string, userName: string): Promise<Credentials> {
  const root = iamClient(url, ROOT_KEY);
  await root.send(new CreateUserCommand({ UserName: userName }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: userName }));
  assert.ok(AccessKey?.AccessKeyId && AccessKey.SecretAccessKey);
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}

const READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";

/**
 * Two front doors on one store. Nodes: two URLs. Workers: one URL, with client options (see
 * useClientOptions) that open a connection per request, so node:cluster spreads the requests.
 */
export interface TwoDoors {
  a: string;
  b: string;
}

/**
 * Retries `check` until it passes, then requires it to keep passing for `settle` more tries (so
 * every worker behind a door agrees). Returns when the first passing try was sent, in ms after the
 * first try: 0 when the very first request after the change already saw it.
 */
export async function eventually(
  withinMs: number,
  check: () => Promise<boolean>,
  settle = 3,
): Promise<number> {
  const start = Date.now();
  let took = 0;
  for (;;) {
    took = Date.now() - start;
    if (await check()) break;
    if (Date.now() - start > withinMs) assert.fail(`not seen within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  for (let i = 0; i < settle; i++) assert.ok(await check(), `seen, then not seen again (try ${i + 1})`);
  return took;
}

const refused = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: { Code?: string; name: string }) => err.Code ?? err.name,
  );

/** What a test may do around the detachment (see detachedOnADeniesOnB). */
export interface DetachHooks {
  /** Runs once B answers under the policy, just before A detaches it. */
  beforeDetach?: () => Promise<void>;
  /** Runs once B denies: `reattach` gives the policy back through A, `allowedOnB` asks B once. */
  afterDenied?: (user: {
    reattach: () => Promise<void>;
    allowedOnB: () => Promise<boolean>;
  }) => Promise<void>;
}

export async function detachedOnADeniesOnB(
  doors: TwoDoors,
  boundMs: number,
  name: string,
  hooks: DetachHooks = {},
): Promise<number> {
  const key = await createUserWithKey(doors.a, name);
  const policy = { UserName: name, PolicyArn: READ_ONLY };
  const reattach = async () => {
    await iamClient(doors.a, ROOT_KEY).send(new AttachUserPolicyCommand(policy));
  };
  await reattach();
  const onB = iamClient(doors.b, key);
  const allowedOnB = async () => (await refused(onB.send(new ListUsersCommand({})))) === undefined;
  // B learns of the attachment, and caches the user's policies by answering.
  await eventually(boundMs + 1000, allowedOnB);
  await hooks.beforeDetach?.();
  await iamClient(doors.a, ROOT_KEY).send(new DetachUserPolicyCommand(policy));
  const took = await eventually(
    boundMs + 250,
    async () => (await refused(onB.send(new ListUsersCommand({})))) === "AccessDenied",
  );
  await hooks.afterDenied?.({ reattach, allowedOnB });
  return took;
}

export async function deactivatedOnARefusedOnB(
  doors: TwoDoors,
  boundMs: number,
  name: string,
): Promise<number> {
  const key = await createUserWithKey(doors.a, name);
  const onB = stsClient(doors.b, key);
  await eventually(
    boundMs + 1000,
    async () => (await refused(onB.send(new GetCallerIdentityCommand({})))) === undefined,
  );
  await iamClient(doors.a, ROOT_KEY).send(
    new UpdateAccessKeyCommand({ UserName: name, AccessKeyId: key.accessKeyId, Status: "Inactive" }),
  );
  return eventually(
    boundMs + 250,
    async () => (await refused(onB.send(new GetCallerIdentityCommand({})))) === "InvalidClientTokenId",
  );
}

async function newDevice(url: string, name: string) {
  const out = await iamClient(url, ROOT_KEY).send(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }),
  );
  const device = out.VirtualMFADevice;
  assert.ok(device?.SerialNumber && device.Base32StringSeed);
  return { serial: device.SerialNumber, app: new VirtualMfaApp(device.Base32StringSeed) };
}

export async function twentyEnablesLeaveEight(doors: TwoDoors, name: string): Promise<void> {
  await iamClient(doors.a, ROOT_KEY).send(new CreateUserCommand({ UserName: name }));
  const devices = [];
  for (let i = 0; i < 20; i++) devices.push(await newDevice(i % 2 ? doors.b : doors.a, `${name}-${i}`));
  const clients = [iamClient(doors.a, ROOT_KEY), iamClient(doors.b, ROOT_KEY)];
  const results = await Promise.all(
    devices.map((d, i) =>
      refused(
        (clients[i % 2] ?? clients[0])?.send(
          new EnableMFADeviceCommand({ UserName: name, SerialNumber: d.serial, ...d.app.consecutive() }),
        ) as Promise<unknown>,
      ),
    ),
  );
  assert.equal(results.filter((r) => r === undefined).length, 8);
  assert.deepEqual(new Set(results.filter((r) => r !== undefined)), new Set(["LimitExceeded"]));
  const listed = await iamClient(doors.b, ROOT_KEY).send(new ListMFADevicesCommand({ UserName: name }));
  assert.equal(listed.MFADevices?.length, 8);
}

export async function oneCodeAcceptedOnce(doors: TwoDoors, name: string): Promise<void> {
  const key = await createUserWithKey(doors.a, name);
  const device = await newDevice(doors.a, `${name}-phone`);
  await iamClient(doors.a, ROOT_KEY).send(
    new EnableMFADeviceCommand({ UserName: name, SerialNumber: device.serial, ...device.app.consecutive() }),
  );
  const code = device.app.code(1);
  const results = await Promise.all(
    [doors.a, doors.b].map((url) =>
      refused(
        stsClient(url, key).send(
          new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code }),
        ),
      ),
    ),
  );
  assert.deepEqual(results.sort(), ["AccessDenied", undefined]);
  const again = await expectRefusal(
    stsClient(doors.b, key).send(
      new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code }),
    ),
  );
  assert.equal(again.code, "AccessDenied");
}

/**
 * Five wrong codes sent at once, split across both doors, from one source: each is counted (the
 * source's limit is 5 per 15 minutes), so the right code that follows is refused unchecked. One
 * lost increment would leave the count at 4 and let it through.
 */
export async function racingWrongCodesAllCount(doors: TwoDoors, name: string): Promise<void> {
  const key = await createUserWithKey(doors.a, name);
  const device = await newDevice(doors.a, `${name}-phone`);
  await iamClient(doors.a, ROOT_KEY).send(
    new EnableMFADeviceCommand({ UserName: name, SerialNumber: device.serial, ...device.app.consecutive() }),
  );
  const wrong = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      expectRefusal(
        stsClient(i % 2 ? doors.b : doors.a, key).send(
          new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: "000000" }),
        ),
      ),
    ),
  );
  for (const e of wrong) assert.match(e.message, /invalid MFA one time pass code/);
  const right = await expectRefusal(
    stsClient(doors.b, key).send(
      new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: device.app.code(1) }),
    ),
  );
  assert.match(right.message, /Too many invalid MFA codes/);
}
