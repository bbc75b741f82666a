// Session policies of an AssumeRole call: an inline `Policy` (validated strictly as a session
// policy) and up to ten managed `PolicyArns`. Together with the session tags they are packed
// into the session; AWS reports the packed size as a percentage of its limit and refuses more than
// 100%. AWS's packing is a private binary format: Portcullis measures the characters of the
// inline policy without white space, the ARNs and the tags against AWS's documented 2,048-character
// plaintext limit, so the figure is close to AWS's, not identical.

import { MalformedPolicyDocument } from "../../domain/errors/iamErrors.ts";
import { PackedPolicyTooLarge } from "../../domain/errors/stsErrors.ts";
import type { Tag } from "../../domain/Tag.ts";
import {
  MalformedPolicyDocumentError,
  measurePolicySize,
  PolicySizeExceededError,
  parsePolicyDocument,
} from "../../policy/index.ts";

export const ROLE_CHAINING_MAX_SECONDS = 3_600;
const PACKED_LIMIT_CHARACTERS = 2_048;

export interface SessionPolicies {
  inline?: string;
  arns: string[];
  /** Present when the request passed policies or tags. */
  packedPolicySize?: number;
}

export function sessionPolicies(
  input: { Policy?: string; PolicyArns?: readonly { arn?: string }[] },
  tags: readonly Tag[],
): SessionPolicies {
  const arns = (input.PolicyArns ?? []).map((p) => p.arn ?? "").filter((a) => a !== "");
  if (input.Policy !== undefined) {
    try {
      parsePolicyDocument(input.Policy, { kind: "session", mode: "strict" });
    } catch (err) {
      if (err instanceof MalformedPolicyDocumentError) throw new MalformedPolicyDocument(err.message);
      if (!(err instanceof PolicySizeExceededError)) throw err;
    }
  }
  if (input.Policy === undefined && arns.length === 0 && tags.length === 0) return { arns };
  let characters = input.Policy !== undefined ? measurePolicySize(input.Policy) : 0;
  for (const arn of arns) characters += arn.length;
  for (const tag of tags) characters += tag.Key.length + tag.Value.length;
  const packedPolicySize = Math.ceil((100 * characters) / PACKED_LIMIT_CHARACTERS);
  if (packedPolicySize > 100) {
    // AWS wording unconfirmed.
    throw new PackedPolicyTooLarge(
      `Packed policy consumes ${packedPolicySize}% of allotted space, please use smaller policy.`,
    );
  }
  return { ...(input.Policy !== undefined ? { inline: input.Policy } : {}), arns, packedPolicySize };
}
