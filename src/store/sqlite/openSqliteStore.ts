// The embedded default: one SQLite file in the data folder, in WAL mode with a full fsync on
// every commit and foreign keys enforced. Transactions begin IMMEDIATE, so a transaction that
// reads a count and then writes (a limit check) holds the write lock from its first read, even
// when another process has the same file open.

import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "../migrations/migrateToLatest.ts";
import type { Database as Schema } from "../schema.ts";
import { SqliteAuditTrail } from "./SqliteAuditTrail.ts";
import { SQLITE_BUSY_TIMEOUT_MS, SqliteStore } from "./SqliteStore.ts";

const STATEMENT_CACHE_SIZE = 256;

/** better-sqlite3 prepares on every call through Kysely; keep the prepared statements instead. */
function withStatementCache(db: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "prepare") {
        const value = Reflect.get(target, prop, receiver);
        // Native methods must be called on the real database object, not on the proxy.
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (sql: string) => {
        const text = sql === "begin" ? "begin immediate" : sql;
        let stmt = cache.get(text);
        if (!stmt) {
          stmt = prepare(text);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          cache.set(text, stmt);
        }
        return stmt;
      };
    },
  });
}

export async function openSqliteStore(file: string): Promise<SqliteStore> {
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  raw.pragma("foreign_keys = ON");
  raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  await migrateToLatest(db);
  return new SqliteStore(db, raw, new SqliteAuditTrail(db, raw));
}
