// Issue 14, finding 6, end to end: an attacker who holds a user's long-term key and guesses MFA
// codes from its own address locks out only that address; the user's right code, sent with the
// same key from another address, still gets an MFA session. An administrator's
// `portcullis mfa unlock` clears the lock and is in the audit trail.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } from "@aws-sdk/client-iam";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

const BIN = path.resolve(import.meta.dirname, "..", "..", "bin", "portcullis.mjs");
const run = promisify(execFile);

let server: TestServer;
let key: Credentials;
let serial: string;
let app: VirtualMfaApp;

/** An STS client whose connections come from `localAddress` (any 127/8 address is loopback on Linux). */
const stsFrom = (localAddress: string) =>
  stsClient(server.url, key, {
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ localAddress }) }),
  });

before(async () => {
  server = await startTestServer();
  key = await createUserWithKey(server.url, "victim");
  const root = iamClient(server.url, ROOT_KEY);
  const created = await root.send(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "victim-phone" }),
  );
  serial = created.VirtualMFADevice?.SerialNumber as string;
  app = new VirtualMfaApp(created.VirtualMFADevice?.Base32StringSeed as Uint8Array);
  await root.send(
    new EnableMFADeviceCommand({ UserName: "victim", SerialNumber: serial, ...app.consecutive() }),
  );
});
after(() => server.stop());

test("the attacker's failures from its address do not stop the user's code from another", async () => {
  const attacker = stsFrom("127.0.0.2");
  const messages: string[] = [];
  for (let i = 0; i < 12; i++) {
    const e = await expectRefusal(
      attacker.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: "000000" })),
    );
    messages.push(e.message);
  }
  assert.match(messages.at(-1) as string, /Too many invalid MFA codes/);
  // Even the right code is refused from the attacker's address now.
  const locked = await expectRefusal(
    attacker.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: app.code(-1) })),
  );
  assert.match(locked.message, /Too many invalid MFA codes/);

  // EnableMFADevice spent the current step; the next one is within the ±1 window.
  const session = await stsFrom("127.0.0.1").send(
    new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: app.code(1) }),
  );
  assert.ok(session.Credentials?.SessionToken);
});

test("portcullis mfa unlock clears the lock, and the audit trail records it", async () => {
  await server.stop();
  const env = { ...process.env, PORTCULLIS_ACCOUNT_ID: TEST_ACCOUNT_ID };
  const { stdout } = await run(
    process.execPath,
    [BIN, "mfa", "unlock", "--data", server.dataDir, "--user", "victim"],
    { env },
  );
  assert.match(stdout, /MFA throttle cleared for user victim in account 111122223333 \([1-9]\d* counters\)/);
  const audit = await run(
    process.execPath,
    [BIN, "audit", "--data", server.dataDir, "--event-name", "PortcullisUnlockMFAThrottle"],
    { env },
  );
  const record = JSON.parse(audit.stdout.trim().split("\n").at(-1) as string);
  assert.equal(record.requestParameters.userName, "victim");
  assert.ok(record.additionalEventData.clearedCounters >= 1);

  server = await startTestServer({ dataDir: server.dataDir });
  // The attacker's address is checked again: a wrong code is a wrong code, not "too many".
  const again = await expectRefusal(
    stsFrom("127.0.0.2").send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: "000000" })),
  );
  assert.match(again.message, /invalid MFA one time pass code/);
});
