// The store an admin command works on: the PostgreSQL database `--database` or
// PORTCULLIS_DATABASE_URL names, else the data folder's SQLite file, which must already exist.

import fs from "node:fs";
import path from "node:path";
import { DATABASE_FILE } from "../server/openDataFolder.ts";
import { resolveDatabaseUrl } from "../server/ServerConfig.ts";
import { openStore } from "../store/openStore.ts";
import type { Store } from "../store/ports.ts";

export class NoDataError extends Error {}

export function openCommandStore(dataDir: string, flags: { database?: string }): Promise<Store> {
  const databaseUrl = resolveDatabaseUrl(flags, process.env);
  const sqliteFile = path.join(dataDir, DATABASE_FILE);
  if (!databaseUrl && !fs.existsSync(sqliteFile)) throw new NoDataError(`no Portcullis data in ${dataDir}`);
  return openStore({ databaseUrl, sqliteFile });
}
