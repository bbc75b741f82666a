// The audit trail's write path on SQLite: the server appends a batch of records every second
// (a record per request), so the batch goes in with one prepared statement inside one native
// transaction — one fsync, and none of the query building a generic multi-row insert costs.
// It takes the store's single connection first, so it never runs inside another transaction.
// Reads go through Kysely like everything else.

import type Database from "better-sqlite3";
import type { Kysely } from "kysely";
import type { AuditEvent } from "../../domain/AuditEvent.ts";
import { KyselyAuditRepository } from "../kysely/KyselyAuditRepository.ts";
import { retryTransaction } from "../kysely/retryTransaction.ts";
import type { AuditQuery, AuditRepository } from "../ports.ts";
import type { Database as Schema } from "../schema.ts";
import { SQLITE_BUSY_RETRY } from "./SqliteStore.ts";

export class SqliteAuditTrail implements AuditRepository {
  private readonly reads: KyselyAuditRepository;
  private readonly insertBatch: (events: readonly AuditEvent[]) => void;

  constructor(
    private readonly db: Kysely<Schema>,
    raw: Database.Database,
  ) {
    this.reads = new KyselyAuditRepository(db);
    const insert = raw.prepare(
      "insert into audit_events (event_id, event_time, account_id, event_name, record) values (?, ?, ?, ?, ?)",
    );
    this.insertBatch = raw.transaction((events: readonly AuditEvent[]) => {
      for (const e of events) {
        insert.run(
          e.eventID,
          e.eventTime,
          e.recipientAccountId ?? e.userIdentity.accountId ?? null,
          e.eventName,
          JSON.stringify(e),
        );
      }
    });
  }

  async append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    await retryTransaction(SQLITE_BUSY_RETRY, () =>
      this.db.connection().execute(async () => this.insertBatch(events)),
    );
  }

  query(q: AuditQuery): Promise<AuditEvent[]> {
    return this.reads.query(q);
  }

  prune(before: Date): Promise<number> {
    return this.reads.prune(before);
  }
}
