// Opens (or creates) a data folder: the master key that seals secrets, the store (the folder's
// SQLite file, or the PostgreSQL database the config names), and the
// first account with its root access key. Files holding keys are created with mode 0600.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseMasterKey, Sealer } from "../auth/sealing/Sealer.ts";
import { ACCESS_KEY_SECRET_CONTEXT } from "../domain/AccessKey.ts";
import { openStore } from "../store/openStore.ts";
import type { Store } from "../store/ports.ts";
import { issueRootAccessKey } from "./issueRootAccessKey.ts";
import { ConfigError, type ServerConfig } from "./ServerConfig.ts";

export interface DataFolder {
  store: Store;
  sealer: Sealer;
  /** Set on the start that generated root credentials: shown once, then only in the 0600 file. */
  generatedRootCredentials?: { accessKeyId: string; secretAccessKey: string; file: string };
}

export const DATABASE_FILE = "portcullis.sqlite";
const MASTER_KEY_FILE = "master.key";
const ROOT_CREDENTIALS_FILE = "root-credentials";

function loadMasterKey(config: ServerConfig): Buffer {
  try {
    if (config.masterKey) return parseMasterKey(config.masterKey);
  } catch (err) {
    throw new ConfigError(`PORTCULLIS_MASTER_KEY: ${(err as Error).message}`);
  }
  const file = path.join(config.dataDir, MASTER_KEY_FILE);
  if (!fs.existsSync(file)) {
    // wx: never overwrite a key another process wrote in the meantime; losing it loses every secret.
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  try {
    return parseMasterKey(fs.readFileSync(file, "utf8").trim());
  } catch (err) {
    throw new ConfigError(`${file}: ${(err as Error).message}`);
  }
}

export async function openDataFolder(config: ServerConfig, now = new Date()): Promise<DataFolder> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const sealer = new Sealer(loadMasterKey(config));
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, DATABASE_FILE),
  });
  try {
    // Nodes sharing one database start together: one creates the account and its root key.
    const generated = await store.exclusively(() => bootstrapAccount(store, sealer, config, now));
    return { store, sealer, ...(generated ? { generatedRootCredentials: generated } : {}) };
  } catch (err) {
    await store.close();
    throw err;
  }
}

async function bootstrapAccount(store: Store, sealer: Sealer, config: ServerConfig, now: Date) {
  return store.transaction(async (tx) => {
    if (!(await tx.accounts.get(config.accountId))) {
      await tx.accounts.create({ accountId: config.accountId, createDate: now });
    }
    if (config.rootAccessKeyId && config.rootSecretAccessKey) {
      const existing = await tx.accessKeys.get(config.rootAccessKeyId);
      if (existing) {
        const stored = sealer.unseal(existing.secretSealed, ACCESS_KEY_SECRET_CONTEXT).toString("utf8");
        if (
          existing.accountId !== config.accountId ||
          existing.userId ||
          stored !== config.rootSecretAccessKey
        ) {
          throw new ConfigError(
            "PORTCULLIS_ROOT_ACCESS_KEY_ID names a key this data folder already holds with another owner or secret",
          );
        }
        return undefined;
      }
      await tx.accessKeys.create({
        accessKeyId: config.rootAccessKeyId,
        accountId: config.accountId,
        status: "Active",
        createDate: now,
        secretSealed: sealer.seal(config.rootSecretAccessKey, ACCESS_KEY_SECRET_CONTEXT),
      });
      return undefined;
    }
    if ((await tx.accessKeys.listForRoot(config.accountId)).length > 0) return undefined;
    const { accessKeyId, secretAccessKey } = await issueRootAccessKey(tx, sealer, config.accountId, now);
    const file = path.join(config.dataDir, ROOT_CREDENTIALS_FILE);
    fs.writeFileSync(
      file,
      `[default]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n# account ${config.accountId}\n`,
      { mode: 0o600 },
    );
    return { accessKeyId, secretAccessKey, file };
  });
}
