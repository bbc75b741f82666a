// The web console's sessions, shared by every worker and node on the store: a request may land on
// any of them. A row is keyed by a hash of the cookie's id (the id itself is the secret and is
// never stored); everything else the session holds is one sealed blob.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("console_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("access_key_id", "text")
    .addColumn("state_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  // Every API call signed with a console credential asks whether its session still holds it.
  await db.schema
    .createIndex("console_sessions_access_key")
    .on("console_sessions")
    .column("access_key_id")
    .execute();
  await db.schema
    .createIndex("console_sessions_expiry")
    .on("console_sessions")
    .column("expires_at")
    .execute();
}
