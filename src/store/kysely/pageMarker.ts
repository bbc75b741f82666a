// Opaque pagination markers: the sort key of the last item returned, base64url-encoded so callers
// treat it as a token. A marker that does not decode is refused as InvalidInput.

import { InvalidInput } from "../../domain/errors/iamErrors.ts";
import type { Page, PageRequest } from "../ports.ts";

export function encodeMarker(sortKey: string): string {
  return Buffer.from(sortKey, "utf8").toString("base64url");
}

export function decodeMarker(marker: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(marker)) return undefined;
  return Buffer.from(marker, "base64url").toString("utf8");
}

/** The sort key a page request continues after, or InvalidInput for a marker we did not issue. */
export function continueAfter(page: PageRequest): string | undefined {
  if (page.marker === undefined) return undefined;
  const after = decodeMarker(page.marker);
  if (after === undefined) throw new InvalidInput("Invalid Marker.");
  return after;
}

/**
 * A page from rows fetched with `limit(maxItems + 1)`: the extra row, if any, only says more
 * follow, and the marker is the sort key of the last row returned.
 */
export function pageOf<R, T>(
  rows: readonly R[],
  maxItems: number,
  map: (row: R) => T,
  sortKey: (row: R) => string,
): Page<T> {
  const items = rows.slice(0, maxItems).map(map);
  const last = rows.length > maxItems ? rows[maxItems - 1] : undefined;
  return last ? { items, marker: encodeMarker(sortKey(last)) } : { items };
}
