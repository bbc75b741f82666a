// A user's inline policies and managed-policy attachments over Kysely; boundaries live on the
// user row.

import type { Kysely } from "kysely";
import type { UserPolicyRepository } from "../ports.ts";
import type { Database } from "../schema.ts";
import { KyselyIdentityPolicyRepository } from "./KyselyIdentityPolicyRepository.ts";

export class KyselyUserPolicyRepository
  extends KyselyIdentityPolicyRepository
  implements UserPolicyRepository
{
  constructor(db: Kysely<Database>) {
    super(db, {
      owners: "users",
      ownerColumn: "user_id",
      inline: "user_inline_policies",
      attachments: "user_policy_attachments",
    });
  }

  usersWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    return this.ownersWithAttached(accountId, policyArn);
  }

  async usersWithBoundary(accountId: string, policyArn: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("users")
      .select("user_id")
      .where("account_id", "=", accountId)
      .where("permissions_boundary_arn", "=", policyArn)
      .execute();
    return rows.map((r) => r.user_id as string);
  }
}
