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

export class ContextValues {
  private readonly map = new Map<string, string[]>();

  set(key: string, value: RawContextValue | undefined | null): this {
    if (value === undefined || value === null) return this;
    const list = Array.isArray(value) ? value.map(stringify) : [stringify(value as string)];
    if (list.length > 0) this.map.set(key.toLowerCase(), list);
    return this;
  }

  /** Values of a key already lower-cased by the compiler. */
  get(lowerKey: string): string[] | undefined {
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
