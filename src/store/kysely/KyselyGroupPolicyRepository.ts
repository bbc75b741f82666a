// A group's inline policies and managed-policy attachments over Kysely.

import type { Kysely } from "kysely";
import type { GroupPolicyRepository } from "../ports.ts";
import type { Database } from "../schema.ts";
import { KyselyIdentityPolicyRepository } from "./KyselyIdentityPolicyRepository.ts";

export class KyselyGroupPolicyRepository
  extends KyselyIdentityPolicyRepository
  implements GroupPolicyRepository
{
  constructor(db: Kysely<Database>) {
    super(db, {
      owners: "groups",
      ownerColumn: "group_id",
      inline: "group_inline_policies",
      attachments: "group_policy_attachments",
    });
  }

  groupsWithAttached(accountId: string, policyArn: string): Promise<string[]> {
    return this.ownersWithAttached(accountId, policyArn);
  }
}
