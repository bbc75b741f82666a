/**
 * The request context's condition keys, normalised once per request: keys lower-cased (condition
 * keys are case-insensitive), every value a list of strings (booleans and numbers as their text,
 * dates as ISO 8601). A key with no values is treated as absent.
 *
 * Pure: imports nothing.
 */

export type RawContextValue =
  | string
  | number
  | boolean
  | Date
  | ReadonlyArray<string | number | boolean | Date>;

/** Lower-cased spellings of keys seen before: requests reuse a small set of key names. */
const LOWER = new Map<string, string>();

function lower(key: string): string {
  let l = LOWER.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (LOWER.size < 4096) LOWER.set(key, l);
  }
  return l;
}

export class ContextValues {
  /** A single value is kept as a string (no array per key per request); several as a list. */
  private readonly map = new Map<string, string | string[]>();

  set(key: string, value: RawContextValue | undefined | null): this {
    if (value === undefined || value === null) return this;
    let stored: string | string[];
    if (typeof value === "string") stored = value;
    else if (Array.isArray(value)) {
      if (value.length === 0) return this;
      stored = value.map(stringify);
    } else stored = stringify(value as string | number | boolean | Date);
    this.map.set(lower(key), stored);
    return this;
  }

  /** Values of a key (lower-cased by the caller), as a list. */
  get(lowerKey: string): string[] | undefined {
    const v = this.map.get(lowerKey);
    return typeof v === "string" ? [v] : v;
  }

  /** Values of a key (lower-cased by the caller): one string, or a list of two or more, or one. */
  raw(lowerKey: string): string | string[] | undefined {
    return this.map.get(lowerKey);
  }

  has(lowerKey: string): boolean {
    return this.map.has(lowerKey);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }
}

function stringify(v: string | number | boolean | Date): string {
  if (typeof v === "string") return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Builds a ContextValues from a plain record such as `{ "aws:username": "alice" }`. */
export function contextValues(
  record: Readonly<Record<string, RawContextValue | undefined | null>> = {},
): ContextValues {
  const ctx = new ContextValues();
  for (const key of Object.keys(record)) ctx.set(key, record[key]);
  return ctx;
}
