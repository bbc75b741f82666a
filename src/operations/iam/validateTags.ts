// IAM's rules for tags beyond what the model checks: keys are unique without regard to case, and
// a resource holds at most 50 tags once the new ones are merged in.

import { InvalidInput, LimitExceeded } from "../../domain/errors/iamErrors.ts";
import { MAX_TAGS_PER_RESOURCE, type Tag } from "../../domain/Tag.ts";
import type { TagRepository } from "../../store/ports.ts";
import { paginateList } from "../paginateList.ts";

export function assertUniqueTagKeys(tags: readonly Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key))
      throw new InvalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    seen.add(key);
  }
}

export function assertTagLimit(existing: readonly Tag[], added: readonly Tag[]): void {
  const keys = new Set(existing.map((t) => t.Key.toLowerCase()));
  for (const tag of added) keys.add(tag.Key.toLowerCase());
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw new LimitExceeded("The number of tags has reached the maximum limit.");
  }
}

/** Condition keys a tagging request carries: `aws:RequestTag/k` for each tag and `aws:TagKeys`. */
export function requestTagConditionKeys(tags: readonly Tag[] | undefined): Record<string, string | string[]> {
  if (!tags || tags.length === 0) return {};
  const keys: Record<string, string | string[]> = { "aws:TagKeys": tags.map((t) => t.Key) };
  for (const tag of tags) keys[`aws:RequestTag/${tag.Key}`] = tag.Value;
  return keys;
}

/** Tags a resource, as every Tag* operation does: unique keys, at most 50 once merged. */
export async function addTags(repo: TagRepository, resourceId: string, tags: readonly Tag[]): Promise<void> {
  assertUniqueTagKeys(tags);
  assertTagLimit(await repo.list(resourceId), tags);
  await repo.put(resourceId, tags);
}

/** One page of a resource's tags, in the order they were added, as every List*Tags returns it. */
export async function listTagsPage(
  repo: TagRepository,
  resourceId: string,
  marker: string | undefined,
  maxItems: number | undefined,
): Promise<{ Tags: Tag[]; IsTruncated: boolean; Marker?: string }> {
  const page = paginateList(await repo.list(resourceId), marker, maxItems);
  return {
    Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
}
