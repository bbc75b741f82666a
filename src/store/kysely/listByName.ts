// One page of an account's named entities (users, roles, instance profiles) in name order,
// filtered by path prefix, with opaque markers: the lower-cased name of the last row returned.

import type { Kysely } from "kysely";
import { InvalidInput } from "../../domain/errors/iamErrors.ts";
import type { Page, PageRequest } from "../ports.ts";
import type { Database } from "../schema.ts";
import { type LooseDatabase, loosely } from "./looseDatabase.ts";
import { decodeMarker, encodeMarker } from "./pageMarker.ts";

export async function listByName<Row>(
  db: Kysely<Database>,
  table: keyof Database,
  /** The lower-cased name column: unique per account, so it orders and resumes exactly. */
  nameLowerColumn: string,
  accountId: string,
  pathPrefix: string,
  page: PageRequest,
): Promise<Page<Row>> {
  let q = loosely(db)
    .selectFrom(table)
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy(nameLowerColumn)
    .limit(page.maxItems + 1);
  if (pathPrefix !== "/") q = q.where("path", ">=", pathPrefix).where("path", "<", `${pathPrefix}\uffff`);
  if (page.marker !== undefined) {
    const after = decodeMarker(page.marker);
    if (after === undefined) throw new InvalidInput("Invalid Marker.");
    q = q.where(nameLowerColumn, ">", after);
  }
  const rows = (await q.execute()) as LooseDatabase[string][];
  const items = rows.slice(0, page.maxItems) as Row[];
  const last = rows.length > page.maxItems ? rows[page.maxItems - 1] : undefined;
  return last ? { items, marker: encodeMarker(String(last[nameLowerColumn])) } : { items };
}

/** How many rows of `table` belong to the account: for per-account quotas. */
export async function countInAccount(
  db: Kysely<Database>,
  table: keyof Database,
  accountId: string,
): Promise<number> {
  const row = await loosely(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
