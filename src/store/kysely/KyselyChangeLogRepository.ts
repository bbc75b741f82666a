// The change log over Kysely. On a store shared by nodes, an append also sends a NOTIFY on the
// channel (PostgreSQL delivers it at commit, and drops it with a rollback), so listeners catch up
// at once instead of at their next request.

import { type Kysely, sql } from "kysely";
import type { ChangedEntity } from "../../domain/ChangedEntity.ts";
import type { ChangeLogEntry, ChangeLogRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyChangeLogRepository implements ChangeLogRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly notifyChannel?: string,
  ) {}

  async append(entities: readonly ChangedEntity[], at: Date): Promise<void> {
    if (entities.length === 0) return;
    await this.db
      .insertInto("change_log")
      .values({ change_time: at.toISOString(), entities: JSON.stringify(entities) })
      .execute();
    if (this.notifyChannel) await sql`select pg_notify(${this.notifyChannel}, '')`.execute(this.db);
  }

  async readAfter(after: number, also: readonly number[]): Promise<ChangeLogEntry[]> {
    const rows = await this.db
      .selectFrom("change_log")
      .select(["seq", "entities"])
      .where((eb) =>
        also.length > 0 ? eb.or([eb("seq", ">", after), eb("seq", "in", also)]) : eb("seq", ">", after),
      )
      .orderBy("seq")
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), entities: JSON.parse(r.entities) as ChangedEntity[] }));
  }

  async latest(): Promise<number> {
    const row = await this.db
      .selectFrom("change_log")
      .select((eb) => eb.fn.max("seq").as("seq"))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  async prune(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom("change_log")
      .where("change_time", "<", before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
