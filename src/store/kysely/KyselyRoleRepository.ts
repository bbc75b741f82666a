// IAM roles over Kysely. Names are matched case-insensitively through `role_name_lower`, which is
// also the listing order (AWS lists roles alphabetically).

import type { Kysely, Selectable } from "kysely";
import type { Role } from "../../domain/Role.ts";
import type { Page, PageRequest, RoleRepository } from "../ports.ts";
import type { Database, RolesTable } from "../schema.ts";
import { countRows } from "./countRows.ts";
import { KyselyRolePolicyRepository } from "./KyselyIdentityPolicyRepository.ts";
import { listByName } from "./listByName.ts";

function toRole(row: Selectable<RolesTable>): Role {
  return {
    accountId: row.account_id,
    roleId: row.role_id,
    roleName: row.role_name,
    path: row.path,
    arn: row.arn,
    createDate: new Date(row.create_date),
    assumeRolePolicyDocument: row.assume_role_policy_document,
    ...(row.description !== null ? { description: row.description } : {}),
    maxSessionDuration: Number(row.max_session_duration),
    ...(row.permissions_boundary_arn ? { permissionsBoundaryArn: row.permissions_boundary_arn } : {}),
    ...(row.last_used_date
      ? { lastUsed: { date: new Date(row.last_used_date), region: row.last_used_region ?? "" } }
      : {}),
  };
}

export class KyselyRoleRepository implements RoleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getByName(accountId: string, roleName: string): Promise<Role | undefined> {
    const row = await this.db
      .selectFrom("roles")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("role_name_lower", "=", roleName.toLowerCase())
      .executeTakeFirst();
    return row && toRole(row);
  }

  async getById(roleId: string): Promise<Role | undefined> {
    const row = await this.db
      .selectFrom("roles")
      .selectAll()
      .where("role_id", "=", roleId)
      .executeTakeFirst();
    return row && toRole(row);
  }

  async list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<Role>> {
    const rows = await listByName<Selectable<RolesTable>>(
      this.db,
      "roles",
      "role_name_lower",
      accountId,
      pathPrefix,
      page,
    );
    return { ...rows, items: rows.items.map(toRole) };
  }

  count(accountId: string): Promise<number> {
    return countRows(this.db, "roles", "account_id", accountId);
  }

  async create(role: Role): Promise<void> {
    await this.db
      .insertInto("roles")
      .values({
        role_id: role.roleId,
        account_id: role.accountId,
        role_name: role.roleName,
        role_name_lower: role.roleName.toLowerCase(),
        path: role.path,
        arn: role.arn,
        create_date: role.createDate.toISOString(),
        assume_role_policy_document: role.assumeRolePolicyDocument,
        description: role.description ?? null,
        max_session_duration: role.maxSessionDuration,
        permissions_boundary_arn: role.permissionsBoundaryArn ?? null,
        last_used_date: role.lastUsed?.date.toISOString() ?? null,
        last_used_region: role.lastUsed?.region ?? null,
      })
      .execute();
  }

  async update(
    roleId: string,
    changes: { description?: string; maxSessionDuration?: number },
  ): Promise<void> {
    const values: Partial<RolesTable> = {};
    if (changes.description !== undefined) values.description = changes.description;
    if (changes.maxSessionDuration !== undefined) values.max_session_duration = changes.maxSessionDuration;
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable("roles").set(values).where("role_id", "=", roleId).execute();
  }

  async setAssumeRolePolicy(roleId: string, document: string): Promise<void> {
    await this.db
      .updateTable("roles")
      .set({ assume_role_policy_document: document })
      .where("role_id", "=", roleId)
      .execute();
  }

  async setPermissionsBoundary(roleId: string, policyArn: string | undefined): Promise<void> {
    await this.db
      .updateTable("roles")
      .set({ permissions_boundary_arn: policyArn ?? null })
      .where("role_id", "=", roleId)
      .execute();
  }

  async recordLastUsed(roleId: string, date: Date, region: string): Promise<void> {
    const when = date.toISOString();
    // Uses can be recorded out of order (batched by several workers): the latest one wins.
    await this.db
      .updateTable("roles")
      .set({ last_used_date: when, last_used_region: region })
      .where("role_id", "=", roleId)
      .where((eb) => eb.or([eb("last_used_date", "is", null), eb("last_used_date", "<", when)]))
      .execute();
  }

  async delete(roleId: string): Promise<void> {
    await this.db.deleteFrom("tags").where("resource_id", "=", roleId).execute();
    await this.db.deleteFrom("roles").where("role_id", "=", roleId).execute();
  }

  async attachments(roleId: string): Promise<{ policies: number; instanceProfiles: number }> {
    return {
      policies: await new KyselyRolePolicyRepository(this.db).countPolicies(roleId),
      instanceProfiles: await countRows(this.db, "instance_profile_roles", "role_id", roleId),
    };
  }
}
