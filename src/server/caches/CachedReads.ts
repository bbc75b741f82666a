// The store as the read path sees it, with the hottest lookups (a user by name or id, a user's
// tags) answered from memory. Entries name the user they were built from, so a committed change
// that calls `invalidate({ kind: "user", id })` drops them before its response is sent, and the
// next request reads the new state. Only reads outside a transaction come through here: a change
// always reads and writes through its own transaction.

import type { ChangedEntity } from "../../domain/ChangedEntity.ts";
import type { Tag } from "../../domain/Tag.ts";
import type { User } from "../../domain/User.ts";
import type { Store, TagRepository, UserRepository } from "../../store/ports.ts";
import { DependentCache, type Loaded } from "./DependentCache.ts";

const MAX_ENTRIES = 50_000;

function userLoaded(user: User | undefined): Loaded<User | undefined> {
  return user
    ? { value: user, dependsOn: [{ kind: "user", id: user.userId }] }
    : { value: undefined, dependsOn: [], keep: false };
}

/**
 * The store with some repositories replaced: its repositories and methods (bound to it once)
 * copied onto a plain object. A Proxy would do the same, at the cost of a trap and a bound
 * function on every property read of every request.
 */
function storeWith(inner: Store, overrides: Pick<Store, "users" | "userTags">): Store {
  const view: Record<string | symbol, unknown> = {};
  for (let o: object | null = inner; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) {
      if (key === "constructor" || key in view) continue;
      const value: unknown = Reflect.get(inner, key, inner);
      view[key] = typeof value === "function" ? value.bind(inner) : value;
    }
  }
  return Object.assign(view, overrides) as unknown as Store;
}

export class CachedReads {
  readonly users = new DependentCache<User | undefined>(MAX_ENTRIES);
  readonly tags = new DependentCache<readonly Tag[]>(MAX_ENTRIES);
  /** The store with its user reads cached; everything else (transactions too) is the store's own. */
  readonly store: Store;

  constructor(inner: Store) {
    const users: UserRepository = Object.assign(Object.create(inner.users) as UserRepository, {
      getByName: (accountId: string, userName: string) => {
        const key = this.nameKey(accountId, userName);
        // A hit builds no loader and no async frame: most requests read a cached user.
        const hit = this.users.peek(key);
        if (hit) return Promise.resolve(hit.value);
        return this.users.get(key, async () => userLoaded(await inner.users.getByName(accountId, userName)));
      },
      getById: (userId: string) => {
        const key = `i:${userId}`;
        const hit = this.users.peek(key);
        if (hit) return Promise.resolve(hit.value);
        return this.users.get(key, async () => userLoaded(await inner.users.getById(userId)));
      },
    });
    const userTags: TagRepository = Object.assign(Object.create(inner.userTags) as TagRepository, {
      // A copy each time: callers own the array they are given.
      list: (userId: string) => {
        const hit = this.tags.peek(userId);
        if (hit) return Promise.resolve([...hit.value]);
        return this.tags
          .get(userId, async () => ({
            value: await inner.userTags.list(userId),
            dependsOn: [{ kind: "user", id: userId }],
          }))
          .then((tags) => [...tags]);
      },
    });
    this.store = storeWith(inner, { users, userTags });
  }

  /**
   * The cache key of a user by name. A request looks its user up by name several times (its
   * resource, the resource's tags, the operation): the last key is kept, so those lookups hash
   * one string, not a new one each.
   */
  private lastNameKey = { accountId: "", userName: "", key: "" };
  private nameKey(accountId: string, userName: string): string {
    const last = this.lastNameKey;
    if (accountId === last.accountId && userName === last.userName) return last.key;
    const key = `n:${accountId}:${userName.toLowerCase()}`;
    this.lastNameKey = { accountId, userName, key };
    return key;
  }

  invalidate(changed: readonly ChangedEntity[]): void {
    this.users.invalidate(changed);
    this.tags.invalidate(changed);
  }
}
