// The account root's console password over Kysely: one sealed hash per account.

import type { Kysely } from "kysely";
import type { RootPassword } from "../../domain/RootPassword.ts";
import type { RootPasswordRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyRootPasswordRepository implements RootPasswordRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<RootPassword | undefined> {
    const row = await this.db
      .selectFrom("root_passwords")
      .selectAll()
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      accountId: row.account_id,
      passwordHash: row.password_hash,
      passwordChangedDate: new Date(row.password_changed_date),
      ...(row.password_last_used ? { passwordLastUsed: new Date(row.password_last_used) } : {}),
    };
  }

  async put(accountId: string, passwordHash: string, changedDate: Date): Promise<void> {
    const values = { password_hash: passwordHash, password_changed_date: changedDate.toISOString() };
    await this.db
      .insertInto("root_passwords")
      .values({ account_id: accountId, ...values, password_last_used: null })
      .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
      .execute();
  }

  async recordUse(accountId: string, at: Date): Promise<void> {
    await this.db
      .updateTable("root_passwords")
      .set({ password_last_used: at.toISOString() })
      .where("account_id", "=", accountId)
      .execute();
  }
}
