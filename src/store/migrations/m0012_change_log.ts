// The change log: one numbered entry per committed change, naming the entities it touched, so
// every worker and node drops the cache entries built from them. Numbers only grow; on SQLite
// (AUTOINCREMENT) in commit order, on PostgreSQL (a sequence) in the order transactions took them,
// which readers allow for (see ChangeFeed).

import { type Kysely, PostgresAdapter } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("change_log")
    .addColumn("seq", postgres ? "bigserial" : "integer", (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("change_time", "text", (c) => c.notNull())
    .addColumn("entities", "text", (c) => c.notNull())
    .execute();
}
