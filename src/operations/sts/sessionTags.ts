// The session tags of a new role session: the calling session's transitive tags, which pass on
// through role chaining and cannot be changed on the way, then the request's own tags. The
// request's TransitiveTagKeys must name tags it sets.

import { InvalidParameterValue } from "../../domain/errors/commonErrors.ts";
import type { RoleSession } from "../../domain/Principal.ts";
import type { Tag } from "../../domain/Tag.ts";

export function sessionTags(
  parent: RoleSession | undefined,
  requestTags: readonly Tag[],
  transitiveKeys: readonly string[],
): { tags: Tag[]; transitiveTagKeys: string[] } {
  const requested = new Map(requestTags.map((t) => [t.Key.toLowerCase(), t]));
  for (const key of transitiveKeys) {
    if (!requested.has(key.toLowerCase())) {
      // AWS wording unconfirmed.
      throw new InvalidParameterValue(`The transitive tag key ${key} is not one of the session tags.`);
    }
  }
  const tags: Tag[] = [];
  const transitive: string[] = [];
  for (const key of parent?.transitiveTagKeys ?? []) {
    const inherited = parent?.tags.find((t) => t.Key.toLowerCase() === key.toLowerCase());
    if (!inherited) continue;
    if (requested.has(key.toLowerCase())) {
      // AWS wording unconfirmed.
      throw new InvalidParameterValue(
        `The session tag ${inherited.Key} is a transitive tag of the calling session and cannot be set again.`,
      );
    }
    tags.push(inherited);
    transitive.push(inherited.Key);
  }
  for (const tag of requestTags) tags.push(tag);
  for (const key of transitiveKeys) transitive.push(requested.get(key.toLowerCase())?.Key ?? key);
  return { tags, transitiveTagKeys: transitive };
}
