// Login profiles (password hashes and the previous hashes PasswordReusePrevention remembers), the
// account password policy, SSH public keys, signing certificates, and the stored credential report.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_profiles")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.user_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addColumn("password_changed_date", "text", (c) => c.notNull())
    .addColumn("password_reset_required", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("password_history")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("password_history_pk", ["user_id", "position"])
    .execute();
  await db.schema
    .createTable("password_policies")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.account_id"))
    .addColumn("policy", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("ssh_public_keys")
    .addColumn("ssh_public_key_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("ssh_body", "text", (c) => c.notNull())
    .addColumn("pem_body", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("upload_date", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ssh_public_keys_user").on("ssh_public_keys").column("user_id").execute();
  await db.schema
    .createTable("signing_certificates")
    .addColumn("certificate_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("certificate_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("upload_date", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("signing_certificates_user")
    .on("signing_certificates")
    .column("user_id")
    .execute();
  await db.schema
    .createTable("credential_reports")
    .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.account_id"))
    .addColumn("generated_time", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .execute();
}
