// Marker/MaxItems pagination over a list already in memory (a user's tags or keys: short lists),
// with the same opaque markers and truncation flags AWS returns.

import { InvalidInput } from "../domain/errors/iamErrors.ts";
import type { PageRequest } from "../store/ports.ts";

export interface PaginatedList<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

export const DEFAULT_MAX_ITEMS = 100;

export function paginateList<T>(
  all: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
): PaginatedList<T> {
  let start = 0;
  if (marker !== undefined) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(marker)
      ? Number(Buffer.from(marker, "base64url").toString("utf8"))
      : Number.NaN;
    if (!Number.isInteger(decoded) || decoded < 0 || decoded > all.length)
      throw new InvalidInput("Invalid Marker.");
    start = decoded;
  }
  const size = maxItems ?? DEFAULT_MAX_ITEMS;
  const items = all.slice(start, start + size);
  const next = start + items.length;
  return next < all.length
    ? { items, IsTruncated: true, Marker: Buffer.from(String(next), "utf8").toString("base64url") }
    : { items, IsTruncated: false };
}

/** The store's page request for a call's Marker and MaxItems, for lists the store paginates. */
export function pageRequest(input: { Marker?: string; MaxItems?: number }): PageRequest {
  return {
    maxItems: input.MaxItems ?? DEFAULT_MAX_ITEMS,
    ...(input.Marker !== undefined ? { marker: input.Marker } : {}),
  };
}
