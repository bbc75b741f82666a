// Customer-managed policies and their versions over Kysely.

import type { Kysely, Selectable } from "kysely";
import type { ManagedPolicy, PolicyVersion } from "../../domain/ManagedPolicy.ts";
import type { ManagedPolicyRepository } from "../ports.ts";
import type { Database, ManagedPoliciesTable } from "../schema.ts";

function toPolicy(row: Selectable<ManagedPoliciesTable>): ManagedPolicy {
  return {
    accountId: row.account_id,
    policyId: row.policy_id,
    policyName: row.policy_name,
    path: row.path,
    arn: row.arn,
    defaultVersionId: row.default_version_id,
    ...(row.description !== null ? { description: row.description } : {}),
    createDate: new Date(row.create_date),
    updateDate: new Date(row.update_date),
  };
}

export class KyselyManagedPolicyRepository implements ManagedPolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getByArn(arn: string): Promise<ManagedPolicy | undefined> {
    const row = await this.db
      .selectFrom("managed_policies")
      .selectAll()
      .where("arn", "=", arn)
      .executeTakeFirst();
    return row && toPolicy(row);
  }

  async list(accountId: string, pathPrefix: string): Promise<ManagedPolicy[]> {
    let q = this.db
      .selectFrom("managed_policies")
      .selectAll()
      .where("account_id", "=", accountId)
      .orderBy("policy_name_lower");
    if (pathPrefix !== "/") q = q.where("path", ">=", pathPrefix).where("path", "<", `${pathPrefix}\uffff`);
    return (await q.execute()).map(toPolicy);
  }

  async create(policy: ManagedPolicy, firstVersion: PolicyVersion): Promise<void> {
    await this.db
      .insertInto("managed_policies")
      .values({
        arn: policy.arn,
        policy_id: policy.policyId,
        account_id: policy.accountId,
        policy_name: policy.policyName,
        policy_name_lower: policy.policyName.toLowerCase(),
        path: policy.path,
        default_version_id: policy.defaultVersionId,
        description: policy.description ?? null,
        create_date: policy.createDate.toISOString(),
        update_date: policy.updateDate.toISOString(),
        last_version_number: 1,
      })
      .execute();
    await this.createVersion(firstVersion);
  }

  async delete(arn: string): Promise<void> {
    const row = await this.db
      .selectFrom("managed_policies")
      .select("policy_id")
      .where("arn", "=", arn)
      .executeTakeFirst();
    if (row) await this.db.deleteFrom("tags").where("resource_id", "=", row.policy_id).execute();
    await this.db.deleteFrom("policy_versions").where("policy_arn", "=", arn).execute();
    await this.db.deleteFrom("managed_policies").where("arn", "=", arn).execute();
  }

  async listVersions(arn: string): Promise<PolicyVersion[]> {
    const policy = await this.getByArn(arn);
    if (!policy) return [];
    const rows = await this.db
      .selectFrom("policy_versions")
      .selectAll()
      .where("policy_arn", "=", arn)
      .orderBy("create_date", "desc")
      .execute();
    return rows.map((r) => ({
      policyArn: r.policy_arn,
      versionId: r.version_id,
      document: r.document,
      isDefaultVersion: r.version_id === policy.defaultVersionId,
      createDate: new Date(r.create_date),
    }));
  }

  async getVersion(arn: string, versionId: string): Promise<PolicyVersion | undefined> {
    const row = await this.db
      .selectFrom("policy_versions as v")
      .innerJoin("managed_policies as p", "p.arn", "v.policy_arn")
      .select(["v.policy_arn", "v.version_id", "v.document", "v.create_date", "p.default_version_id"])
      .where("v.policy_arn", "=", arn)
      .where("v.version_id", "=", versionId)
      .executeTakeFirst();
    return (
      row && {
        policyArn: row.policy_arn,
        versionId: row.version_id,
        document: row.document,
        isDefaultVersion: row.version_id === row.default_version_id,
        createDate: new Date(row.create_date),
      }
    );
  }

  async getDefaultDocument(arn: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("policy_versions as v")
      .innerJoin("managed_policies as p", (j) =>
        j.onRef("p.arn", "=", "v.policy_arn").onRef("p.default_version_id", "=", "v.version_id"),
      )
      .select("v.document")
      .where("p.arn", "=", arn)
      .executeTakeFirst();
    return row?.document;
  }

  async createVersion(version: PolicyVersion): Promise<void> {
    await this.db
      .insertInto("policy_versions")
      .values({
        policy_arn: version.policyArn,
        version_id: version.versionId,
        document: version.document,
        create_date: version.createDate.toISOString(),
      })
      .execute();
    const number = Number(version.versionId.slice(1));
    await this.db
      .updateTable("managed_policies")
      .set({ last_version_number: number })
      .where("arn", "=", version.policyArn)
      .where("last_version_number", "<", number)
      .execute();
  }

  async deleteVersion(arn: string, versionId: string): Promise<void> {
    await this.db
      .deleteFrom("policy_versions")
      .where("policy_arn", "=", arn)
      .where("version_id", "=", versionId)
      .execute();
  }

  async setDefaultVersion(arn: string, versionId: string, updateDate: Date): Promise<void> {
    await this.db
      .updateTable("managed_policies")
      .set({ default_version_id: versionId, update_date: updateDate.toISOString() })
      .where("arn", "=", arn)
      .execute();
  }

  async lastVersionNumber(arn: string): Promise<number> {
    const row = await this.db
      .selectFrom("managed_policies")
      .select("last_version_number")
      .where("arn", "=", arn)
      .executeTakeFirst();
    return Number(row?.last_version_number ?? 0);
  }
}
