// The audit queue's back-pressure, against the real SQLite background writer held back by a gate:
// when the queue is full a new request waits for room, and is refused with ServiceUnavailable when
// no room comes in time; records keep their order and none is lost.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { AuditQueue, type AuditQueueOptions } from "../../src/audit/AuditQueue.ts";
import { buildAuditEvent } from "../../src/audit/buildAuditEvent.ts";
import type { AuditEvent } from "../../src/domain/AuditEvent.ts";
import { ServiceUnavailable } from "../../src/domain/errors/commonErrors.ts";
import type { AuditWriter } from "../../src/store/ports.ts";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";

function event(i: number): AuditEvent {
  return buildAuditEvent({
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    service: "iam",
    eventName: "GetUser",
    region: "us-east-1",
    sourceIp: "127.0.0.1",
    userAgent: "test",
    requestId: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`,
    readOnly: true,
  });
}

/** The real writer, with each batch held until the test opens the gate. */
function gated(inner: AuditWriter) {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  return {
    writer: {
      append: async (events: readonly AuditEvent[]) => {
        await gate;
        await inner.append(events);
      },
      close: () => inner.close(),
    } satisfies AuditWriter,
    open: () => open(),
  };
}

type SqliteStore = Awaited<ReturnType<typeof openSqliteStore>>;

/** A queue over a fresh store's background writer, held back by a gate the test opens. */
async function withGatedQueue(
  options: AuditQueueOptions,
  fn: (queue: AuditQueue, gate: { open(): void }, store: SqliteStore) => Promise<void>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-queue-"));
  const store = await openSqliteStore(path.join(dir, "audit.sqlite"));
  try {
    const gate = gated(store.audit.openBackgroundWriter?.() as AuditWriter);
    const queue = new AuditQueue(gate.writer, (err) => assert.fail(String(err)), options);
    await fn(queue, gate, store);
  } finally {
    await store.close();
  }
}

test("a full queue makes the next request wait until the writer has made room", async () => {
  await withGatedQueue({ capacity: 10, batchSize: 5, intervalMs: 3_600_000 }, async (queue, gate, store) => {
    for (let i = 0; i < 10; i++) {
      assert.equal(queue.admit(), undefined, "room for the first ten");
      queue.add(event(i));
    }
    assert.equal(queue.depth, 10);
    const waiting = queue.admit();
    assert.ok(waiting, "the eleventh waits");
    let admitted = false;
    void waiting.then(() => {
      admitted = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(admitted, false, "no room while the writer is held");
    gate.open();
    await waiting;
    assert.ok(queue.depth < 10);
    await queue.close();
    const written = await store.audit.query({ limit: 100 });
    assert.deepEqual(
      written.map((e) => e.requestID).sort(),
      Array.from({ length: 10 }, (_, i) => event(i).requestID).sort(),
    );
  });
});

test("a request waiting for room longer than the timeout is refused with ServiceUnavailable", async () => {
  await withGatedQueue({ capacity: 3, batchSize: 3, admitTimeoutMs: 100 }, async (queue, gate) => {
    for (let i = 0; i < 3; i++) queue.add(event(i));
    const started = performance.now();
    await assert.rejects(queue.admit() as Promise<void>, (err) => {
      assert.ok(err instanceof ServiceUnavailable);
      assert.equal(err.httpStatus, 503);
      return true;
    });
    assert.ok(performance.now() - started >= 90);
    assert.ok(queue.lagMs() >= 90, "the writer's lag shows the stall");
    gate.open();
    await queue.close();
    assert.equal(queue.written, 3);
  });
});
