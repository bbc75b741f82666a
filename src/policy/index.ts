/**
 * Portcullis's IAM policy engine: parse (strict on write, lenient on read), compile once,
 * evaluate per request as AWS documents, explain. Pure: no I/O, and imports nothing outside
 * src/policy, so it can be published on its own.
 */
export { type ContextValues, contextValues, type RawContextValue } from "./ContextValues.ts";
export { type CompiledArnPattern, splitArn } from "./compileArnPattern.ts";
export {
  type CompiledPolicy,
  type CompiledStatement,
  compilePolicy,
  type PolicySource,
  type PolicySourceType,
} from "./compilePolicy.ts";
export type { PrincipalType, RequestPrincipal } from "./compilePrincipal.ts";
export {
  type BlockedBy,
  type Decision,
  type EvaluationResult,
  evaluatePolicies,
  type MatchedStatement,
  type PolicySet,
  type RequestContext,
} from "./evaluatePolicies.ts";
export { formatAccessDeniedMessage } from "./formatAccessDeniedMessage.ts";
export { listContextKeys } from "./listContextKeys.ts";
export { MalformedPolicyDocumentError } from "./MalformedPolicyDocumentError.ts";
export { measurePolicySize, policySizeLimits } from "./measurePolicySize.ts";
export type {
  ConditionBlock,
  Effect,
  PolicyDocument,
  PolicyKind,
  PolicyStatement,
  PolicyVersion,
  PrincipalElement,
} from "./PolicyDocument.ts";
export { PolicySizeExceededError } from "./PolicySizeExceededError.ts";
export type { SourcePosition, SourceSpan } from "./parseJsonWithPositions.ts";
export { type ParsePolicyOptions, parsePolicyDocument, readPolicyDocument } from "./parsePolicyDocument.ts";
