// The shared store: PostgreSQL through `pg`, for several Portcullis nodes on one database. The
// repositories and migrations are the SQLite adapter's; what differs is how a change is isolated.
// Every transaction runs SERIALIZABLE and is retried, a bounded number of times, when PostgreSQL
// reports a serialization failure or a deadlock: a limit counted in the transaction then holds
// across nodes exactly as it does behind SQLite's single writer, for every limit, without each
// operation having to name the row it should lock.

import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { KyselyStore, sessionOver } from "../kysely/KyselyStore.ts";
import { errorCode, type RetryPolicy, retryTransaction } from "../kysely/retryTransaction.ts";
import { migrateToLatest } from "../migrations/migrateToLatest.ts";
import type { ChangeSubscription, StoreSession } from "../ports.ts";
import type { Database as Schema } from "../schema.ts";

/** Serialization failure and deadlock: the transaction lost a race and may simply run again. */
const RETRYABLE = new Set(["40001", "40P01"]);
const RETRY: RetryPolicy = {
  retryable: (err) => RETRYABLE.has(errorCode(err) ?? ""),
  // Enough for 20 requests racing on one limit to each get a decision rather than an error.
  maxAttempts: 40,
  maxPauseMs: 100,
};
/** One number for every Portcullis node: migrations and the first bootstrap run under it. */
const SCHEMA_LOCK_KEY = 0x706f7274; // "port"

/** The NOTIFY channel of change-log appends. */
export const CHANGE_CHANNEL = "portcullis_changes";
/** Pause before reconnecting a dropped LISTEN connection. */
const RELISTEN_DELAY_MS = 250;

class PostgresStore extends KyselyStore {
  constructor(
    db: Kysely<Schema>,
    private readonly url: string,
  ) {
    super("postgres", db);
  }

  override transaction<T>(work: (tx: StoreSession) => Promise<T>): Promise<T> {
    return retryTransaction(RETRY, () =>
      this.db
        .transaction()
        .setIsolationLevel("serializable")
        .execute((trx) => work(sessionOver(trx, CHANGE_CHANNEL))),
    );
  }

  /**
   * One dedicated connection LISTENs (a pooled one could be handed to a request). When it drops,
   * the subscriber hears so at once, and it reconnects until stopped.
   */
  async subscribeChanges(subscription: ChangeSubscription): Promise<() => Promise<void>> {
    let stopped = false;
    let client: pg.Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.url });
      let down = false;
      const lost = () => {
        if (down) return;
        down = true;
        subscription.onDisconnected();
        next.end().catch(() => {});
        if (!stopped) timer = setTimeout(() => void connect().catch(lost), RELISTEN_DELAY_MS);
      };
      next.on("error", lost);
      next.on("end", lost);
      next.on("notification", () => subscription.onChange());
      client = next;
      try {
        await next.connect();
        await next.query(`LISTEN ${CHANGE_CHANNEL}`);
      } catch (err) {
        lost();
        throw err;
      }
      subscription.onConnected();
    };
    // Down at start is like down later: the subscriber catches up per request until it is up.
    await connect().catch(() => {});
    return async () => {
      stopped = true;
      clearTimeout(timer);
      client?.removeAllListeners();
      await client?.end().catch(() => {});
    };
  }

  override async exclusively<T>(work: () => Promise<T>): Promise<T> {
    return withAdvisoryLock(this.db, work);
  }
}

/** Holds PostgreSQL's session advisory lock on one pooled connection while `work` runs. */
async function withAdvisoryLock<T>(db: Kysely<Schema>, work: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${SCHEMA_LOCK_KEY})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_LOCK_KEY})`.execute(conn);
    }
  });
}

/**
 * Lists and markers compare names and paths byte by byte (as SQLite does); a database whose
 * collation sorts by language would order and page them differently, so it is refused.
 */
async function checkCollation(db: Kysely<Schema>): Promise<void> {
  const { rows } = await sql<{ collate: string }>`
    select datcollate as collate from pg_database where datname = current_database()`.execute(db);
  const collate = rows[0]?.collate ?? "";
  if (collate !== "C" && collate !== "POSIX" && !collate.startsWith("C.")) {
    throw new Error(
      `the PostgreSQL database uses collation '${collate}'; Portcullis needs byte order: create it with LC_COLLATE 'C' (createdb --locale=C --template=template0)`,
    );
  }
}

export interface PostgresStoreOptions {
  /** Connections per node; a request holds one only for its statements or its transaction. */
  poolSize?: number;
}

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client losing its server (a restart) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await checkCollation(db);
    // Several nodes starting together: one migrates, the others wait and find nothing to do.
    await withAdvisoryLock(db, () => migrateToLatest(db));
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new PostgresStore(db, url);
}
