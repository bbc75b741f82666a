/**
 * Compiles a parsed policy document once per policy version into matchers: action patterns
 * (case-insensitive; exact names in a Set, wildcards as compiled patterns), resource ARN
 * patterns (per-part wildcards, variables resolved per request only where present),
 * principals, and conditions. Evaluation then does no JSON parsing and builds no RegExp.
 *
 * Pure: imports nothing but other policy modules.
 */
import type { ContextValues } from "./ContextValues.ts";
import {
  type ArnParts,
  type CompiledArnPattern,
  compileArnPattern,
  matchArnPattern,
  resolveArnPattern,
} from "./compileArnPattern.ts";
import { type CompiledCondition, compileConditionBlock } from "./compileCondition.ts";
import {
  compileNotPrincipal,
  compilePrincipal,
  type PrincipalMatcher,
  type RequestPrincipal,
} from "./compilePrincipal.ts";
import { templateVariables } from "./compileTemplate.ts";
import { compileWildcard, hasWildcard, type WildcardMatcher } from "./compileWildcard.ts";
import type { MatchedStatement } from "./evaluatePolicies.ts";
import type { Effect, PolicyDocument, PolicyStatement } from "./PolicyDocument.ts";
import type { SourceSpan } from "./parseJsonWithPositions.ts";

export type PolicySourceType =
  | "inline"
  | "managed"
  | "aws-managed"
  | "boundary"
  | "session"
  | "resource"
  | "scp"
  | "trust";

/** Which policy this is, for explanations (SimulatePrincipalPolicy's SourcePolicyId/Type). */
export interface PolicySource {
  id: string;
  name: string;
  type: PolicySourceType;
  arn?: string;
}

export type ActionMatcher = (lowerAction: string) => boolean;
export type ResourceMatcher = (resource: string, parts: ArnParts, ctx: ContextValues) => boolean;

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: Effect;
  span?: SourceSpan;
  matchAction: ActionMatcher;
  matchResource: ResourceMatcher;
  /** Grade of how Principal names the caller; absent in identity-side policies. */
  principal?: PrincipalMatcher;
  /** True when NotPrincipal does not exclude the caller. */
  notPrincipal?: (p: RequestPrincipal) => boolean;
  conditions: CompiledCondition[];
  /** Condition keys (and variable keys) this statement reads, lower-cased → as written. */
  contextKeys: Map<string, string>;
  /** The same keys as parallel arrays, for the per-request MissingContextValues check. */
  contextKeyList: string[];
  contextKeyWritten: string[];
  policy: CompiledPolicy;
  /** How decisions report this statement; built on first use, then shared. */
  description?: MatchedStatement;
}

export interface CompiledPolicy {
  source: PolicySource;
  document: PolicyDocument;
  statements: CompiledStatement[];
  denies: CompiledStatement[];
  allows: CompiledStatement[];
  /** Per action (lower-cased): the statements whose Action/NotAction match it, memoised. */
  byAction: Map<string, ActionSlice>;
}

export interface ActionSlice {
  denies: CompiledStatement[];
  allows: CompiledStatement[];
}

const SLICE_LIMIT = 1024;

/**
 * The statements of a policy that apply to an action. Requests repeat a small set of actions,
 * so the action patterns are tested once per policy and action, not once per request.
 */
export function sliceForAction(policy: CompiledPolicy, lowerAction: string): ActionSlice {
  let slice = policy.byAction.get(lowerAction);
  if (slice === undefined) {
    slice = {
      denies: policy.denies.filter((st) => st.matchAction(lowerAction)),
      allows: policy.allows.filter((st) => st.matchAction(lowerAction)),
    };
    if (policy.byAction.size >= SLICE_LIMIT) policy.byAction.clear();
    policy.byAction.set(lowerAction, slice);
  }
  return slice;
}

const ALWAYS = () => true;
const NEVER = () => false;

export function compilePolicy(doc: PolicyDocument, source: PolicySource): CompiledPolicy {
  const policy: CompiledPolicy = {
    source,
    document: doc,
    statements: [],
    denies: [],
    allows: [],
    byAction: new Map(),
  };
  const variablesEnabled = doc.version === "2012-10-17";
  for (const st of doc.statements) {
    const compiled = compileStatement(st, variablesEnabled, policy);
    policy.statements.push(compiled);
    (compiled.effect === "Deny" ? policy.denies : policy.allows).push(compiled);
  }
  return policy;
}

function compileStatement(
  st: PolicyStatement,
  variablesEnabled: boolean,
  policy: CompiledPolicy,
): CompiledStatement {
  const keys = new Map<string, string>();
  let matchAction: ActionMatcher;
  if (st.action) matchAction = compileActions(st.action);
  else if (st.notAction) {
    const inner = compileActions(st.notAction);
    matchAction = (a) => !inner(a);
  } else matchAction = NEVER;

  let matchResource: ResourceMatcher;
  if (st.resource) matchResource = compileResources(st.resource, variablesEnabled, keys);
  else if (st.notResource) matchResource = compileNotResources(st.notResource, variablesEnabled, keys);
  else {
    // Only trust policies go without Resource: the role itself is the resource.
    matchResource = policy.source.type === "trust" ? ALWAYS : NEVER;
  }

  const conditions = st.condition ? compileConditionBlock(st.condition, variablesEnabled) : [];
  for (const c of conditions) {
    if (!keys.has(c.key)) keys.set(c.key, c.writtenKey);
    for (const [k, written] of c.variableKeys) if (!keys.has(k)) keys.set(k, written);
  }
  const out: CompiledStatement = {
    index: st.index,
    effect: st.effect,
    matchAction,
    matchResource,
    conditions,
    contextKeys: keys,
    contextKeyList: [...keys.keys()],
    contextKeyWritten: [...keys.values()],
    policy,
  };
  if (st.sid !== undefined) out.sid = st.sid;
  if (st.span) out.span = st.span;
  if (st.principal !== undefined) out.principal = compilePrincipal(st.principal);
  if (st.notPrincipal !== undefined) out.notPrincipal = compileNotPrincipal(st.notPrincipal);
  return out;
}

/** Action names are case-insensitive: patterns are lower-cased here, the request once per call. */
export function compileActions(patterns: readonly string[]): ActionMatcher {
  const exact = new Set<string>();
  const wild: WildcardMatcher[] = [];
  for (const p of patterns) {
    if (p === "*") return ALWAYS;
    if (hasWildcard(p)) wild.push(compileWildcard(p, true));
    else exact.add(p.toLowerCase());
  }
  if (wild.length === 0) {
    if (exact.size === 1) {
      const only = [...exact][0] as string;
      return (a) => a === only;
    }
    return (a) => exact.has(a);
  }
  return (a) => {
    if (exact.has(a)) return true;
    for (let i = 0; i < wild.length; i++) if ((wild[i] as WildcardMatcher)(a)) return true;
    return false;
  };
}

/** The patterns compiled, their variables' keys noted; "*" when any pattern is the bare wildcard. */
function compileArnPatterns(
  patterns: readonly string[],
  variablesEnabled: boolean,
  keys: Map<string, string>,
): CompiledArnPattern[] | "*" {
  const compiled: CompiledArnPattern[] = [];
  for (const p of patterns) {
    if (p === "*") return "*";
    const c = compileArnPattern(p, variablesEnabled);
    for (const v of templateVariables(c.template)) if (!keys.has(v.key)) keys.set(v.key, v.written);
    compiled.push(c);
  }
  return compiled;
}

function compileResources(
  patterns: readonly string[],
  variablesEnabled: boolean,
  keys: Map<string, string>,
): ResourceMatcher {
  const compiled = compileArnPatterns(patterns, variablesEnabled, keys);
  if (compiled === "*") return ALWAYS;
  if (compiled.length === 1) {
    const only = compiled[0] as CompiledArnPattern;
    if (only.static) return only.static;
    return (r, parts, ctx) => matchArnPattern(only, r, parts, ctx);
  }
  return (r, parts, ctx) => {
    for (let i = 0; i < compiled.length; i++) {
      if (matchArnPattern(compiled[i] as CompiledArnPattern, r, parts, ctx)) return true;
    }
    return false;
  };
}

/**
 * NotResource. A pattern whose variable's key is absent cannot be matched, and AWS says such an
 * attempt "fails and causes the statement to be invalid" (reference_policies_variables), so the
 * statement does not apply — rather than applying because the pattern "did not match".
 */
function compileNotResources(
  patterns: readonly string[],
  variablesEnabled: boolean,
  keys: Map<string, string>,
): ResourceMatcher {
  const compiled = compileArnPatterns(patterns, variablesEnabled, keys);
  if (compiled === "*") return NEVER;
  return (r, parts, ctx) => {
    for (let i = 0; i < compiled.length; i++) {
      const m = resolveArnPattern(compiled[i] as CompiledArnPattern, ctx);
      if (m === null || m(r, parts)) return false;
    }
    return true;
  };
}
