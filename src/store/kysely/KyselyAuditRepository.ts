// The audit trail over Kysely: one row per CloudTrail-shaped record, indexed by time and name.

import type { Kysely } from "kysely";
import type { AuditEvent } from "../../domain/AuditEvent.ts";
import type { AuditQuery, AuditRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyAuditRepository implements AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    // Chunked so a large batch stays under the bound-parameter limits of both databases.
    for (let i = 0; i < events.length; i += 100) {
      await this.db
        .insertInto("audit_events")
        .values(
          events.slice(i, i + 100).map((e) => ({
            event_id: e.eventID,
            event_time: e.eventTime,
            account_id: e.recipientAccountId ?? e.userIdentity.accountId ?? null,
            event_name: e.eventName,
            record: JSON.stringify(e),
          })),
        )
        .execute();
    }
  }

  async query(q: AuditQuery): Promise<AuditEvent[]> {
    const direction = q.order === "newest-first" ? "desc" : "asc";
    let query = this.db
      .selectFrom("audit_events")
      .select("record")
      .orderBy("event_time", direction)
      .orderBy("event_id", direction);
    // Records carry whole-second times (CloudTrail's format); compare in that format.
    if (q.since) query = query.where("event_time", ">=", wholeSeconds(q.since));
    if (q.until) query = query.where("event_time", "<", wholeSeconds(q.until));
    if (q.eventName) query = query.where("event_name", "=", q.eventName);
    if (q.accountId) query = query.where("account_id", "=", q.accountId);
    if (q.after) {
      const { eventTime, eventId } = q.after;
      const past = direction === "desc" ? "<" : ">";
      query = query.where((eb) =>
        eb.or([
          eb("event_time", past, eventTime),
          eb.and([eb("event_time", "=", eventTime), eb("event_id", past, eventId)]),
        ]),
      );
    }
    if (q.limit) query = query.limit(q.limit);
    const rows = await query.execute();
    return rows.map((r) => JSON.parse(r.record) as AuditEvent);
  }

  async prune(before: Date): Promise<number> {
    const cutoff = wholeSeconds(before);
    const result = await this.db
      .deleteFrom("audit_events")
      .where("event_time", "<", cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** A time as records carry it: whole seconds, CloudTrail's format. */
function wholeSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}
