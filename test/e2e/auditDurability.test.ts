// The audit trail's guarantees on the request path: a change's record is durable in the data file
// before its response is sent (it commits in the change's own transaction), and reads' records,
// written in the background, are all there after a clean shutdown.

import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { CreateUserCommand, GetUserCommand } from "@aws-sdk/client-iam";
import Database from "better-sqlite3";
import { DATABASE_FILE } from "../../src/server/openDataFolder.ts";
import { iamClient } from "../support/awsClients.ts";
import { ROOT_KEY, startTestServer } from "../support/startTestServer.ts";

function countEvents(dataDir: string, eventName: string): number {
  // A second, independent connection: what it sees is on disk (WAL included), not in our process.
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare("select count(*) as n from audit_events where event_name = ?").get(eventName) as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}

test("a change's audit record is in the data file before its response arrives", async () => {
  // A flush interval far longer than the test: only the change's own transaction can have written it.
  const server = await startTestServer({ config: { auditQueue: { intervalMs: 3_600_000 } } });
  try {
    const iam = iamClient(server.url, ROOT_KEY);
    for (let i = 0; i < 5; i++) {
      await iam.send(new CreateUserCommand({ UserName: `durable-${i}` }));
      assert.equal(countEvents(server.dataDir, "CreateUser"), i + 1);
    }
    await iam.send(new GetUserCommand({ UserName: "durable-0" }));
    // The read's record waits in the queue (flushed hourly here), so it is not yet on disk.
    assert.equal(countEvents(server.dataDir, "GetUser"), 0);
  } finally {
    await server.stop();
  }
  assert.equal(countEvents(server.dataDir, "GetUser"), 1);
});

test("every read's record is written by the background writer, none lost or doubled", async () => {
  const server = await startTestServer({ config: { auditQueue: { batchSize: 7 } } });
  const iam = iamClient(server.url, ROOT_KEY);
  await iam.send(new CreateUserCommand({ UserName: "reader" }));
  await Promise.all(Array.from({ length: 100 }, () => iam.send(new GetUserCommand({ UserName: "reader" }))));
  await server.stop();
  assert.equal(countEvents(server.dataDir, "GetUser"), 100);
});
