// The policies of one kind of identity (users, groups, roles) over Kysely: inline policies and
// managed-policy attachments. One implementation, parameterised by the identity's tables and id
// column, so every identity kind gets the same semantics.

import type { Kysely } from "kysely";
import type { InlinePolicy } from "../../domain/ManagedPolicy.ts";
import type {
  GroupPolicyRepository,
  IdentityPolicyRepository,
  RolePolicyRepository,
  UserPolicyRepository,
} from "../ports.ts";
import type { Database } from "../schema.ts";
import { countRows } from "./countRows.ts";
import { type LooseDatabase, loosely } from "./looseDatabase.ts";

export interface IdentityPolicyTables {
  /** The identities' own table, holding `account_id` and `permissions_boundary_arn`. */
  readonly identities: keyof Database;
  /** (idColumn, policy_name, document). */
  readonly inline: keyof Database;
  /** (idColumn, account_id, policy_arn, attach_date). */
  readonly attachments: keyof Database;
  readonly idColumn: string;
}

export class KyselyIdentityPolicyRepository implements IdentityPolicyRepository {
  private readonly db: Kysely<LooseDatabase>;

  constructor(
    private readonly typedDb: Kysely<Database>,
    private readonly tables: IdentityPolicyTables,
  ) {
    this.db = loosely(typedDb);
  }

  async putInline(identityId: string, policy: InlinePolicy): Promise<void> {
    const { inline, idColumn } = this.tables;
    await this.db
      .insertInto(inline)
      .values({ [idColumn]: identityId, policy_name: policy.policyName, document: policy.document })
      .onConflict((oc) => oc.columns([idColumn, "policy_name"]).doUpdateSet({ document: policy.document }))
      .execute();
  }

  async getInline(identityId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const { inline, idColumn } = this.tables;
    const row = await this.db
      .selectFrom(inline)
      .select(["policy_name", "document"])
      .where(idColumn, "=", identityId)
      .where("policy_name", "=", policyName)
      .executeTakeFirst();
    return row && { policyName: String(row.policy_name), document: String(row.document) };
  }

  async listInline(identityId: string): Promise<InlinePolicy[]> {
    const { inline, idColumn } = this.tables;
    const rows = await this.db
      .selectFrom(inline)
      .select(["policy_name", "document"])
      .where(idColumn, "=", identityId)
      .orderBy("policy_name")
      .execute();
    return rows.map((r) => ({ policyName: String(r.policy_name), document: String(r.document) }));
  }

  async deleteInline(identityId: string, policyName: string): Promise<void> {
    const { inline, idColumn } = this.tables;
    await this.db
      .deleteFrom(inline)
      .where(idColumn, "=", identityId)
      .where("policy_name", "=", policyName)
      .execute();
  }

  async attach(identityId: string, policyArn: string, date: Date): Promise<void> {
    const { identities, attachments, idColumn } = this.tables;
    const owner = await this.db
      .selectFrom(identities)
      .select("account_id")
      .where(idColumn, "=", identityId)
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto(attachments)
      .values({
        [idColumn]: identityId,
        account_id: owner.account_id ?? null,
        policy_arn: policyArn,
        attach_date: date.toISOString(),
      })
      .onConflict((oc) => oc.columns([idColumn, "policy_arn"]).doNothing())
      .execute();
  }

  async detach(identityId: string, policyArn: string): Promise<void> {
    const { attachments, idColumn } = this.tables;
    await this.db
      .deleteFrom(attachments)
      .where(idColumn, "=", identityId)
      .where("policy_arn", "=", policyArn)
      .execute();
  }

  async listAttached(identityId: string): Promise<string[]> {
    const { attachments, idColumn } = this.tables;
    const rows = await this.db
      .selectFrom(attachments)
      .select("policy_arn")
      .where(idColumn, "=", identityId)
      .orderBy("attach_date")
      .orderBy("policy_arn")
      .execute();
    return rows.map((r) => String(r.policy_arn));
  }

  /** How many policies the identity holds, inline and attached together (what blocks its deletion). */
  async countPolicies(identityId: string): Promise<number> {
    const { inline, attachments, idColumn } = this.tables;
    return (
      (await countRows(this.typedDb, inline, idColumn, identityId)) +
      (await countRows(this.typedDb, attachments, idColumn, identityId))
    );
  }

  /** Ids of the account's identities that have this managed policy attached. */
  protected async withAttached(accountId: string, policyArn: string): Promise<string[]> {
    const { attachments, idColumn } = this.tables;
    const rows = await this.db
      .selectFrom(attachments)
      .select(idColumn)
      .where("policy_arn", "=", policyArn)
      .where("account_id", "=", accountId)
      .execute();
    return rows.map((r) => String(r[idColumn]));
  }

  /** Ids of the account's identities whose permissions boundary is this policy. */
  protected async withBoundary(accountId: string, policyArn: string): Promise<string[]> {
    const { identities, idColumn } = this.tables;
    const rows = await this.db
      .selectFrom(identities)
      .select(idColumn)
      .where("account_id", "=", accountId)
      .where("permissions_boundary_arn", "=", policyArn)
      .execute();
    return rows.map((r) => String(r[idColumn]));
  }
}

export class KyselyUserPolicyRepository
  extends KyselyIdentityPolicyRepository
  implements UserPolicyRepository
{
  constructor(db: Kysely<Database>) {
    super(db, {
      identities: "users",
      inline: "user_inline_policies",
      attachments: "user_policy_attachments",
      idColumn: "user_id",
    });
  }

  usersWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    return this.withAttached(accountId, policyArn);
  }

  usersWithBoundary(accountId: string, policyArn: string): Promise<string[]> {
    return this.withBoundary(accountId, policyArn);
  }
}

export class KyselyRolePolicyRepository
  extends KyselyIdentityPolicyRepository
  implements RolePolicyRepository
{
  constructor(db: Kysely<Database>) {
    super(db, {
      identities: "roles",
      inline: "role_inline_policies",
      attachments: "role_policy_attachments",
      idColumn: "role_id",
    });
  }

  rolesWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    return this.withAttached(accountId, policyArn);
  }

  rolesWithBoundary(accountId: string, policyArn: string): Promise<string[]> {
    return this.withBoundary(accountId, policyArn);
  }
}

export class KyselyGroupPolicyRepository
  extends KyselyIdentityPolicyRepository
  implements GroupPolicyRepository
{
  constructor(db: Kysely<Database>) {
    super(db, {
      identities: "groups",
      inline: "group_inline_policies",
      attachments: "group_policy_attachments",
      idColumn: "group_id",
    });
  }

  groupsWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    return this.withAttached(accountId, policyArn);
  }
}
