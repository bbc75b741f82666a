// The last credential report of each account over Kysely, with its generation time.

import type { Kysely } from "kysely";
import type { CredentialReportRepository, StoredCredentialReport } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyCredentialReportRepository implements CredentialReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(accountId: string): Promise<StoredCredentialReport | undefined> {
    const row = await this.db
      .selectFrom("credential_reports")
      .selectAll()
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return row && { generatedTime: new Date(row.generated_time), content: row.content };
  }

  async put(accountId: string, report: StoredCredentialReport): Promise<void> {
    const values = { generated_time: report.generatedTime.toISOString(), content: report.content };
    await this.db
      .insertInto("credential_reports")
      .values({ account_id: accountId, ...values })
      .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
      .execute();
  }
}
