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
    // IAM tag keys are unique without regard to case: a new tag replaces any key equal to it but
    // for case, keeping that key's place in the order.
    const existing = await this.db
      .selectFrom("tags")
      .select(["tag_key", "position"])
      .where("resource_id", "=", resourceId)
      .execute();
    let top = existing.reduce((max, r) => Math.max(max, Number(r.position)), 0);
    for (const tag of tags) {
      const same = existing.find((r) => r.tag_key.toLowerCase() === tag.Key.toLowerCase());
      if (same) {
        await this.db
          .updateTable("tags")
          .set({ tag_key: tag.Key, tag_value: tag.Value })
          .where("resource_id", "=", resourceId)
          .where("tag_key", "=", same.tag_key)
          .execute();
        same.tag_key = tag.Key;
      } else {
        top += 1;
        await this.db
          .insertInto("tags")
          .values({ resource_id: resourceId, tag_key: tag.Key, tag_value: tag.Value, position: top })
          .execute();
        existing.push({ tag_key: tag.Key, position: top });
      }
    }
  }

  async remove(resourceId: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    const existing = await this.list(resourceId);
    const doomed = existing.filter((t) => wanted.has(t.Key.toLowerCase())).map((t) => t.Key);
    if (doomed.length === 0) return;
    await this.db
      .deleteFrom("tags")
      .where("resource_id", "=", resourceId)
      .where("tag_key", "in", doomed)
      .execute();
  }
}
