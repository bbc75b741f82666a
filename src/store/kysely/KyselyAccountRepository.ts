// Accounts over Kysely.

import type { Kysely } from "kysely";
import type { Account } from "../../domain/Account.ts";
import type { AccountRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyAccountRepository implements AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<Account | undefined> {
    const row = await this.db
      .selectFrom("accounts")
      .selectAll()
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return row && { accountId: row.account_id, createDate: new Date(row.create_date) };
  }

  async create(account: Account): Promise<void> {
    await this.db
      .insertInto("accounts")
      .values({ account_id: account.accountId, create_date: account.createDate.toISOString() })
      .execute();
  }

  async list(): Promise<Account[]> {
    const rows = await this.db.selectFrom("accounts").selectAll().orderBy("account_id").execute();
    return rows.map((r) => ({ accountId: r.account_id, createDate: new Date(r.create_date) }));
  }
}
