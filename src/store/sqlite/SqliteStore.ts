// The SQLite store when several processes (the workers of `serve --workers N`) share one file:
// one writer at a time. A transaction that finds the write lock taken (SQLITE_BUSY at its
// `begin immediate`) waits without blocking its process — the event loop goes on serving reads —
// and tries again, a bounded number of times; the driver's own busy wait stays short because it
// blocks the whole process while it waits.

import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import { KyselyStore } from "../kysely/KyselyStore.ts";
import { errorCode, type RetryPolicy, retryTransaction } from "../kysely/retryTransaction.ts";
import type { AuditRepository, StoreSession } from "../ports.ts";
import type { Database } from "../schema.ts";

/** The driver's synchronous wait for the lock, per attempt (PRAGMA busy_timeout). */
export const SQLITE_BUSY_TIMEOUT_MS = 20;

export const SQLITE_BUSY_RETRY: RetryPolicy = {
  retryable: (err) => errorCode(err)?.startsWith("SQLITE_BUSY") === true,
  // About 10 s of waiting in all before the request fails: far beyond any one transaction's length.
  maxAttempts: 250,
  maxPauseMs: 20,
};

export class SqliteStore extends KyselyStore {
  private dataVersion: number;

  constructor(
    db: Kysely<Database>,
    private readonly raw: BetterSqlite3.Database,
    audit: AuditRepository,
  ) {
    super("sqlite", db, audit);
    this.dataVersion = this.readDataVersion();
  }

  /**
   * SQLite bumps a connection's data_version when another connection (another worker, the audit
   * writer thread, a CLI command) commits; this connection's own commits leave it alone, and the
   * pipeline invalidates for those itself. So an unchanged number means the log has nothing new.
   */
  othersMayHaveCommitted(): boolean {
    const now = this.readDataVersion();
    if (now === this.dataVersion) return false;
    this.dataVersion = now;
    return true;
  }

  private readDataVersion(): number {
    return this.raw.pragma("data_version", { simple: true }) as number;
  }

  override transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return retryTransaction(SQLITE_BUSY_RETRY, () => super.transaction(work));
  }
}
