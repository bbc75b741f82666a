// A bounded in-memory cache whose entries name the entities they were built from, so that a
// committed change drops exactly the entries that depend on what it touched (this user's keys,
// this group's policies…) instead of the whole map. A load that overlapped an invalidation is
// returned but not kept: it may have read the state from before the change.

import { type ChangedEntity, changedEntityKey } from "../../domain/ChangedEntity.ts";

export interface Loaded<V> {
  value: V;
  /** The entities the value was built from. */
  dependsOn: readonly ChangedEntity[];
  /** False for a value no change would name (the absence of a user a later CreateUser makes). */
  keep?: boolean;
}

export class DependentCache<V> {
  private readonly entries = new Map<string, { value: V; deps: readonly string[] }>();
  private readonly dependents = new Map<string, Set<string>>();
  private generation = 0;
  /** Lookups answered from memory, loads, and entries dropped by a change: for the metrics. */
  hits = 0;
  misses = 0;
  invalidations = 0;

  constructor(private readonly maxEntries: number) {}

  /**
   * The cached entry for `key`, counted as a hit, or undefined (not counted: `get` follows).
   * For callers on the request path that would otherwise build a loader to find a hit.
   */
  peek(key: string): { readonly value: V } | undefined {
    const hit = this.entries.get(key);
    if (hit) this.hits += 1;
    return hit;
  }

  /** A hit is answered without an async frame: most lookups on the request path are hits. */
  get(key: string, load: () => Promise<Loaded<V>>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits += 1;
      return Promise.resolve(hit.value);
    }
    return this.load(key, load);
  }

  private async load(key: string, load: () => Promise<Loaded<V>>): Promise<V> {
    this.misses += 1;
    const generation = this.generation;
    const loaded = await load();
    if (generation === this.generation && loaded.keep !== false) this.put(key, loaded);
    return loaded.value;
  }

  invalidate(changed: readonly ChangedEntity[]): void {
    this.generation += 1;
    for (const entity of changed) {
      const keys = this.dependents.get(changedEntityKey(entity));
      if (!keys) continue;
      this.invalidations += keys.size;
      for (const key of [...keys]) this.delete(key);
    }
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.dependents.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private put(key: string, loaded: Loaded<V>): void {
    if (this.entries.size >= this.maxEntries) this.clear();
    this.delete(key);
    const deps = loaded.dependsOn.map(changedEntityKey);
    this.entries.set(key, { value: loaded.value, deps });
    for (const dep of deps) {
      let set = this.dependents.get(dep);
      if (!set) {
        set = new Set();
        this.dependents.set(dep, set);
      }
      set.add(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const dep of entry.deps) {
      const set = this.dependents.get(dep);
      set?.delete(key);
      if (set?.size === 0) this.dependents.delete(dep);
    }
  }
}
