// Counters of failed MFA codes, one row per throttling scope. The policy (limits, windows) lives
// with the operations; this only stores the numbers.

import { type Kysely, sql } from "kysely";
import type { MfaCodeFailureRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyMfaCodeFailureRepository implements MfaCodeFailureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(scope: string): Promise<{ windowStart: Date; failures: number } | undefined> {
    const row = await this.db
      .selectFrom("mfa_code_failures")
      .select(["window_start", "failures"])
      .where("scope", "=", scope)
      .executeTakeFirst();
    return row && { windowStart: new Date(row.window_start), failures: Number(row.failures) };
  }

  async put(scope: string, windowStart: Date, failures: number): Promise<void> {
    await this.db
      .insertInto("mfa_code_failures")
      .values({ scope, window_start: windowStart.toISOString(), failures })
      .onConflict((oc) =>
        oc.column("scope").doUpdateSet({ window_start: windowStart.toISOString(), failures }),
      )
      .execute();
  }

  async clear(scopes: readonly string[]): Promise<void> {
    if (scopes.length === 0) return;
    await this.db.deleteFrom("mfa_code_failures").where("scope", "in", scopes).execute();
  }

  async clearPrefix(prefix: string): Promise<number> {
    // substr, not LIKE: a scope may hold '_' or '%', which LIKE would read as wildcards.
    const result = await this.db
      .deleteFrom("mfa_code_failures")
      .where(sql`substr(scope, 1, ${prefix.length})`, "=", prefix)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
