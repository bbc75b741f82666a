// Strict validation of a policy document on write, by the policy engine's strict parser: AWS's
// MalformedPolicyDocument rules and its size quotas, mapped to the typed AWS errors. Stored
// documents are later read leniently, so tightening these rules never locks anyone out.

import { LimitExceeded, MalformedPolicyDocument } from "../../domain/errors/iamErrors.ts";
import {
  MalformedPolicyDocumentError,
  type PolicyDocument,
  type PolicyKind,
  PolicySizeExceededError,
  parsePolicyDocument,
} from "../../policy/index.ts";

export function assertValidPolicyDocument(
  document: string,
  options: { kind: PolicyKind; maxSize?: number; sizeExceededMessage?: string; managed?: boolean },
): PolicyDocument {
  try {
    return parsePolicyDocument(document, { ...options, mode: "strict" });
  } catch (err) {
    if (err instanceof PolicySizeExceededError) throw new LimitExceeded(err.message);
    if (err instanceof MalformedPolicyDocumentError) {
      throw new MalformedPolicyDocument(err.message, err.position);
    }
    throw err;
  }
}
