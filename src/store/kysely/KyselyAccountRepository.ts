// Accounts and their aliases over Kysely.

import type { Kysely } from "kysely";
import type { Account } from "../../domain/Account.ts";
import type { AccountRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

function accountOf(row: { account_id: string; create_date: string; alias: string | null }): Account {
  return {
    accountId: row.account_id,
    createDate: new Date(row.create_date),
    ...(row.alias !== null ? { alias: row.alias } : {}),
  };
}

export class KyselyAccountRepository implements AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select() {
    return this.db
      .selectFrom("accounts")
      .leftJoin("account_aliases", "account_aliases.account_id", "accounts.account_id")
      .select(["accounts.account_id", "accounts.create_date", "account_aliases.alias"]);
  }

  async get(accountId: string): Promise<Account | undefined> {
    const row = await this.select().where("accounts.account_id", "=", accountId).executeTakeFirst();
    return row && accountOf(row);
  }

  async create(account: Account): Promise<void> {
    await this.db
      .insertInto("accounts")
      .values({ account_id: account.accountId, create_date: account.createDate.toISOString() })
      .execute();
    if (account.alias !== undefined) await this.setAlias(account.accountId, account.alias);
  }

  async list(): Promise<Account[]> {
    const rows = await this.select().orderBy("accounts.account_id").execute();
    return rows.map(accountOf);
  }

  async findByAlias(alias: string): Promise<Account | undefined> {
    const row = await this.select().where("account_aliases.alias", "=", alias).executeTakeFirst();
    return row && accountOf(row);
  }

  async setAlias(accountId: string, alias: string): Promise<boolean> {
    const holder = await this.db
      .selectFrom("account_aliases")
      .select("account_id")
      .where("alias", "=", alias)
      .executeTakeFirst();
    if (holder && holder.account_id !== accountId) return false;
    await this.db
      .insertInto("account_aliases")
      .values({ account_id: accountId, alias })
      .onConflict((oc) => oc.column("account_id").doUpdateSet({ alias }))
      .execute();
    return true;
  }

  async deleteAlias(accountId: string): Promise<void> {
    await this.db.deleteFrom("account_aliases").where("account_id", "=", accountId).execute();
  }
}
