// Strict validation of a role's trust policy on write: the policy grammar for trust policies
// (every statement names a Principal, none names a Resource) and AWS's 2,048-character quota.

import { MalformedPolicyDocument } from "../../domain/errors/iamErrors.ts";
import { MAX_TRUST_POLICY_SIZE } from "../../domain/Role.ts";
import { assertValidPolicyDocument } from "./assertValidPolicyDocument.ts";

export function assertValidTrustPolicy(document: string): void {
  const parsed = assertValidPolicyDocument(document, {
    kind: "trust",
    maxSize: MAX_TRUST_POLICY_SIZE,
    sizeExceededMessage: `Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY_SIZE}`,
  });
  // A trust policy says who may assume the role; "everyone but" is refused.
  if (parsed.statements.some((st) => st.notPrincipal !== undefined)) {
    // AWS wording unconfirmed
    throw new MalformedPolicyDocument("Has prohibited field NotPrincipal");
  }
}
