// One page of an account's named entities (users, groups, roles, instance profiles) in name order,
// filtered by path prefix, with opaque markers: the lower-cased name of the last row returned.

import type { Kysely } from "kysely";
import type { Page, PageRequest } from "../ports.ts";
import type { Database } from "../schema.ts";
import { type LooseDatabase, loosely } from "./looseDatabase.ts";
import { continueAfter, pageOf } from "./pageMarker.ts";

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
  const after = continueAfter(page);
  if (after !== undefined) q = q.where(nameLowerColumn, ">", after);
  const rows = (await q.execute()) as LooseDatabase[string][];
  return pageOf(
    rows,
    page.maxItems,
    (r) => r as Row,
    (r) => String(r[nameLowerColumn]),
  );
}
