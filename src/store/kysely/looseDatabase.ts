// The schema as repositories generic over a table see it: any table, any column. Only for code
// parameterised by table and column names (one repository for users' and roles' policies);
// everything else uses the typed `Database`.

import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export type LooseDatabase = Record<string, Record<string, string | number | null>>;

export function loosely(db: Kysely<Database>): Kysely<LooseDatabase> {
  return db as unknown as Kysely<LooseDatabase>;
}
