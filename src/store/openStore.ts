// Which adapter a data folder or a database URL names: PostgreSQL when a postgres:// URL is given,
// the data folder's SQLite file otherwise. The server and every CLI command open stores here.

import type { Store } from "./ports.ts";
import { openPostgresStore } from "./postgres/openPostgresStore.ts";
import { openSqliteStore } from "./sqlite/openSqliteStore.ts";

export const POSTGRES_URL = /^postgres(ql)?:\/\//;

export interface StoreLocation {
  /** A postgres:// URL; absent: the SQLite file. */
  databaseUrl?: string | undefined;
  sqliteFile: string;
}

export function openStore(location: StoreLocation): Promise<Store> {
  return location.databaseUrl
    ? openPostgresStore(location.databaseUrl)
    : openSqliteStore(location.sqliteFile);
}
