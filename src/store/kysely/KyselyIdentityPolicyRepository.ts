// Inline policies and managed-policy attachments of one kind of identity (users, groups; roles
// next) over Kysely: the tables differ only in their names and the owner column, so one
// repository serves them all, parameterised by those names.

import type { Kysely } from "kysely";
import type { InlinePolicy } from "../../domain/ManagedPolicy.ts";
import type { IdentityPolicyRepository } from "../ports.ts";
import type { Database } from "../schema.ts";
import { countRows } from "./countRows.ts";

/** Where one identity kind keeps its policies. */
export interface IdentityPolicyTables {
  /** The identity's own table, which holds its account_id. */
  readonly owners: keyof Database;
  /** The owner id column, the same in all three tables. */
  readonly ownerColumn: string;
  readonly inline: keyof Database;
  readonly attachments: keyof Database;
}

export class KyselyIdentityPolicyRepository implements IdentityPolicyRepository {
  // The table and column names are data here, which Kysely's typed builder cannot follow; every
  // name comes from the fixed `IdentityPolicyTables` of a subclass, never from input.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  protected readonly db: Kysely<any>;

  constructor(
    db: Kysely<Database>,
    protected readonly tables: IdentityPolicyTables,
  ) {
    this.db = db;
  }

  async putInline(ownerId: string, policy: InlinePolicy): Promise<void> {
    const { inline, ownerColumn } = this.tables;
    await this.db
      .insertInto(inline)
      .values({ [ownerColumn]: ownerId, policy_name: policy.policyName, document: policy.document })
      .onConflict((oc) => oc.columns([ownerColumn, "policy_name"]).doUpdateSet({ document: policy.document }))
      .execute();
  }

  async getInline(ownerId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const row = await this.db
      .selectFrom(this.tables.inline)
      .select(["policy_name", "document"])
      .where(this.tables.ownerColumn, "=", ownerId)
      .where("policy_name", "=", policyName)
      .executeTakeFirst();
    return row && { policyName: row.policy_name, document: row.document };
  }

  async listInline(ownerId: string): Promise<InlinePolicy[]> {
    const rows = await this.db
      .selectFrom(this.tables.inline)
      .select(["policy_name", "document"])
      .where(this.tables.ownerColumn, "=", ownerId)
      .orderBy("policy_name")
      .execute();
    return rows.map((r) => ({ policyName: r.policy_name, document: r.document }));
  }

  async deleteInline(ownerId: string, policyName: string): Promise<void> {
    await this.db
      .deleteFrom(this.tables.inline)
      .where(this.tables.ownerColumn, "=", ownerId)
      .where("policy_name", "=", policyName)
      .execute();
  }

  async attach(ownerId: string, policyArn: string, date: Date): Promise<void> {
    const { owners, ownerColumn, attachments } = this.tables;
    const owner = await this.db
      .selectFrom(owners)
      .select("account_id")
      .where(ownerColumn, "=", ownerId)
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto(attachments)
      .values({
        [ownerColumn]: ownerId,
        account_id: owner.account_id,
        policy_arn: policyArn,
        attach_date: date.toISOString(),
      })
      .onConflict((oc) => oc.columns([ownerColumn, "policy_arn"]).doNothing())
      .execute();
  }

  async detach(ownerId: string, policyArn: string): Promise<void> {
    await this.db
      .deleteFrom(this.tables.attachments)
      .where(this.tables.ownerColumn, "=", ownerId)
      .where("policy_arn", "=", policyArn)
      .execute();
  }

  async listAttached(ownerId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom(this.tables.attachments)
      .select("policy_arn")
      .where(this.tables.ownerColumn, "=", ownerId)
      .orderBy("attach_date")
      .orderBy("policy_arn")
      .execute();
    return rows.map((r) => r.policy_arn as string);
  }

  /** Owner ids (of one account) that have this managed policy attached. */
  protected async ownersWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    const { attachments, ownerColumn } = this.tables;
    const rows = await this.db
      .selectFrom(attachments)
      .select(ownerColumn)
      .where("policy_arn", "=", policyArn)
      .where("account_id", "=", accountId)
      .execute();
    return rows.map((r) => r[ownerColumn] as string);
  }

  /** How many inline and attached policies the owner has, for the checks that block deletion. */
  async countPolicies(ownerId: string): Promise<number> {
    const { inline, attachments, ownerColumn } = this.tables;
    return (
      (await countRows(this.db, inline, ownerColumn, ownerId)) +
      (await countRows(this.db, attachments, ownerColumn, ownerId))
    );
  }
}
