// The account password policy over Kysely, kept as one JSON document per account.

import type { Kysely } from "kysely";
import type { PasswordPolicy } from "../../domain/PasswordPolicy.ts";
import type { PasswordPolicyRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyPasswordPolicyRepository implements PasswordPolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<PasswordPolicy | undefined> {
    const row = await this.db
      .selectFrom("password_policies")
      .select("policy")
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return row && (JSON.parse(row.policy) as PasswordPolicy);
  }

  async put(accountId: string, policy: PasswordPolicy): Promise<void> {
    const text = JSON.stringify(policy);
    await this.db
      .insertInto("password_policies")
      .values({ account_id: accountId, policy: text })
      .onConflict((oc) => oc.column("account_id").doUpdateSet({ policy: text }))
      .execute();
  }

  async delete(accountId: string): Promise<void> {
    await this.db.deleteFrom("password_policies").where("account_id", "=", accountId).execute();
  }
}
