// The audit trail's write path on SQLite: the server appends a batch of records every second
// (a record per request), so the batch goes in with one prepared statement inside one native
// transaction — one fsync, and none of the query building a generic multi-row insert costs.
// It takes the store's single connection first, so it never runs inside another transaction.
// Reads go through Kysely like everything else. The server's records of reads and refusals go
// to a background writer instead (auditWriterWorker.ts), which also takes over WAL checkpoints.

import type Database from "better-sqlite3";
import type { Kysely } from "kysely";
import type { AuditEvent } from "../../domain/AuditEvent.ts";
import { KyselyAuditRepository } from "../kysely/KyselyAuditRepository.ts";
import { retryTransaction } from "../kysely/retryTransaction.ts";
import type { AuditQuery, AuditRepository, AuditWriter } from "../ports.ts";
import type { Database as Schema } from "../schema.ts";
import { rowOf, startAuditWriterWorker } from "./auditWriterWorker.ts";
import { SQLITE_BUSY_RETRY } from "./SqliteStore.ts";

export class SqliteAuditTrail implements AuditRepository {
  private readonly reads: KyselyAuditRepository;
  private readonly insertBatch: (events: readonly AuditEvent[]) => void;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly raw: Database.Database,
  ) {
    this.reads = new KyselyAuditRepository(db);
    const insert = raw.prepare(
      "insert into audit_events (event_id, event_time, account_id, event_name, record) values (?, ?, ?, ?, ?)",
    );
    this.insertBatch = raw.transaction((events: readonly AuditEvent[]) => {
      for (const e of events) insert.run(...rowOf(e));
    });
  }

  async append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await retryTransaction(SQLITE_BUSY_RETRY, () =>
      this.db.connection().execute(async () => this.insertBatch(events)),
    );
  }

  openBackgroundWriter(): AuditWriter {
    // An in-memory database has no file a second connection could open.
    if (this.raw.memory) return { append: (events) => this.append(events), close: async () => undefined };
    // From now on the worker checkpoints; a commit on this connection never does.
    this.raw.pragma("wal_autocheckpoint = 0");
    return startAuditWriterWorker(this.raw.name);
  }

  query(q: AuditQuery): Promise<AuditEvent[]> {
    return this.reads.query(q);
  }

  prune(before: Date): Promise<number> {
    return this.reads.prune(before);
  }
}
