// Accounts, users, tags, access keys and the audit trail.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("accounts")
    .addColumn("account_id", "text", (c) => c.primaryKey())
    .addColumn("create_date", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("user_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("user_name_lower", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("arn", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addColumn("permissions_boundary_arn", "text")
    .addColumn("password_last_used", "text")
    .addUniqueConstraint("users_account_name", ["account_id", "user_name_lower"])
    .execute();

  await db.schema
    .createTable("tags")
    .addColumn("resource_id", "text", (c) => c.notNull())
    .addColumn("tag_key", "text", (c) => c.notNull())
    .addColumn("tag_value", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tags_pk", ["resource_id", "tag_key"])
    .execute();

  await db.schema
    .createTable("access_keys")
    .addColumn("access_key_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("user_id", "text", (c) => c.references("users.user_id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("last_used_date", "text")
    .addColumn("last_used_service", "text")
    .addColumn("last_used_region", "text")
    .execute();
  await db.schema.createIndex("access_keys_user").on("access_keys").column("user_id").execute();

  // The audit trail is append-only and written on every request: rows go in arrival order
  // (the implicit row id), and only time is indexed, so an insert touches the table's tail and
  // one append-ordered index. Queries by name scan a time range.
  await db.schema
    .createTable("audit_events")
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("event_time", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("event_name", "text", (c) => c.notNull())
    .addColumn("record", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_time").on("audit_events").column("event_time").execute();
  await db.schema
    .createIndex("audit_events_name")
    .on("audit_events")
    .columns(["event_name", "event_time"])
    .execute();
}
