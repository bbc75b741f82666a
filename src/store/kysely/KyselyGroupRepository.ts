// IAM groups and their members over Kysely. Names are matched case-insensitively through
// `group_name_lower`, which is also the listing order (AWS lists groups alphabetically).

import type { Kysely, Selectable } from "kysely";
import type { Group } from "../../domain/Group.ts";
import type { User } from "../../domain/User.ts";
import type { GroupRepository, Page, PageRequest } from "../ports.ts";
import type { Database, GroupsTable } from "../schema.ts";
import { countRows } from "./countRows.ts";
import { KyselyGroupPolicyRepository } from "./KyselyIdentityPolicyRepository.ts";
import { toUser } from "./KyselyUserRepository.ts";
import { listByName } from "./listByName.ts";
import { continueAfter, pageOf } from "./pageMarker.ts";

function toGroup(row: Selectable<GroupsTable>): Group {
  return {
    accountId: row.account_id,
    groupId: row.group_id,
    groupName: row.group_name,
    path: row.path,
    arn: row.arn,
    createDate: new Date(row.create_date),
  };
}

export class KyselyGroupRepository implements GroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getByName(accountId: string, groupName: string): Promise<Group | undefined> {
    const row = await this.db
      .selectFrom("groups")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("group_name_lower", "=", groupName.toLowerCase())
      .executeTakeFirst();
    return row && toGroup(row);
  }

  async getById(groupId: string): Promise<Group | undefined> {
    const row = await this.db
      .selectFrom("groups")
      .selectAll()
      .where("group_id", "=", groupId)
      .executeTakeFirst();
    return row && toGroup(row);
  }

  async list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<Group>> {
    const rows = await listByName<Selectable<GroupsTable>>(
      this.db,
      "groups",
      "group_name_lower",
      accountId,
      pathPrefix,
      page,
    );
    return { ...rows, items: rows.items.map(toGroup) };
  }

  count(accountId: string): Promise<number> {
    return countRows(this.db, "groups", "account_id", accountId);
  }

  async create(group: Group): Promise<void> {
    await this.db
      .insertInto("groups")
      .values({
        group_id: group.groupId,
        account_id: group.accountId,
        group_name: group.groupName,
        group_name_lower: group.groupName.toLowerCase(),
        path: group.path,
        arn: group.arn,
        create_date: group.createDate.toISOString(),
      })
      .execute();
  }

  async update(groupId: string, changes: { groupName?: string; path?: string; arn?: string }): Promise<void> {
    const values: Partial<GroupsTable> = {};
    if (changes.groupName !== undefined) {
      values.group_name = changes.groupName;
      values.group_name_lower = changes.groupName.toLowerCase();
    }
    if (changes.path !== undefined) values.path = changes.path;
    if (changes.arn !== undefined) values.arn = changes.arn;
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable("groups").set(values).where("group_id", "=", groupId).execute();
  }

  async delete(groupId: string): Promise<void> {
    await this.db.deleteFrom("groups").where("group_id", "=", groupId).execute();
  }

  async addUser(groupId: string, userId: string, date: Date): Promise<void> {
    const group = await this.db
      .selectFrom("groups")
      .select("account_id")
      .where("group_id", "=", groupId)
      .executeTakeFirstOrThrow();
    const last = await this.db
      .selectFrom("group_members")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("user_id", "=", userId)
      .executeTakeFirst();
    await this.db
      .insertInto("group_members")
      .values({
        group_id: groupId,
        user_id: userId,
        account_id: group.account_id,
        added_date: date.toISOString(),
        position: Number(last?.p ?? 0) + 1,
      })
      .onConflict((oc) => oc.columns(["group_id", "user_id"]).doNothing())
      .execute();
  }

  async removeUser(groupId: string, userId: string): Promise<void> {
    await this.db
      .deleteFrom("group_members")
      .where("group_id", "=", groupId)
      .where("user_id", "=", userId)
      .execute();
  }

  async listUsers(groupId: string, page: PageRequest): Promise<Page<User>> {
    let q = this.db
      .selectFrom("group_members")
      .innerJoin("users", "users.user_id", "group_members.user_id")
      .selectAll("users")
      .where("group_members.group_id", "=", groupId)
      .orderBy("users.user_name_lower")
      .limit(page.maxItems + 1);
    const after = continueAfter(page);
    if (after !== undefined) q = q.where("users.user_name_lower", ">", after);
    return pageOf(await q.execute(), page.maxItems, toUser, (r) => r.user_name_lower);
  }

  async listForUser(userId: string): Promise<Group[]> {
    const rows = await this.db
      .selectFrom("group_members")
      .innerJoin("groups", "groups.group_id", "group_members.group_id")
      .selectAll("groups")
      .where("group_members.user_id", "=", userId)
      .orderBy("group_members.position")
      .execute();
    return rows.map(toGroup);
  }

  async attachments(groupId: string): Promise<{ members: number; policies: number }> {
    return {
      members: await countRows(this.db, "group_members", "group_id", groupId),
      policies: await new KyselyGroupPolicyRepository(this.db).countPolicies(groupId),
    };
  }
}
