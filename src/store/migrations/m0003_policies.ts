// Managed policies with their versions, and what is attached to users: inline policies and
// managed-policy attachments. Permissions boundaries live on the user row (m0001).

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("managed_policies")
    .addColumn("arn", "text", (c) => c.primaryKey())
    .addColumn("policy_id", "text", (c) => c.notNull().unique())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("policy_name", "text", (c) => c.notNull())
    .addColumn("policy_name_lower", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("default_version_id", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("create_date", "text", (c) => c.notNull())
    .addColumn("update_date", "text", (c) => c.notNull())
    .addColumn("last_version_number", "integer", (c) => c.notNull())
    .addUniqueConstraint("managed_policies_account_name", ["account_id", "policy_name_lower"])
    .execute();

  await db.schema
    .createTable("policy_versions")
    .addColumn("policy_arn", "text", (c) => c.notNull().references("managed_policies.arn"))
    .addColumn("version_id", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("policy_versions_pk", ["policy_arn", "version_id"])
    .execute();

  await db.schema
    .createTable("user_inline_policies")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
    .addColumn("policy_name", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_inline_policies_pk", ["user_id", "policy_name"])
    .execute();

  // policy_arn is not a foreign key: AWS-managed policies are not rows, they ship as data.
  await db.schema
    .createTable("user_policy_attachments")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("policy_arn", "text", (c) => c.notNull())
    .addColumn("attach_date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_policy_attachments_pk", ["user_id", "policy_arn"])
    .execute();
  await db.schema
    .createIndex("user_policy_attachments_policy")
    .on("user_policy_attachments")
    .columns(["policy_arn", "account_id"])
    .execute();
}
