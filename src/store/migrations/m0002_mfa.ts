// Virtual MFA devices and the counters that throttle failed MFA codes.

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mfa_devices")
    .addColumn("serial_number", "text", (c) => c.primaryKey())
    // Serial numbers are ARNs built from names, which IAM compares without regard to case.
    .addColumn("serial_number_lower", "text", (c) => c.notNull().unique())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.account_id"))
    .addColumn("device_name", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("seed_sealed", "text", (c) => c.notNull())
    .addColumn("create_date", "text", (c) => c.notNull())
    // Assignment: a user (user_id) or the account's root (assigned_to_root = 1), or neither.
    .addColumn("user_id", "text", (c) => c.references("users.user_id"))
    .addColumn("assigned_to_root", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("enable_date", "text")
    .addColumn("last_used_step", "integer")
    .addColumn("drift_steps", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("mfa_devices_user").on("mfa_devices").column("user_id").execute();
  await db.schema.createIndex("mfa_devices_account").on("mfa_devices").column("account_id").execute();

  // One row per throttling scope (a device, a user per window length): failures counted since
  // window_start. Written in the failing request's own transaction, which commits.
  await db.schema
    .createTable("mfa_code_failures")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .execute();
}
