// IAM OpenID Connect providers over Kysely. Client ids and thumbprints are JSON arrays on the row.

import type { Kysely, Selectable } from "kysely";
import type { OidcProvider } from "../../domain/OidcProvider.ts";
import type { OidcProviderRepository } from "../ports.ts";
import type { Database, OidcProvidersTable } from "../schema.ts";
import { countRows } from "./countRows.ts";

function fromRow(row: Selectable<OidcProvidersTable>): OidcProvider {
  return {
    accountId: row.account_id,
    arn: row.arn,
    issuer: row.issuer,
    clientIds: JSON.parse(row.client_ids) as string[],
    thumbprints: JSON.parse(row.thumbprints) as string[],
    createDate: new Date(row.create_date),
  };
}

export class KyselyOidcProviderRepository implements OidcProviderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(arn: string): Promise<OidcProvider | undefined> {
    const row = await this.db
      .selectFrom("oidc_providers")
      .selectAll()
      .where("arn", "=", arn)
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async list(accountId: string): Promise<OidcProvider[]> {
    const rows = await this.db
      .selectFrom("oidc_providers")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("arn")
      .execute();
    return rows.map(fromRow);
  }

  async create(provider: OidcProvider, maxPerAccount: number): Promise<boolean> {
    if ((await countRows(this.db, "oidc_providers", "account_id", provider.accountId)) >= maxPerAccount)
      return false;
    await this.db
      .insertInto("oidc_providers")
      .values({
        arn: provider.arn,
        account_id: provider.accountId,
        issuer: provider.issuer,
        client_ids: JSON.stringify(provider.clientIds),
        thumbprints: JSON.stringify(provider.thumbprints),
        create_date: provider.createDate.toISOString(),
      })
      .execute();
    return true;
  }

  async update(
    arn: string,
    changes: { clientIds?: readonly string[]; thumbprints?: readonly string[] },
  ): Promise<void> {
    const set: Partial<Pick<OidcProvidersTable, "client_ids" | "thumbprints">> = {};
    if (changes.clientIds) set.client_ids = JSON.stringify(changes.clientIds);
    if (changes.thumbprints) set.thumbprints = JSON.stringify(changes.thumbprints);
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable("oidc_providers").set(set).where("arn", "=", arn).execute();
  }

  async delete(arn: string): Promise<void> {
    await this.db.deleteFrom("tags").where("resource_id", "=", arn).execute();
    await this.db.deleteFrom("oidc_providers").where("arn", "=", arn).execute();
  }
}
