// FIDO security keys (WebAuthn) as MFA devices: a device row whose security_key holds the
// credential's id, public key and signature counter, and whose seed is empty (it has none).

import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mfa_devices").addColumn("security_key", "text").execute();
}
