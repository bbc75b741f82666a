// Sign-out ends the session's credential on the server: the temporary credential the console
// signed its calls with (read here from the store, in-process, as only the server can) works
// through the API until sign-out, and is refused with InvalidClientTokenId after it. The
// sign-out is in the audit trail.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateLoginProfileCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { ConsoleSession } from "../../src/console/ConsoleSessions.ts";
import { ConsoleSessionVault } from "../../src/server/ConsoleSessionVault.ts";
import type { ConsoleCredential } from "../../src/server/ConsoleSignIn.ts";
import { iamClient, stsClient } from "../support/awsClients.ts";
import { ConsoleHttpClient } from "../support/consoleHttp.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

const PASSWORD = "Sign-Out-Revokes-1!";
let server: TestServer;

before(async () => {
  server = await startTestServer();
  const iam = iamClient(server.url, ROOT_KEY);
  await iam.send(new CreateUserCommand({ UserName: "leaver" }));
  await iam.send(new CreateLoginProfileCommand({ UserName: "leaver", Password: PASSWORD }));
});
after(() => server.stop());

async function credentialOf(cookie: string): Promise<ConsoleCredential> {
  const { store, sealer } = server.server.data;
  const stored = await new ConsoleSessionVault(store, sealer).load<ConsoleSession>(cookie);
  assert.ok(stored?.state.credential, "the session holds a credential");
  return stored.state.credential;
}

test("after sign-out the console session's credential is refused by the API too", async () => {
  const client = new ConsoleHttpClient(server.url);
  assert.equal((await client.signIn(TEST_ACCOUNT_ID, "leaver", PASSWORD)).status, 303);
  assert.ok(client.cookie);
  const credential = await credentialOf(client.cookie);
  const sts = stsClient(server.url, credential);
  const who = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/leaver`);

  await client.get("/console/home");
  assert.equal((await client.post("/console/signout", {})).status, 303);

  await assert.rejects(sts.send(new GetCallerIdentityCommand({})), (err: Error) => {
    assert.equal(err.name, "InvalidClientTokenId");
    return true;
  });
  const records = await server.server.data.store.audit.query({ eventName: "ConsoleSignOut" });
  const record = records.find((r) => r.userIdentity.userName === "leaver");
  assert.ok(record, "the sign-out is audited");
  assert.equal(record.additionalEventData?.revokedAccessKeyId, credential.accessKeyId);
  assert.ok(!JSON.stringify(record).includes(credential.secretAccessKey));
});

test("a session that was never signed out keeps its credential working", async () => {
  const client = new ConsoleHttpClient(server.url);
  await client.signIn(TEST_ACCOUNT_ID, "leaver", PASSWORD);
  const credential = await credentialOf(client.cookie ?? "");
  const other = new ConsoleHttpClient(server.url);
  await other.signIn(TEST_ACCOUNT_ID, "leaver", PASSWORD);
  await other.get("/console/home");
  await other.post("/console/signout", {});
  // Another session's sign-out revokes only that session's credential.
  const who = await stsClient(server.url, credential).send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:user/leaver`);
});
