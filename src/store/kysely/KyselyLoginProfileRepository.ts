// Login profiles over Kysely: password hashes only, and the history of replaced hashes that
// PasswordReusePrevention checks (position 1 is the most recent).

import type { Kysely, Selectable } from "kysely";
import type { LoginProfile } from "../../domain/LoginProfile.ts";
import type { LoginProfileRepository } from "../ports.ts";
import type { Database, LoginProfilesTable } from "../schema.ts";

function toProfile(row: Selectable<LoginProfilesTable>): LoginProfile {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    passwordHash: row.password_hash,
    createDate: new Date(row.create_date),
    passwordChangedDate: new Date(row.password_changed_date),
    passwordResetRequired: row.password_reset_required === 1,
  };
}

export class KyselyLoginProfileRepository implements LoginProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: string): Promise<LoginProfile | undefined> {
    const row = await this.db
      .selectFrom("login_profiles")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row && toProfile(row);
  }

  async create(profile: LoginProfile): Promise<void> {
    await this.db
      .insertInto("login_profiles")
      .values({
        user_id: profile.userId,
        account_id: profile.accountId,
        password_hash: profile.passwordHash,
        create_date: profile.createDate.toISOString(),
        password_changed_date: profile.passwordChangedDate.toISOString(),
        password_reset_required: profile.passwordResetRequired ? 1 : 0,
      })
      .execute();
  }

  async update(
    userId: string,
    changes: { passwordHash?: string; passwordChangedDate?: Date; passwordResetRequired?: boolean },
  ): Promise<void> {
    const values: Partial<LoginProfilesTable> = {};
    if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
    if (changes.passwordChangedDate !== undefined) {
      values.password_changed_date = changes.passwordChangedDate.toISOString();
    }
    if (changes.passwordResetRequired !== undefined) {
      values.password_reset_required = changes.passwordResetRequired ? 1 : 0;
    }
    if (Object.keys(values).length === 0) return;
    await this.db.updateTable("login_profiles").set(values).where("user_id", "=", userId).execute();
  }

  async delete(userId: string): Promise<void> {
    await this.db.deleteFrom("login_profiles").where("user_id", "=", userId).execute();
  }

  async previousHashes(userId: string, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const rows = await this.db
      .selectFrom("password_history")
      .select("password_hash")
      .where("user_id", "=", userId)
      .orderBy("position")
      .limit(count)
      .execute();
    return rows.map((r) => r.password_hash);
  }

  async remember(userId: string, passwordHash: string, keep: number): Promise<void> {
    await this.db
      .deleteFrom("password_history")
      .where("user_id", "=", userId)
      .where("position", ">=", keep)
      .execute();
    // Shift down from the highest position so the primary key never collides midway.
    const rows = await this.db
      .selectFrom("password_history")
      .select("position")
      .where("user_id", "=", userId)
      .orderBy("position", "desc")
      .execute();
    for (const { position } of rows) {
      await this.db
        .updateTable("password_history")
        .set({ position: position + 1 })
        .where("user_id", "=", userId)
        .where("position", "=", position)
        .execute();
    }
    if (keep > 0) {
      await this.db
        .insertInto("password_history")
        .values({ user_id: userId, position: 1, password_hash: passwordHash })
        .execute();
    }
  }
}
