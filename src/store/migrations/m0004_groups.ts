// IAM groups: the groups themselves, their members, and what is attached to them (inline
// policies and managed-policy attachments), laid out as m0003 lays out a user's policies.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("groups")
    .addColumn("group_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("group_name", "text", (c) => c.notNull())
    .addColumn("group_name_lower", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("arn", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addUniqueConstraint("groups_account_name", ["account_id", "group_name_lower"])
    .execute();

  await db.schema
    .createTable("group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.group_id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.user_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("added_date", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("group_members_pk", ["group_id", "user_id"])
    .execute();
  await db.schema.createIndex("group_members_user").on("group_members").columns(["user_id"]).execute();

  await db.schema
    .createTable("group_inline_policies")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.group_id"))
    .addColumn("policy_name", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("group_inline_policies_pk", ["group_id", "policy_name"])
    .execute();

  // policy_arn is not a foreign key: AWS-managed policies are not rows, they ship as data.
  await db.schema
    .createTable("group_policy_attachments")
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.group_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("policy_arn", "text", (c) => c.notNull())
    .addColumn("attach_date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("group_policy_attachments_pk", ["group_id", "policy_arn"])
    .execute();
  await db.schema
    .createIndex("group_policy_attachments_policy")
    .on("group_policy_attachments")
    .columns(["policy_arn", "account_id"])
    .execute();
}
