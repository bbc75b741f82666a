// Tags of any IAM resource, keyed by the resource's unique id, in first-added order.

import type { Kysely } from "kysely";
import type { Tag } from "../../domain/Tag.ts";
import type { TagRepository } from "../ports.ts";
import type { Database } from "../schema.ts";

export class KyselyTagRepository implements TagRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(resourceId: string): Promise<Tag[]> {
    const rows = await this.db
      .selectFrom("tags")
      .select(["tag_key", "tag_value"])
      .where("resource_id", "=", resourceId)
      .orderBy("position")
      .execute();
    return rows.map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
  }

  async put(resourceId: string, tags: readonly Tag[]): Promise<void> {
    if (tags.length === 0) return;
    const top = await this.db
      .selectFrom("tags")
      .select((eb) => eb.fn.max<number>("position").as("p"))
      .where("resource_id", "=", resourceId)
      .executeTakeFirst();
    let position = Number(top?.p ?? 0);
    for (const tag of tags) {
      position += 1;
      await this.db
        .insertInto("tags")
        .values({ resource_id: resourceId, tag_key: tag.Key, tag_value: tag.Value, position })
        .onConflict((oc) => oc.columns(["resource_id", "tag_key"]).doUpdateSet({ tag_value: tag.Value }))
        .execute();
    }
  }

  async remove(resourceId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .deleteFrom("tags")
      .where("resource_id", "=", resourceId)
      .where("tag_key", "in", [...keys])
      .execute();
  }
}
