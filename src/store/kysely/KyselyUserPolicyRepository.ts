// A user's inline policies and managed-policy attachments over Kysely.

import type { Kysely } from "kysely";
import type { InlinePolicy } from "../../domain/ManagedPolicy.ts";
import type { UserPolicyRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyUserPolicyRepository implements UserPolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async putInline(userId: string, policy: InlinePolicy): Promise<void> {
    await this.db
      .insertInto("user_inline_policies")
      .values({ user_id: userId, policy_name: policy.policyName, document: policy.document })
      .onConflict((oc) => oc.columns(["user_id", "policy_name"]).doUpdateSet({ document: policy.document }))
      .execute();
  }

  async getInline(userId: string, policyName: string): Promise<InlinePolicy | undefined> {
    const row = await this.db
      .selectFrom("user_inline_policies")
      .select(["policy_name", "document"])
      .where("user_id", "=", userId)
      .where("policy_name", "=", policyName)
      .executeTakeFirst();
    return row && { policyName: row.policy_name, document: row.document };
  }

  async listInline(userId: string): Promise<InlinePolicy[]> {
    const rows = await this.db
      .selectFrom("user_inline_policies")
      .select(["policy_name", "document"])
      .where("user_id", "=", userId)
      .orderBy("policy_name")
      .execute();
    return rows.map((r) => ({ policyName: r.policy_name, document: r.document }));
  }

  async deleteInline(userId: string, policyName: string): Promise<void> {
    await this.db
      .deleteFrom("user_inline_policies")
      .where("user_id", "=", userId)
      .where("policy_name", "=", policyName)
      .execute();
  }

  async attach(userId: string, policyArn: string, date: Date): Promise<void> {
    const user = await this.db
      .selectFrom("users")
      .select("account_id")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto("user_policy_attachments")
      .values({
        user_id: userId,
        account_id: user.account_id,
        policy_arn: policyArn,
        attach_date: date.toISOString(),
      })
      .onConflict((oc) => oc.columns(["user_id", "policy_arn"]).doNothing())
      .execute();
  }

  async detach(userId: string, policyArn: string): Promise<void> {
    await this.db
      .deleteFrom("user_policy_attachments")
      .where("user_id", "=", userId)
      .where("policy_arn", "=", policyArn)
      .execute();
  }

  async listAttached(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("user_policy_attachments")
      .select("policy_arn")
      .where("user_id", "=", userId)
      .orderBy("attach_date")
      .orderBy("policy_arn")
      .execute();
    return rows.map((r) => r.policy_arn);
  }

  async usersWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("user_policy_attachments")
      .select("user_id")
      .where("policy_arn", "=", policyArn)
      .where("account_id", "=", accountId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  async usersWithBoundary(accountId: string, policyArn: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("users")
      .select("user_id")
      .where("account_id", "=", accountId)
      .where("permissions_boundary_arn", "=", policyArn)
      .execute();
    return rows.map((r) => r.user_id);
  }
}
