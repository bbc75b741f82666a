// Access keys over Kysely. Secrets arrive and leave sealed; last-used facts are written in
// batches by the server, never on the request path.

import type { Kysely, Selectable } from "kysely";
import type { AccessKey, AccessKeyLastUsed, AccessKeyStatus } from "../../domain/AccessKey.ts";
import type { AccessKeyRepository, AccessKeyUse } from "../ports.ts";
import type { AccessKeysTable, Database } from "../schema.ts";

type Row = Selectable<AccessKeysTable> & { user_name: string | null };

function toAccessKey(row: Row): AccessKey {
  return {
    accessKeyId: row.access_key_id,
    accountId: row.account_id,
    ...(row.user_id ? { userId: row.user_id } : {}),
    ...(row.user_name ? { userName: row.user_name } : {}),
    status: row.status as AccessKeyStatus,
    createDate: new Date(row.create_date),
    secretSealed: row.secret_sealed,
  };
}

export class KyselyAccessKeyRepository implements AccessKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom("access_keys as k")
      .leftJoin("users as u", "u.user_id", "k.user_id")
      .selectAll("k")
      .select("u.user_name");
  }

  async get(accessKeyId: string): Promise<AccessKey | undefined> {
    const row = await this.base().where("k.access_key_id", "=", accessKeyId).executeTakeFirst();
    return row && toAccessKey(row);
  }

  async listForUser(userId: string): Promise<AccessKey[]> {
    const rows = await this.base().where("k.user_id", "=", userId).orderBy("k.create_date").execute();
    return rows.map(toAccessKey);
  }

  async listForRoot(accountId: string): Promise<AccessKey[]> {
    const rows = await this.base()
      .where("k.account_id", "=", accountId)
      .where("k.user_id", "is", null)
      .orderBy("k.create_date")
      .execute();
    return rows.map(toAccessKey);
  }

  async create(key: AccessKey): Promise<void> {
    await this.db
      .insertInto("access_keys")
      .values({
        access_key_id: key.accessKeyId,
        account_id: key.accountId,
        user_id: key.userId ?? null,
        status: key.status,
        create_date: key.createDate.toISOString(),
        secret_sealed: key.secretSealed,
        last_used_date: null,
        last_used_service: null,
        last_used_region: null,
      })
      .execute();
  }

  async setStatus(accessKeyId: string, status: AccessKeyStatus): Promise<void> {
    await this.db
      .updateTable("access_keys")
      .set({ status })
      .where("access_key_id", "=", accessKeyId)
      .execute();
  }

  async delete(accessKeyId: string): Promise<void> {
    await this.db.deleteFrom("access_keys").where("access_key_id", "=", accessKeyId).execute();
  }

  async getLastUsed(accessKeyId: string): Promise<AccessKeyLastUsed> {
    const row = await this.db
      .selectFrom("access_keys")
      .select(["last_used_date", "last_used_service", "last_used_region"])
      .where("access_key_id", "=", accessKeyId)
      .executeTakeFirst();
    if (!row?.last_used_date) return {};
    return {
      lastUsedDate: new Date(row.last_used_date),
      ...(row.last_used_service ? { serviceName: row.last_used_service } : {}),
      ...(row.last_used_region ? { region: row.last_used_region } : {}),
    };
  }

  async recordLastUsed(uses: readonly AccessKeyUse[]): Promise<void> {
    for (const use of uses) {
      await this.db
        .updateTable("access_keys")
        .set({
          last_used_date: use.date.toISOString(),
          last_used_service: use.serviceName,
          last_used_region: use.region,
        })
        .where("access_key_id", "=", use.accessKeyId)
        // Workers and nodes flush their own batches: a late flush of an older use must not win.
        .where((eb) =>
          eb.or([eb("last_used_date", "is", null), eb("last_used_date", "<", use.date.toISOString())]),
        )
        .execute();
    }
  }
}
