// Issue 14, finding 2: refused requests cannot fill the disk. A flood of unsigned requests with a
// 15 KB Authorization header leaves a few bounded records and one aggregate that counts the rest;
// simulation inputs are stored bounded; old records are pruned by `portcullis audit prune`.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { SimulateCustomPolicyCommand } from "@aws-sdk/client-iam";
import { UNAUTHENTICATED_RECORDS_PER_WINDOW } from "../../src/audit/RefusalAuditLimiter.ts";
import type { AuditEvent } from "../../src/domain/AuditEvent.ts";
import { DATABASE_FILE } from "../../src/server/openDataFolder.ts";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";
import { iamClient } from "../support/awsClients.ts";
import { BIN } from "../support/serveProcess.ts";
import { ROOT_KEY, startTestServer } from "../support/startTestServer.ts";

const run = promisify(execFile);

async function recordsOf(dataDir: string): Promise<AuditEvent[]> {
  const store = await openSqliteStore(path.join(dataDir, DATABASE_FILE));
  try {
    return await store.audit.query({});
  } finally {
    await store.close();
  }
}

test("a flood of unsigned requests with huge headers leaves bounded records and one counted aggregate", async () => {
  const server = await startTestServer();
  const header = `AWS4-HMAC-SHA256 Credential=${"A".repeat(15_000)}/20260101/us-east-1/iam/aws4_request, SignedHeaders=host`;
  const flood = 300;
  for (let i = 0; i < flood; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        const res = await fetch(server.url, {
          method: "POST",
          headers: { authorization: header, "content-type": "application/x-www-form-urlencoded" },
          body: "Action=ListUsers&Version=2010-05-08",
        });
        assert.equal(res.status, 400);
        await res.text();
      }),
    );
  }
  await server.stop();
  const records = (await recordsOf(server.dataDir)).filter((r) => r.sourceIPAddress === "127.0.0.1");
  const single = records.filter((r) => r.errorCode === "IncompleteSignature");
  assert.equal(single.length, UNAUTHENTICATED_RECORDS_PER_WINDOW);
  for (const record of single) {
    const bytes = Buffer.byteLength(JSON.stringify(record));
    assert.ok(bytes < 4096, `a refused request left ${bytes} bytes`);
  }
  const [aggregate] = records.filter((r) => r.eventName === "PortcullisSuppressedRefusals");
  assert.deepEqual(aggregate?.additionalEventData?.codes, {
    IncompleteSignature: flood - UNAUTHENTICATED_RECORDS_PER_WINDOW,
  });
  assert.equal(aggregate?.additionalEventData?.suppressed, flood - UNAUTHENTICATED_RECORDS_PER_WINDOW);
});

test("simulation inputs are stored bounded, and audit prune removes old records (and says so)", async () => {
  const server = await startTestServer();
  const iam = iamClient(server.url, ROOT_KEY);
  const arns = Array.from(
    { length: 300 },
    (_, i) => `arn:aws:iam::111122223333:user/${String(i).padEnd(2000, "x")}`,
  );
  await iam.send(
    new SimulateCustomPolicyCommand({
      PolicyInputList: [
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      ],
      ActionNames: ["iam:GetUser"],
      ResourceArns: arns,
      MaxItems: 1,
    }),
  );
  await server.stop();
  const [simulation] = (await recordsOf(server.dataDir)).filter(
    (r) => r.eventName === "SimulateCustomPolicy",
  );
  const bytes = Buffer.byteLength(JSON.stringify(simulation));
  assert.ok(bytes < 70 * 1024, `the simulation's record is ${bytes} bytes`);
  // 600 KB of input: each list cut at 100 items, and still over 64 KB, so summarised.
  const stored = simulation?.requestParameters as { truncated?: boolean; bytes?: number; members?: string[] };
  assert.equal(stored.truncated, true);
  assert.ok((stored.bytes ?? 0) > 64 * 1024);
  assert.deepEqual(stored.members, ["policyInputList", "actionNames", "resourceArns", "maxItems"]);

  // A record from 200 days ago, as an old trail would hold it.
  const store = await openSqliteStore(path.join(server.dataDir, DATABASE_FILE));
  const old = {
    ...simulation,
    eventID: "old-record",
    eventTime: new Date(Date.now() - 200 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  } as AuditEvent;
  await store.audit.append([old]);
  await store.close();
  const { stdout } = await run(process.execPath, [BIN, "audit", "prune", "--data", server.dataDir]);
  assert.match(stdout, /^pruned 1 audit records older than /);
  const after = await recordsOf(server.dataDir);
  assert.ok(!after.some((r) => r.eventID === "old-record"));
  assert.ok(after.some((r) => r.eventName === "PortcullisAuditPrune"));
  assert.ok(after.some((r) => r.eventName === "SimulateCustomPolicy"));
});
