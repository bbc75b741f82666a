// The SQLite audit writer's worker thread: its own connection to the data file, one transaction
// per batch (one fsync), and the WAL checkpoints the request thread no longer runs. The worker's
// source is a string run with `eval`, so it works the same from the esbuild bundle (`npm start`)
// and from the TypeScript sources; the driver is resolved by the parent and passed in.
//
// The request thread encodes each record into its batch's buffer as it is queued (its JSON, and
// the four indexed columns, as UTF-8 separated by ASCII's unit and record separators, which JSON
// never leaves raw), and the buffer moves to the worker without a copy. So a queued record costs
// the request thread's heap nothing: its objects die young, and the batch is not cloned.

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { AuditEvent } from "../../domain/AuditEvent.ts";
import type { AccessKeyUse, AuditBatch, AuditWriter } from "../ports.ts";

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
const US = 0x1f, RS = 0x1e;
const decode = (bytes, length) => {
  const buf = Buffer.from(bytes, 0, length);
  const rows = [];
  let at = 0;
  while (at < length) {
    const row = new Array(5);
    for (let f = 0; f < 4; f++) {
      const end = buf.indexOf(US, at);
      row[f] = buf.toString("utf8", at, end);
      at = end + 1;
    }
    const end = buf.indexOf(RS, at);
    row[4] = buf.toString("utf8", at, end);
    at = end + 1;
    if (row[2] === "") row[2] = null;
    rows.push(row);
  }
  return rows;
};
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
    else if (m.type === "encoded") insertAll(decode(m.bytes, m.length));
    else insertAll(m.rows);
    // An encoded batch's buffer goes back, to be filled again: its pages stay resident.
    if (m.type === "encoded") parentPort.postMessage({ type: "written", id: m.id, bytes: m.bytes }, [m.bytes]);
    else parentPort.postMessage({ type: "written", id: m.id });
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

/** Field and record separators: control characters JSON.stringify always escapes. */
const US = 0x1f;
const RS = 0x1e;
const US_TEXT = String.fromCharCode(US);
const RS_TEXT = String.fromCharCode(RS);
const hasSeparator = (text: string) => text.indexOf(US_TEXT) >= 0 || text.indexOf(RS_TEXT) >= 0;
const INITIAL_BATCH_BYTES = 1024 * 1024;
const MAX_SPARE_BUFFERS = 2;
const MAX_SPARE_BYTES = 16 * 1024 * 1024;

/** A batch encoded as it grows, into a buffer of its own (not Node's shared pool: it is transferred). */
export class EncodedAuditBatch implements AuditBatch {
  private bytes: Buffer;
  length = 0;
  count = 0;

  /** `reuse`: a buffer an earlier batch was written from (the worker hands each one back). */
  constructor(reuse?: ArrayBuffer) {
    this.bytes = reuse ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(INITIAL_BATCH_BYTES);
  }

  add(e: AuditEvent): void {
    // The same row the worker inserts from `append`; no account is an empty column here.
    const [eventId, eventTime, accountId, eventName, record] = rowOf(e);
    const columns = [eventId, eventTime, accountId ?? "", eventName];
    let columnChars = 0;
    for (const c of columns) {
      // Ours, not a client's (an event name is checked before it becomes one): never expected.
      if (hasSeparator(c)) throw new Error("audit column holds a separator");
      columnChars += c.length;
    }
    // UTF-8 takes at most three bytes per UTF-16 unit.
    this.reserve((record.length + columnChars) * 3 + 5);
    for (const c of columns) {
      this.length += this.bytes.write(c, this.length);
      this.bytes[this.length++] = US;
    }
    this.length += this.bytes.write(record, this.length);
    this.bytes[this.length++] = RS;
    this.count += 1;
  }

  /** The buffer, handed over: the batch must not be added to again. */
  take(): ArrayBuffer {
    return this.bytes.buffer as ArrayBuffer;
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
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
  // Buffers back from the worker, for the next batches: a fresh one each time would be faulted
  // in page by page as records are written into it, on the request thread.
  const spares: ArrayBuffer[] = [];
  worker.on("message", (m: { type: string; id?: number; error?: string; bytes?: ArrayBuffer }) => {
    if (m.bytes && spares.length < MAX_SPARE_BUFFERS && m.bytes.byteLength <= MAX_SPARE_BYTES)
      spares.push(m.bytes);
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
  const send = (
    message:
      | { type: "write"; rows: Row[] }
      | { type: "lastUsed"; uses: LastUsedRow[] }
      | { type: "encoded"; bytes: ArrayBuffer; length: number },
    transfer: ArrayBuffer[] = [],
  ) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...message, id }, transfer);
    });
  };
  return {
    append(events) {
      if (events.length === 0) return failure ? Promise.reject(failure) : Promise.resolve();
      return send({ type: "write", rows: events.map(rowOf) });
    },
    openBatch: () => new EncodedAuditBatch(spares.pop()),
    appendBatch(batch) {
      const encoded = batch as EncodedAuditBatch;
      if (encoded.count === 0) return failure ? Promise.reject(failure) : Promise.resolve();
      const bytes = encoded.take();
      return send({ type: "encoded", bytes, length: encoded.length }, [bytes]);
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
