// The SQLite audit writer's worker thread: its own connection to the data file, one transaction
// per batch (one fsync), and the WAL checkpoints the request thread no longer runs. The worker's
// source is a string run with `eval`, so it works the same from the esbuild bundle (`npm start`)
// and from the TypeScript sources; the driver is resolved by the parent and passed in.

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { AuditEvent } from "../../domain/AuditEvent.ts";
import type { AccessKeyUse, AuditWriter } from "../ports.ts";

/** One record as the row the worker inserts: event_id, event_time, account_id, event_name, record. */
type Row = [string, string, string | null, string, string];
/** One access key's last use: access_key_id, last_used_date, last_used_service, last_used_region. */
type LastUsedRow = [string, string, string, string];

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("busy_timeout = 5000");
db.pragma("wal_autocheckpoint = 0");
const INSERT = "insert into audit_events (event_id, event_time, account_id, event_name, record) values ";
const insert = db.prepare(INSERT + "(?, ?, ?, ?, ?)");
// Rows go in by fifties, one statement each: a statement's run costs more than a row's insert.
const CHUNK = 50;
const insertChunk = db.prepare(INSERT + Array.from({ length: CHUNK }, () => "(?, ?, ?, ?, ?)").join(", "));
const insertAll = db.transaction((rows) => {
  let i = 0;
  for (; i + CHUNK <= rows.length; i += CHUNK) insertChunk.run(rows.slice(i, i + CHUNK).flat());
  for (; i < rows.length; i++) { const r = rows[i]; insert.run(r[0], r[1], r[2], r[3], r[4]); }
});
// A late batch of an older use must not win over a newer one another process wrote.
const touch = db.prepare(
  "update access_keys set last_used_date = ?, last_used_service = ?, last_used_region = ? " +
    "where access_key_id = ? and (last_used_date is null or last_used_date < ?)",
);
const touchAll = db.transaction((uses) => { for (const u of uses) touch.run(u[1], u[2], u[3], u[0], u[1]); });
let lastCheckpoint = 0;
const checkpoint = (force) => {
  const now = Date.now();
  if (!force && now - lastCheckpoint < workerData.checkpointMs) return;
  lastCheckpoint = now;
  try { db.pragma(force ? "wal_checkpoint(TRUNCATE)" : "wal_checkpoint(PASSIVE)"); } catch {}
};
const timer = setInterval(() => checkpoint(false), workerData.checkpointMs);
parentPort.on("message", (m) => {
  if (m.type === "close") {
    clearInterval(timer);
    checkpoint(true);
    db.close();
    parentPort.postMessage({ type: "closed" });
    return;
  }
  try {
    if (m.type === "lastUsed") touchAll(m.uses);
    else insertAll(m.rows);
    parentPort.postMessage({ type: "written", id: m.id });
  } catch (err) {
    parentPort.postMessage({ type: "written", id: m.id, error: String(err && err.message || err) });
  }
  checkpoint(false);
});
`;

export function rowOf(e: AuditEvent): Row {
  return [
    e.eventID,
    e.eventTime,
    e.recipientAccountId ?? e.userIdentity.accountId ?? null,
    e.eventName,
    JSON.stringify(e),
  ];
}

export function startAuditWriterWorker(file: string, checkpointMs = 1000): AuditWriter {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  // The worker runs plain JavaScript: it needs none of the parent's loaders (tsx).
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, checkpointMs },
    execArgv: [],
  });
  const waiting = new Map<number, { resolve(): void; reject(err: Error): void }>();
  let nextId = 0;
  let closed: (() => void) | undefined;
  let failure: Error | undefined;
  worker.on("message", (m: { type: string; id?: number; error?: string }) => {
    if (m.type === "closed") {
      closed?.();
      return;
    }
    const w = waiting.get(m.id as number);
    waiting.delete(m.id as number);
    if (m.error) w?.reject(new Error(`audit writer: ${m.error}`));
    else w?.resolve();
  });
  const failAll = (err: Error) => {
    failure = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    closed?.();
  };
  worker.on("error", failAll);
  worker.on("exit", () => failAll(failure ?? new Error("audit writer exited")));
  const send = (message: { type: "write"; rows: Row[] } | { type: "lastUsed"; uses: LastUsedRow[] }) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  };
  return {
    append(events) {
      if (events.length === 0) return failure ? Promise.reject(failure) : Promise.resolve();
      return send({ type: "write", rows: events.map(rowOf) });
    },
    recordLastUsed(uses: readonly AccessKeyUse[]) {
      if (uses.length === 0) return Promise.resolve();
      return send({
        type: "lastUsed",
        uses: uses.map((u) => [u.accessKeyId, u.date.toISOString(), u.serviceName, u.region]),
      });
    },
    async close() {
      if (failure) return;
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.postMessage({ type: "close" });
      });
      await worker.terminate();
    },
  };
}
