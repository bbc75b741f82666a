// Account aliases: at most one per account, unique across every account the server hosts (AWS's
// aliases are globally unique, as they name the account's sign-in URL).

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account_aliases")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.account_id"))
    .addColumn("alias", "text", (c) => c.notNull().unique())
    .execute();
}
