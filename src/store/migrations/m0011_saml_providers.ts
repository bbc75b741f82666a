// SAML identity providers (the uploaded metadata and what was read from it), and the assertion
// ids already redeemed through AssumeRoleWithSAML, kept until the assertion expires, so an
// assertion is accepted once.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("saml_providers")
    .addColumn("saml_provider_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("arn", "text", (c) => c.notNull().unique())
    .addColumn("metadata_document", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("certificates", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addColumn("valid_until", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("saml_providers_account").on("saml_providers").column("account_id").execute();
  await db.schema
    .createTable("saml_redeemed_assertions")
    .addColumn("saml_provider_id", "text", (c) => c.notNull())
    .addColumn("assertion_id", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("saml_redeemed_assertions_pk", ["saml_provider_id", "assertion_id"])
    .execute();
  await db.schema
    .createIndex("saml_redeemed_assertions_expiry")
    .on("saml_redeemed_assertions")
    .column("expires_at")
    .execute();
}
