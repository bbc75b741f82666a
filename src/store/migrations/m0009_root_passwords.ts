// The account root's console password (one per account), which IAM itself does not manage.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("root_passwords")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.account_id"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("password_changed_date", "text", (c) => c.notNull())
    .addColumn("password_last_used", "text")
    .execute();
}
