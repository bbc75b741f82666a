// Limits hold inside the transaction: twenty concurrent CreateAccessKey calls for one user leave
// exactly two keys, and every other call is refused with LimitExceeded, never a 500.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CreateAccessKeyCommand, CreateUserCommand, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

test("20 concurrent CreateAccessKey calls never leave more than 2 keys", async () => {
  const iam = iamClient(server.url, ROOT_KEY);
  await iam.send(new CreateUserCommand({ UserName: "racer" }));
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () => iam.send(new CreateAccessKeyCommand({ UserName: "racer" }))),
  );
  const ok = results.filter((r) => r.status === "fulfilled");
  const refused = results
    .filter((r) => r.status === "rejected")
    .map((r) => (r.reason as { Code?: string }).Code);
  assert.equal(ok.length, 2);
  assert.deepEqual([...new Set(refused)], ["LimitExceeded"]);
  const keys = await iam.send(new ListAccessKeysCommand({ UserName: "racer" }));
  assert.equal(keys.AccessKeyMetadata?.length, 2);
});
