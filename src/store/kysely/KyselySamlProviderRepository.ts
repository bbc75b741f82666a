// SAML providers over Kysely, with the ids of redeemed assertions (saml_redeemed_assertions),
// each kept until its assertion expires.

import type { Kysely, Selectable } from "kysely";
import type { SamlProvider } from "../../domain/SamlProvider.ts";
import type { SamlProviderRepository } from "../ports.ts";
import type { Database, SamlProvidersTable } from "../schema.ts";
import { countRows } from "./countRows.ts";

function fromRow(row: Selectable<SamlProvidersTable>): SamlProvider {
  return {
    accountId: row.account_id,
    samlProviderId: row.saml_provider_id,
    name: row.name,
    arn: row.arn,
    metadataDocument: row.metadata_document,
    entityId: row.entity_id,
    certificates: JSON.parse(row.certificates) as string[],
    createDate: new Date(row.create_date),
    validUntil: new Date(row.valid_until),
  };
}

export class KyselySamlProviderRepository implements SamlProviderRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getByArn(arn: string): Promise<SamlProvider | undefined> {
    const row = await this.db
      .selectFrom("saml_providers")
      .selectAll()
      .where("arn", "=", arn)
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async list(accountId: string): Promise<SamlProvider[]> {
    const rows = await this.db
      .selectFrom("saml_providers")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("arn")
      .execute();
    return rows.map(fromRow);
  }

  count(accountId: string): Promise<number> {
    return countRows(this.db, "saml_providers", "account_id", accountId);
  }

  async create(p: SamlProvider): Promise<void> {
    await this.db
      .insertInto("saml_providers")
      .values({
        saml_provider_id: p.samlProviderId,
        account_id: p.accountId,
        name: p.name,
        arn: p.arn,
        metadata_document: p.metadataDocument,
        entity_id: p.entityId,
        certificates: JSON.stringify(p.certificates),
        create_date: p.createDate.toISOString(),
        valid_until: p.validUntil.toISOString(),
      })
      .execute();
  }

  async updateMetadata(
    samlProviderId: string,
    change: Pick<SamlProvider, "metadataDocument" | "entityId" | "certificates" | "validUntil">,
  ): Promise<void> {
    await this.db
      .updateTable("saml_providers")
      .set({
        metadata_document: change.metadataDocument,
        entity_id: change.entityId,
        certificates: JSON.stringify(change.certificates),
        valid_until: change.validUntil.toISOString(),
      })
      .where("saml_provider_id", "=", samlProviderId)
      .execute();
  }

  async delete(samlProviderId: string): Promise<void> {
    await this.db.deleteFrom("tags").where("resource_id", "=", samlProviderId).execute();
    await this.db
      .deleteFrom("saml_redeemed_assertions")
      .where("saml_provider_id", "=", samlProviderId)
      .execute();
    await this.db.deleteFrom("saml_providers").where("saml_provider_id", "=", samlProviderId).execute();
  }

  async redeemAssertion(
    samlProviderId: string,
    assertionId: string,
    expiresAt: Date,
    now: Date,
  ): Promise<boolean> {
    await this.db
      .deleteFrom("saml_redeemed_assertions")
      .where("expires_at", "<=", now.toISOString())
      .execute();
    // One statement decides: of two racing redemptions the primary key lets one insert.
    const inserted = await this.db
      .insertInto("saml_redeemed_assertions")
      .values({
        saml_provider_id: samlProviderId,
        assertion_id: assertionId,
        expires_at: expiresAt.toISOString(),
      })
      .onConflict((oc) => oc.columns(["saml_provider_id", "assertion_id"]).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
