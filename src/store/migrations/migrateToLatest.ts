// Brings a database to the newest schema with Kysely's migrator (which locks, so concurrent
// starts of several nodes do not race).

import { type Kysely, type MigrationProvider, Migrator } from "kysely";
import { migrationList } from "./migrationList.ts";

const provider: MigrationProvider = { getMigrations: async () => migrationList };

// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the typed schema
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
