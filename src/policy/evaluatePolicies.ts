/**
 * AWS's policy evaluation logic (reference_policies_evaluation-logic, …_policy-eval-denyallow,
 * …-cross-account), as a pure function of a request and the compiled policies that apply:
 *
 * 1. An applicable Deny in any policy (SCP, resource-based, identity-based, permissions
 *    boundary, session) decides: ExplicitlyDenied.
 * 2. SCPs, when present, must allow (they bind every principal of the account, root included).
 * 3. The root user is allowed everything in its own account; elsewhere it needs the resource
 *    policy. Callers without identity policies (services, identity providers, anonymous) need
 *    the resource policy to name them.
 * 4. Same account: a resource-based policy that names the caller's own ARN (or `*`) allows on
 *    its own; one that names the caller's role (or federating IAM user) still needs the
 *    permissions boundary and session policies; one that names only the account delegates to
 *    identity-based policies. Otherwise identity ∩ boundary ∩ session must allow. Role trust
 *    policies must always allow (they are not optional like other resource policies).
 * 5. Cross-account: identity ∩ boundary ∩ session in the caller's account AND the resource
 *    policy must allow.
 * Sessions: a role session without session policies is not limited by them; a federated user
 * session (GetFederationToken) without a session policy has no permissions.
 *
 * Pure: imports nothing but other policy modules.
 */
import { ContextValues, contextValues, type RawContextValue } from "./ContextValues.ts";
import { type ArnParts, splitArn } from "./compileArnPattern.ts";
import {
  type CompiledPolicy,
  type CompiledStatement,
  type PolicySourceType,
  sliceForAction,
} from "./compilePolicy.ts";
import type { PrincipalGrade, RequestPrincipal } from "./compilePrincipal.ts";
import type { SourcePosition } from "./parseJsonWithPositions.ts";

export interface RequestContext {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `iam:CreateUser` (case-insensitive). */
  action: string;
  /** The resource ARN, or `*` for actions without a resource. */
  resource: string;
  /** Account that owns the resource; defaults to the ARN's account part, else the caller's. */
  resourceAccountId?: string;
  /** Condition keys and values: a ContextValues (normalised once), or a plain record. */
  context: ContextValues | Readonly<Record<string, RawContextValue | undefined | null>>;
}

export interface PolicySet {
  /** Identity-based policies of the principal: inline, managed, group policies. */
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** Session policies of a role or federated user session (inline and managed ARNs). */
  session?: CompiledPolicy[];
  /** The resource-based policy, or the role trust policy for sts:AssumeRole*. */
  resource?: CompiledPolicy;
  /** SCPs that apply to the caller's account (any one must allow; any Deny denies). */
  scp?: CompiledPolicy[];
}

export type EvaluationResult = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type BlockedBy = "identity" | "boundary" | "session" | "scp" | "resource";

export interface MatchedStatement {
  policyId: string;
  policyName: string;
  policyType: PolicySourceType;
  policyArn?: string;
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
  startPosition?: SourcePosition;
  endPosition?: SourcePosition;
}

export interface Decision {
  decision: EvaluationResult;
  /** Allowed: the statements that allowed; ExplicitlyDenied: every applicable Deny; else empty. */
  matchedStatements: MatchedStatement[];
  blockedBy?: BlockedBy;
  /** Condition keys read by statements that applied on action and resource but absent from the request. */
  missingContextValues: string[];
}

interface EvalState {
  action: string;
  resource: string;
  parts: ArnParts;
  ctx: ContextValues;
  principal: RequestPrincipal;
  /** Absent keys as written, lower-cased alongside for de-duplication. */
  missing: string[] | null;
  missingLower: string[] | null;
}

export function evaluatePolicies(request: RequestContext, policies: PolicySet): Decision {
  const ctx = request.context instanceof ContextValues ? request.context : contextValues(request.context);
  const p = request.principal;
  const parts = request.resource === "*" ? null : splitArnCached(request.resource);
  const s: EvalState = {
    action: lowerAction(request.action),
    resource: request.resource,
    parts,
    ctx,
    principal: p,
    missing: null,
    missingLower: null,
  };

  const hasIdentity = p.type === "user" || p.type === "assumed-role" || p.type === "federated-user";
  const isSession = p.type === "assumed-role" || p.type === "federated-user";
  const subjectToScp = hasIdentity || p.type === "root";
  const resourcePolicy = policies.resource;
  const hasBoundary = policies.boundary !== undefined;

  // 1. Explicit denies, in the order AWS lists the policy types.
  // (No closures in this function: it runs once per request and must not allocate them.)
  const denied: Denied = { list: null, by: undefined };
  if (subjectToScp && policies.scp) {
    for (const pol of policies.scp)
      noteDeny(denied, collect(sliceForAction(pol, s.action).denies, s, false), "scp");
  }
  if (resourcePolicy)
    noteDeny(
      denied,
      collectResource(sliceForAction(resourcePolicy, s.action).denies, s, hasIdentity && hasBoundary).list,
      "resource",
    );
  if (hasIdentity) {
    for (const pol of policies.identity)
      noteDeny(denied, collect(sliceForAction(pol, s.action).denies, s, false), "identity");
    if (policies.boundary)
      noteDeny(denied, collect(sliceForAction(policies.boundary, s.action).denies, s, false), "boundary");
    if (isSession && policies.session) {
      for (const pol of policies.session)
        noteDeny(denied, collect(sliceForAction(pol, s.action).denies, s, false), "session");
    }
  }
  if (denied.list) return decide("ExplicitlyDenied", denied.list, s, denied.by);

  // 2. SCPs must allow.
  if (subjectToScp && policies.scp && policies.scp.length > 0) {
    let allowed = false;
    for (const pol of policies.scp)
      if (collect(sliceForAction(pol, s.action).allows, s, true)) allowed = true;
    if (!allowed) return decide("ImplicitlyDenied", null, s, "scp");
  }

  // 3. Resource-based policy: how (if at all) it names the caller.
  const resource = resourcePolicy
    ? collectResource(sliceForAction(resourcePolicy, s.action).allows, s, false)
    : { list: null, grade: 0 };
  const grade = resource.grade;
  const resourceAccount = request.resourceAccountId || (parts?.[4] ? parts[4] : p.accountId);
  const crossAccount = resourceAccount !== p.accountId;

  if (p.type === "root") {
    if (!crossAccount) return decide("Allowed", resource.list, s);
    return grade > 0 ? decide("Allowed", resource.list, s) : decide("ImplicitlyDenied", null, s, "resource");
  }
  if (!hasIdentity) {
    return grade > 0 ? decide("Allowed", resource.list, s) : decide("ImplicitlyDenied", null, s, "resource");
  }

  // 4./5. The caller's own side: identity ∩ boundary ∩ session.
  let identityAllows: CompiledStatement[] | null = null;
  for (const pol of policies.identity)
    identityAllows = concat(identityAllows, collect(sliceForAction(pol, s.action).allows, s, false));
  const boundaryAllows = policies.boundary
    ? collect(sliceForAction(policies.boundary, s.action).allows, s, false)
    : null;
  const boundaryOk = !policies.boundary || boundaryAllows !== null;
  let sessionAllows: CompiledStatement[] | null = null;
  let sessionOk = true;
  if (isSession) {
    if (policies.session && policies.session.length > 0) {
      for (const pol of policies.session)
        sessionAllows = concat(sessionAllows, collect(sliceForAction(pol, s.action).allows, s, false));
      sessionOk = sessionAllows !== null;
    } else sessionOk = p.type === "assumed-role";
  }

  if (!crossAccount) {
    if (grade === 3) return decide("Allowed", concat(resource.list, identityAllows), s);
    if (grade === 2) {
      if (!boundaryOk) return decide("ImplicitlyDenied", null, s, "boundary");
      if (!sessionOk) return decide("ImplicitlyDenied", null, s, "session");
      return decide("Allowed", concat4(resource.list, identityAllows, boundaryAllows, sessionAllows), s);
    }
    if (grade === 0 && resourcePolicy?.source.type === "trust")
      return decide("ImplicitlyDenied", null, s, "resource");
    if (!identityAllows) return decide("ImplicitlyDenied", null, s, "identity");
    if (!boundaryOk) return decide("ImplicitlyDenied", null, s, "boundary");
    if (!sessionOk) return decide("ImplicitlyDenied", null, s, "session");
    return decide("Allowed", concat4(identityAllows, resource.list, boundaryAllows, sessionAllows), s);
  }
  if (!identityAllows) return decide("ImplicitlyDenied", null, s, "identity");
  if (!boundaryOk) return decide("ImplicitlyDenied", null, s, "boundary");
  if (!sessionOk) return decide("ImplicitlyDenied", null, s, "session");
  if (grade === 0) return decide("ImplicitlyDenied", null, s, "resource");
  return decide("Allowed", concat4(identityAllows, resource.list, boundaryAllows, sessionAllows), s);
}

interface Denied {
  list: CompiledStatement[] | null;
  by: BlockedBy | undefined;
}

function noteDeny(d: Denied, found: CompiledStatement[] | null, by: BlockedBy): void {
  if (!found) return;
  if (!d.list) {
    d.list = found;
    d.by = by;
  } else d.list.push(...found);
}

function concat4(
  a: CompiledStatement[] | null,
  b: CompiledStatement[] | null,
  c: CompiledStatement[] | null,
  d: CompiledStatement[] | null,
): CompiledStatement[] | null {
  return concat(concat(concat(a, b), c), d);
}

// Requests repeat a modest set of actions and resources: their case-folded and split forms are
// memoised (bounded) instead of being rebuilt on every request.
const ACTIONS = new Map<string, string>();
const ARNS = new Map<string, ArnParts>();
const MEMO_LIMIT = 4096;

function lowerAction(action: string): string {
  let l = ACTIONS.get(action);
  if (l === undefined) {
    l = action.toLowerCase();
    if (ACTIONS.size >= MEMO_LIMIT) ACTIONS.clear();
    ACTIONS.set(action, l);
  }
  return l;
}

function splitArnCached(resource: string): ArnParts {
  let parts = ARNS.get(resource);
  if (parts === undefined) {
    parts = splitArn(resource);
    if (ARNS.size >= MEMO_LIMIT) ARNS.clear();
    ARNS.set(resource, parts);
  }
  return parts;
}

function concat(a: CompiledStatement[] | null, b: CompiledStatement[] | null): CompiledStatement[] | null {
  if (!b) return a;
  if (!a) return b;
  a.push(...b);
  return a;
}

/**
 * Whether a statement applies on resource and conditions. Its action was matched already (the
 * statements come from the policy's per-action slice); the principal is checked by the caller.
 */
function applies(st: CompiledStatement, s: EvalState): boolean {
  if (!st.matchResource(s.resource, s.parts, s.ctx)) return false;
  const conditions = st.conditions;
  if (conditions.length === 0) return true;
  if (st.contextKeyList.length > 0) noteMissing(st, s);
  for (let i = 0; i < conditions.length; i++) if (!conditions[i]?.test(s.ctx)) return false;
  return true;
}

function noteMissing(st: CompiledStatement, s: EvalState): void {
  const keys = st.contextKeyList;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (s.ctx.has(key)) continue;
    const written = st.contextKeyWritten[i] as string;
    if (!s.missing || !s.missingLower) {
      s.missing = [written];
      s.missingLower = [key];
    } else if (!s.missingLower.includes(key)) {
      s.missing.push(written);
      s.missingLower.push(key);
    }
  }
}

/** Applicable statements among `list`; with `firstOnly`, stops at the first. */
function collect(list: CompiledStatement[], s: EvalState, firstOnly: boolean): CompiledStatement[] | null {
  let out: CompiledStatement[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const st = list[i] as CompiledStatement;
    if (!applies(st, s)) continue;
    if (!out) out = [st];
    else out.push(st);
    if (firstOnly) return out;
  }
  return out;
}

/** Resource-policy statements that name the caller and apply, with the best principal grade. */
function collectResource(
  list: CompiledStatement[],
  s: EvalState,
  notPrincipalDeniesBounded: boolean,
): { list: CompiledStatement[] | null; grade: PrincipalGrade } {
  let out: CompiledStatement[] | null = null;
  let best: PrincipalGrade = 0;
  for (let i = 0; i < list.length; i++) {
    const st = list[i] as CompiledStatement;
    let g: PrincipalGrade = 0;
    if (st.principal) g = st.principal(s.principal);
    else if (st.notPrincipal) {
      // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
      // permissions boundary policy attached" (access_policies_boundaries).
      if ((notPrincipalDeniesBounded && st.effect === "Deny") || st.notPrincipal(s.principal)) g = 3;
    }
    if (g === 0 || !applies(st, s)) continue;
    if (g > best) best = g;
    if (!out) out = [st];
    else out.push(st);
  }
  return { list: out, grade: best };
}

function decide(
  decision: EvaluationResult,
  statements: CompiledStatement[] | null,
  s: EvalState,
  blockedBy?: BlockedBy,
): Decision {
  const matchedStatements: MatchedStatement[] = [];
  if (statements) for (const st of statements) matchedStatements.push(describe(st));
  const out: Decision = {
    decision,
    matchedStatements,
    missingContextValues: s.missing ?? [],
  };
  if (blockedBy) out.blockedBy = blockedBy;
  return out;
}

/** Each statement's description is built once and shared (frozen) by every decision it decides. */
function describe(st: CompiledStatement): MatchedStatement {
  let m = st.description;
  if (m === undefined) {
    m = Object.freeze(buildDescription(st));
    st.description = m;
  }
  return m;
}

function buildDescription(st: CompiledStatement): MatchedStatement {
  const src = st.policy.source;
  const m: MatchedStatement = {
    policyId: src.id,
    policyName: src.name,
    policyType: src.type,
    statementIndex: st.index,
    effect: st.effect,
  };
  if (src.arn !== undefined) m.policyArn = src.arn;
  if (st.sid !== undefined) m.sid = st.sid;
  if (st.span) {
    m.startPosition = st.span.start;
    m.endPosition = st.span.end;
  }
  return m;
}
