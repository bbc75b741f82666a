// IAM OpenID Connect identity providers, keyed by ARN (unique per account by construction: the
// ARN carries the account and the issuer). Client ids and thumbprints are short, bounded lists
// (100 and 5), kept as JSON arrays on the row; tags live in the shared tags table under the ARN.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("oidc_providers")
    .addColumn("arn", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("client_ids", "text", (c) => c.notNull())
    .addColumn("thumbprints", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("oidc_providers_account").on("oidc_providers").column("account_id").execute();
}
