// The console's sessions over Kysely: one row per session, keyed by the hash of its id, its state
// an opaque sealed blob. Times are ISO strings, which compare in time order.

import type { Kysely } from "kysely";
import type { ConsoleSessionRecord, ConsoleSessionRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyConsoleSessionRepository implements ConsoleSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(idHash: string): Promise<ConsoleSessionRecord | undefined> {
    const row = await this.db
      .selectFrom("console_sessions")
      .selectAll()
      .where("id_hash", "=", idHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      ...(row.access_key_id !== null ? { accessKeyId: row.access_key_id } : {}),
      stateSealed: row.state_sealed,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async put(record: ConsoleSessionRecord): Promise<void> {
    const values = {
      access_key_id: record.accessKeyId ?? null,
      state_sealed: record.stateSealed,
      last_seen_at: record.lastSeenAt.toISOString(),
      expires_at: record.expiresAt.toISOString(),
    };
    await this.db
      .insertInto("console_sessions")
      .values({ id_hash: record.idHash, created_at: record.createdAt.toISOString(), ...values })
      .onConflict((oc) => oc.column("id_hash").doUpdateSet(values))
      .execute();
  }

  async touch(idHash: string, lastSeenAt: Date): Promise<void> {
    await this.db
      .updateTable("console_sessions")
      .set({ last_seen_at: lastSeenAt.toISOString() })
      .where("id_hash", "=", idHash)
      .execute();
  }

  async delete(idHash: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("console_sessions")
      .where("id_hash", "=", idHash)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async holdsCredential(accessKeyId: string, now: Date, idleSince: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom("console_sessions")
      .select("id_hash")
      .where("access_key_id", "=", accessKeyId)
      .where("expires_at", ">", now.toISOString())
      .where("last_seen_at", ">", idleSince.toISOString())
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    const result = await this.db
      .deleteFrom("console_sessions")
      .where((eb) =>
        eb.or([eb("expires_at", "<=", now.toISOString()), eb("last_seen_at", "<=", idleSince.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
