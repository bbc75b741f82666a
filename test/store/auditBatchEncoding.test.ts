// The SQLite background writer's encoded batches, end to end through the real worker thread:
// records queued through an AuditQueue come back from the store exactly as built, whatever their
// text holds (characters beyond ASCII, astral ones, the separators themselves inside the JSON),
// with a missing account kept as no account, and a batch that outgrows its first buffer intact.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { AuditQueue } from "../../src/audit/AuditQueue.ts";
import { buildAuditEvent } from "../../src/audit/buildAuditEvent.ts";
import type { AuditEvent } from "../../src/domain/AuditEvent.ts";
import type { AuditWriter } from "../../src/store/ports.ts";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";

function event(i: number, userAgent: string, withCaller: boolean): AuditEvent {
  return buildAuditEvent({
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 0) + i * 1000),
    service: "iam",
    eventName: i % 2 === 0 ? "GetUser" : "ListUsers",
    region: "us-east-1",
    sourceIp: "127.0.0.1",
    userAgent,
    requestId: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
    readOnly: true,
    input: { UserName: `name-${i}-\u001f\u001e-ü` },
    ...(withCaller
      ? {
          caller: {
            type: "IAMUser",
            principalId: "AIDAEXAMPLEEXAMPLE00",
            arn: "arn:aws:iam::123456789012:user/alice",
            accountId: "123456789012",
            userName: "alice",
            credential: { kind: "long-term-key", accessKeyId: "AKIAEXAMPLEEXAMPLE00" },
          },
        }
      : {}),
  } as Parameters<typeof buildAuditEvent>[0]);
}

test("records queued in encoded batches are stored exactly as built", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-encoded-"));
  const store = await openSqliteStore(path.join(dir, "audit.sqlite"));
  try {
    const writer = store.audit.openBackgroundWriter?.() as AuditWriter;
    assert.ok(writer.openBatch, "the SQLite background writer encodes its batches");
    const queue = new AuditQueue(writer, (err) => assert.fail(String(err)), {
      batchSize: 5000,
      intervalMs: 3_600_000,
    });
    // Long enough that 3,000 of them outgrow the batch's first buffer several times over.
    const agents = ["plain", "ünïcödé ✓", "astral 😀 𝄞", "x".repeat(2000)];
    const built: AuditEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const e = event(i, agents[i % agents.length] as string, i % 3 !== 0);
      built.push(e);
      queue.add(e);
    }
    await queue.close();
    const stored = await store.audit.query({ limit: 10_000 });
    assert.equal(stored.length, built.length);
    const byId = new Map(stored.map((e) => [e.eventID, e]));
    for (const e of built) assert.deepEqual(byId.get(e.eventID), JSON.parse(JSON.stringify(e)));
    const withoutAccount = built.find((e) => e.recipientAccountId === undefined) as AuditEvent;
    const none = await store.audit.query({ accountId: "123456789012", limit: 10_000 });
    assert.equal(none.length, 2000, "only the records with a caller belong to the account");
    assert.ok(!none.some((e) => e.eventID === withoutAccount.eventID));
  } finally {
    await store.close();
  }
});
