// The session tags of a new role session: the calling session's transitive tags, which pass on
// through role chaining and cannot be changed on the way, then the request's own tags. The
// request's TransitiveTagKeys must name tags it sets. Also AWS's rules for session tags that an
// identity provider passes (a token's tags claim, an assertion's PrincipalTag attributes), which
// no service model checks for them as it does for AssumeRole's Tags.

import { InvalidParameterValue } from "../../domain/errors/commonErrors.ts";
import type { RoleSession } from "../../domain/Principal.ts";
import { MAX_TAGS_PER_RESOURCE, type Tag } from "../../domain/Tag.ts";

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/**
 * Why session tags from an identity provider cannot be passed, if they cannot: a key or value
 * outside AWS's tag rules, a key twice (tag keys are case-insensitive), more than 50 tags, or a
 * transitive key that names none of them. AWS wording unconfirmed (each message).
 */
export function identityProviderTagsProblem(
  tags: readonly Tag[],
  transitiveKeys: readonly string[],
): string | undefined {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (!TAG_KEY.test(tag.Key) || !TAG_VALUE.test(tag.Value))
      return `The session tag ${tag.Key.slice(0, 128)} does not follow the tag naming rules.`;
    if (seen.has(tag.Key.toLowerCase())) return `The session tag key ${tag.Key} is passed twice.`;
    seen.add(tag.Key.toLowerCase());
  }
  if (tags.length > MAX_TAGS_PER_RESOURCE)
    return `More than ${MAX_TAGS_PER_RESOURCE} session tags are passed.`;
  for (const key of transitiveKeys)
    if (!seen.has(key.toLowerCase())) return `The transitive tag key ${key} is not one of the session tags.`;
  return undefined;
}

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
