// How many rows of a table belong to one owner: what the checks that block a deletion (DeleteUser,
// DeleteGroup) and the quotas count.

import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";

export async function countRows(
  db: Kysely<Database>,
  table: keyof Database,
  column: string,
  value: string,
): Promise<number> {
  // The column is one of the caller's fixed names, which the typed builder cannot follow here.
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const row = await (db as Kysely<any>)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(column, "=", value)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
