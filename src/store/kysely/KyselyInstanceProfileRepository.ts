// Instance profiles over Kysely, with the roles they hold (instance_profile_roles, in the order
// they were added). Names are matched case-insensitively through `instance_profile_name_lower`.

import type { Kysely, Selectable } from "kysely";
import type { InstanceProfile } from "../../domain/InstanceProfile.ts";
import type { InstanceProfileRepository, Page, PageRequest } from "../ports.ts";
import type { Database, InstanceProfilesTable } from "../schema.ts";
import { countRows } from "./countRows.ts";
import { listByName } from "./listByName.ts";

export class KyselyInstanceProfileRepository implements InstanceProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Rows to profiles, with each profile's roles read in one query. */
  private async withRoles(rows: readonly Selectable<InstanceProfilesTable>[]): Promise<InstanceProfile[]> {
    if (rows.length === 0) return [];
    const links = await this.db
      .selectFrom("instance_profile_roles")
      .select(["instance_profile_id", "role_id"])
      .where(
        "instance_profile_id",
        "in",
        rows.map((r) => r.instance_profile_id),
      )
      .orderBy("add_date")
      .orderBy("role_id")
      .execute();
    return rows.map((row) => ({
      accountId: row.account_id,
      instanceProfileId: row.instance_profile_id,
      instanceProfileName: row.instance_profile_name,
      path: row.path,
      arn: row.arn,
      createDate: new Date(row.create_date),
      roleIds: links.filter((l) => l.instance_profile_id === row.instance_profile_id).map((l) => l.role_id),
    }));
  }

  async getByName(accountId: string, instanceProfileName: string): Promise<InstanceProfile | undefined> {
    const row = await this.db
      .selectFrom("instance_profiles")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("instance_profile_name_lower", "=", instanceProfileName.toLowerCase())
      .executeTakeFirst();
    return row && (await this.withRoles([row]))[0];
  }

  async list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<InstanceProfile>> {
    const rows = await listByName<Selectable<InstanceProfilesTable>>(
      this.db,
      "instance_profiles",
      "instance_profile_name_lower",
      accountId,
      pathPrefix,
      page,
    );
    return { ...rows, items: await this.withRoles(rows.items) };
  }

  async listForRole(roleId: string): Promise<InstanceProfile[]> {
    const rows = await this.db
      .selectFrom("instance_profiles")
      .innerJoin(
        "instance_profile_roles",
        "instance_profile_roles.instance_profile_id",
        "instance_profiles.instance_profile_id",
      )
      .selectAll("instance_profiles")
      .where("instance_profile_roles.role_id", "=", roleId)
      .orderBy("instance_profiles.instance_profile_name_lower")
      .execute();
    return this.withRoles(rows);
  }

  count(accountId: string): Promise<number> {
    return countRows(this.db, "instance_profiles", "account_id", accountId);
  }

  async create(profile: InstanceProfile): Promise<void> {
    await this.db
      .insertInto("instance_profiles")
      .values({
        instance_profile_id: profile.instanceProfileId,
        account_id: profile.accountId,
        instance_profile_name: profile.instanceProfileName,
        instance_profile_name_lower: profile.instanceProfileName.toLowerCase(),
        path: profile.path,
        arn: profile.arn,
        create_date: profile.createDate.toISOString(),
      })
      .execute();
    for (const roleId of profile.roleIds) await this.addRole(profile.instanceProfileId, roleId, Infinity);
  }

  async delete(instanceProfileId: string): Promise<void> {
    await this.db.deleteFrom("tags").where("resource_id", "=", instanceProfileId).execute();
    await this.db
      .deleteFrom("instance_profile_roles")
      .where("instance_profile_id", "=", instanceProfileId)
      .execute();
    await this.db
      .deleteFrom("instance_profiles")
      .where("instance_profile_id", "=", instanceProfileId)
      .execute();
  }

  async addRole(instanceProfileId: string, roleId: string, maxRoles: number): Promise<boolean> {
    const held = await this.db
      .selectFrom("instance_profile_roles")
      .select("role_id")
      .where("instance_profile_id", "=", instanceProfileId)
      .execute();
    if (held.some((h) => h.role_id === roleId)) return true;
    if (held.length >= maxRoles) return false;
    await this.db
      .insertInto("instance_profile_roles")
      .values({ instance_profile_id: instanceProfileId, role_id: roleId, add_date: new Date().toISOString() })
      .execute();
    return true;
  }

  async removeRole(instanceProfileId: string, roleId: string): Promise<void> {
    await this.db
      .deleteFrom("instance_profile_roles")
      .where("instance_profile_id", "=", instanceProfileId)
      .where("role_id", "=", roleId)
      .execute();
  }
}
