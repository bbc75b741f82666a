// Roles with their inline policies and managed-policy attachments, and instance profiles with
// the roles they hold. A role's trust policy, boundary and last use live on its row.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("roles")
    .addColumn("role_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("role_name", "text", (c) => c.notNull())
    .addColumn("role_name_lower", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("arn", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addColumn("assume_role_policy_document", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("max_session_duration", "integer", (c) => c.notNull())
    .addColumn("permissions_boundary_arn", "text")
    .addColumn("last_used_date", "text")
    .addColumn("last_used_region", "text")
    .addUniqueConstraint("roles_account_name", ["account_id", "role_name_lower"])
    .execute();

  await db.schema
    .createTable("role_inline_policies")
    .addColumn("role_id", "text", (c) => c.notNull().references("roles.role_id"))
    .addColumn("policy_name", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("role_inline_policies_pk", ["role_id", "policy_name"])
    .execute();

  // policy_arn is not a foreign key: AWS-managed policies are not rows, they ship as data.
  await db.schema
    .createTable("role_policy_attachments")
    .addColumn("role_id", "text", (c) => c.notNull().references("roles.role_id"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("policy_arn", "text", (c) => c.notNull())
    .addColumn("attach_date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("role_policy_attachments_pk", ["role_id", "policy_arn"])
    .execute();
  await db.schema
    .createIndex("role_policy_attachments_policy")
    .on("role_policy_attachments")
    .columns(["policy_arn", "account_id"])
    .execute();

  await db.schema
    .createTable("instance_profiles")
    .addColumn("instance_profile_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("instance_profile_name", "text", (c) => c.notNull())
    .addColumn("instance_profile_name_lower", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("arn", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    .addUniqueConstraint("instance_profiles_account_name", ["account_id", "instance_profile_name_lower"])
    .execute();

  await db.schema
    .createTable("instance_profile_roles")
    .addColumn("instance_profile_id", "text", (c) =>
      c.notNull().references("instance_profiles.instance_profile_id"),
    )
    .addColumn("role_id", "text", (c) => c.notNull().references("roles.role_id"))
    .addColumn("add_date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("instance_profile_roles_pk", ["instance_profile_id", "role_id"])
    .execute();
  await db.schema
    .createIndex("instance_profile_roles_role")
    .on("instance_profile_roles")
    .column("role_id")
    .execute();
}
