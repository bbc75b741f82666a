// IAM users over Kysely. Names are matched case-insensitively through `user_name_lower`, which is
// also the listing order (AWS lists users alphabetically).

import type { Kysely, Selectable } from "kysely";
import type { User } from "../../domain/User.ts";
import type { Page, PageRequest, UserAttachments, UserRepository } from "../ports.ts";
import type { Database, UsersTable } from "../schema.ts";
import { countRows } from "./countRows.ts";
import { KyselyUserPolicyRepository } from "./KyselyIdentityPolicyRepository.ts";
import { listByName } from "./listByName.ts";

export function toUser(row: Selectable<UsersTable>): User {
  return {
    accountId: row.account_id,
    userId: row.user_id,
    userName: row.user_name,
    path: row.path,
    arn: row.arn,
    createDate: new Date(row.create_date),
    ...(row.permissions_boundary_arn ? { permissionsBoundaryArn: row.permissions_boundary_arn } : {}),
    ...(row.password_last_used ? { passwordLastUsed: new Date(row.password_last_used) } : {}),
  };
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getByName(accountId: string, userName: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("user_name_lower", "=", userName.toLowerCase())
      .executeTakeFirst();
    return row && toUser(row);
  }

  async getById(userId: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async list(accountId: string, pathPrefix: string, page: PageRequest): Promise<Page<User>> {
    const rows = await listByName<Selectable<UsersTable>>(
      this.db,
      "users",
      "user_name_lower",
      accountId,
      pathPrefix,
      page,
    );
    return { ...rows, items: rows.items.map(toUser) };
  }

  async create(user: User): Promise<void> {
    await this.db
      .insertInto("users")
      .values({
        user_id: user.userId,
        account_id: user.accountId,
        user_name: user.userName,
        user_name_lower: user.userName.toLowerCase(),
        path: user.path,
        arn: user.arn,
        create_date: user.createDate.toISOString(),
        permissions_boundary_arn: user.permissionsBoundaryArn ?? null,
        password_last_used: null,
      })
      .execute();
  }

  async update(userId: string, changes: { userName?: string; path?: string; arn?: string }): Promise<void> {
    const values: Partial<UsersTable> = {};
    if (changes.userName !== undefined) {
      values.user_name = changes.userName;
      values.user_name_lower = changes.userName.toLowerCase();
    }
    if (changes.path !== undefined) values.path = changes.path;
    if (changes.arn !== undefined) values.arn = changes.arn;
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable("users").set(values).where("user_id", "=", userId).execute();
  }

  async setPermissionsBoundary(userId: string, policyArn: string | undefined): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ permissions_boundary_arn: policyArn ?? null })
      .where("user_id", "=", userId)
      .execute();
  }

  async delete(userId: string): Promise<void> {
    await this.db.deleteFrom("tags").where("resource_id", "=", userId).execute();
    await this.db.deleteFrom("password_history").where("user_id", "=", userId).execute();
    await this.db.deleteFrom("users").where("user_id", "=", userId).execute();
  }

  count(accountId: string): Promise<number> {
    return countRows(this.db, "users", "account_id", accountId);
  }

  async recordPasswordUse(userId: string, at: Date): Promise<void> {
    await this.db
      .updateTable("users")
      .set({ password_last_used: at.toISOString() })
      .where("user_id", "=", userId)
      .execute();
  }

  async attachments(userId: string): Promise<UserAttachments> {
    const policies = new KyselyUserPolicyRepository(this.db);
    return {
      accessKeys: await countRows(this.db, "access_keys", "user_id", userId),
      mfaDevices: await countRows(this.db, "mfa_devices", "user_id", userId),
      policies: await policies.countPolicies(userId),
      groups: await countRows(this.db, "group_members", "user_id", userId),
      loginProfile: await countRows(this.db, "login_profiles", "user_id", userId),
      sshPublicKeys: await countRows(this.db, "ssh_public_keys", "user_id", userId),
      signingCertificates: await countRows(this.db, "signing_certificates", "user_id", userId),
    };
  }
}
