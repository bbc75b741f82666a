// The MFA association review of the audit trail. Its pure core is in the domain, shared with the
// analyzer (which reads CloudTrail files too); the audit layer keeps this name for its callers.

export {
  type MfaAssociation,
  type MfaReviewReport,
  reviewMfaAssociations,
} from "../domain/reviewMfaAssociations.ts";
