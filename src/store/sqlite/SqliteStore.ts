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
  private latestChange: number;
  // Prepared once: these run on every request, and preparing a statement costs more than running it.
  private readonly dataVersionQuery: BetterSqlite3.Statement<[], number>;
  private readonly latestChangeQuery: BetterSqlite3.Statement<[], number | null>;
  /** Set once asked in this turn of the event loop; cleared when the turn ends. */
  private askedThisTurn = false;
  private readonly turnEnded = () => {
    this.askedThisTurn = false;
  };

  constructor(db: Kysely<Database>, raw: BetterSqlite3.Database, audit: AuditRepository) {
    super("sqlite", db, audit);
    this.dataVersionQuery = raw.prepare<[], number>("PRAGMA data_version").pluck();
    this.latestChangeQuery = raw.prepare<[], number | null>("SELECT max(seq) FROM change_log").pluck();
    this.dataVersion = this.dataVersionQuery.get() as number;
    this.latestChange = this.latestChangeQuery.get() ?? 0;
  }

  /**
   * SQLite bumps a connection's data_version when another connection (another worker, the audit
   * writer thread, a CLI command) commits; this connection's own commits leave it alone, and the
   * pipeline invalidates for those itself. So an unchanged number means the log has nothing new.
   * The audit writer commits a batch every second or so without changing the log: then the
   * log's newest number, unchanged, says so at the cost of one indexed read, and the change feed's
   * read is skipped. SQLite has one writer at a time, so the numbers commit in order.
   */
  othersMayHaveCommitted(): boolean {
    // Asked once per turn of the event loop, not once per request: a request handled in this turn
    // was read from its socket in this turn's poll or an earlier one, so before the first ask,
    // and a commit that ended before the request was sent is seen by that ask. (If it said yes,
    // the change feed's read is still running, and the turn's later requests wait for it.) The
    // bound is loose only where libuv polls twice in one turn, with 1,024 sockets ready at once.
    if (this.askedThisTurn) return false;
    this.askedThisTurn = true;
    setImmediate(this.turnEnded);
    const now = this.dataVersionQuery.get() as number;
    if (now === this.dataVersion) return false;
    this.dataVersion = now;
    const latest = this.latestChangeQuery.get() ?? 0;
    if (latest === this.latestChange) return false;
    this.latestChange = latest;
    return true;
  }

  override transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return retryTransaction(SQLITE_BUSY_RETRY, () => super.transaction(work));
  }
}
