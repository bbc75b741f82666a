// The SQLite store when several processes (the workers of `serve --workers N`) share one file:
// one writer at a time. A transaction that finds the write lock taken (SQLITE_BUSY at its
// `begin immediate`) waits without blocking its process — the event loop goes on serving reads —
// and tries again, a bounded number of times; the driver's own busy wait stays short because it
// blocks the whole process while it waits.

import { KyselyStore } from "../kysely/KyselyStore.ts";
import { errorCode, type RetryPolicy, retryTransaction } from "../kysely/retryTransaction.ts";
import type { StoreSession } from "../ports.ts";

/** The driver's synchronous wait for the lock, per attempt (PRAGMA busy_timeout). */
export const SQLITE_BUSY_TIMEOUT_MS = 20;

export const SQLITE_BUSY_RETRY: RetryPolicy = {
  retryable: (err) => errorCode(err)?.startsWith("SQLITE_BUSY") === true,
  // About 10 s of waiting in all before the request fails: far beyond any one transaction's length.
  maxAttempts: 250,
  maxPauseMs: 20,
};

export class SqliteStore extends KyselyStore {
  override transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return retryTransaction(SQLITE_BUSY_RETRY, () => super.transaction(work));
  }
}
