// The policy simulator behind SimulatePrincipalPolicy and SimulateCustomPolicy: evaluates each
// action on each resource with the same engine that authorizes real requests, and reports the
// decision, the statements that decided it, and the condition keys the simulation lacked.
// As in AWS, only the context entries the caller supplies are in the context: the simulator does
// not invent aws:CurrentTime or aws:SourceIp.
// Bounded work: one request may ask for at most SIMULATION_BUDGET statement evaluations (actions ×
// resources × statements), checked before the documents are parsed and again once they are
// compiled; only the page MaxItems returns is computed; and the evaluation yields to the event
// loop every few milliseconds, so one simulation never holds up other requests.

import { setImmediate as nextTurn } from "node:timers/promises";
import { parseUserArn } from "../../domain/arns.ts";
import { InvalidInput, MalformedPolicyDocument } from "../../domain/errors/iamErrors.ts";
import type {
  ContextEntry,
  EvaluationResult,
  SimulatePolicyResponse,
  Statement,
} from "../../generated/iam/iamShapes.ts";
import {
  type CompiledPolicy,
  type Decision,
  evaluatePolicies,
  MalformedPolicyDocumentError,
  type MatchedStatement,
  type PolicyKind,
  PolicySizeExceededError,
  type PolicySourceType,
  parsePolicyDocument,
  type RawContextValue,
  type RequestPrincipal,
} from "../../policy/index.ts";
import type { PolicyCatalog } from "../OperationContext.ts";
import { paginateList } from "../paginateList.ts";

const DECISION_WORD = {
  Allowed: "allowed",
  ExplicitlyDenied: "explicitDeny",
  ImplicitlyDenied: "implicitDeny",
} as const;

/** How AWS names where a matched statement came from. */
const SOURCE_TYPE_WORD: Record<PolicySourceType, string> = {
  inline: "user",
  managed: "user-managed",
  "aws-managed": "aws-managed",
  boundary: "user-managed",
  session: "none",
  resource: "resource",
  scp: "none",
  trust: "resource",
};

export interface SimulationRequest {
  principal: RequestPrincipal;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  resourcePolicy?: CompiledPolicy;
  /** ResourceOwner's account, when the request names one. */
  resourceOwnerAccountId?: string;
  actions: readonly string[];
  resources: readonly string[];
  contextEntries: readonly ContextEntry[];
}

/** Statement evaluations (actions × resources × statements) one simulation request may ask for. */
export const SIMULATION_BUDGET = 50_000;
/** How long the simulator computes before it lets other requests run. */
const SLICE_MS = 2;

/** Refuses a simulation over budget with AWS's InvalidInput. `statements` counts at least 1. */
export function assertSimulationBudget(actions: number, resources: number, statements: number): void {
  const evaluations = actions * Math.max(1, resources) * Math.max(1, statements);
  if (evaluations <= SIMULATION_BUDGET) return;
  // AWS wording unconfirmed
  throw new InvalidInput(
    `The simulation is too large: ${actions} actions × ${Math.max(1, resources)} resources × ${Math.max(1, statements)} statements exceed ${SIMULATION_BUDGET} evaluations. Simulate fewer actions or resources per request.`,
  );
}

/**
 * A cheap upper bound of the statements in caller-supplied documents, before any is parsed: each
 * statement names its Effect once. (An escaped key slips past this count; the exact count after
 * compiling still applies.)
 */
export function roughStatementCount(documents: ReadonlyArray<string | undefined>): number {
  let count = 0;
  for (const document of documents) count += document?.match(/"Effect"/g)?.length ?? 0;
  return count;
}

export function statementCount(policies: ReadonlyArray<CompiledPolicy | undefined>): number {
  let count = 0;
  for (const policy of policies) count += policy?.statements.length ?? 0;
  return count;
}

/** Compiles caller-supplied documents strictly, as AWS validates simulator input. */
export function compileSimulationInputs(
  catalog: PolicyCatalog,
  documents: readonly string[] | undefined,
  kind: PolicyKind,
  listName: string,
  sourceType: PolicySourceType,
): CompiledPolicy[] {
  return (documents ?? []).map((document, i) => {
    try {
      parsePolicyDocument(document, { kind, mode: "strict" });
    } catch (err) {
      if (err instanceof MalformedPolicyDocumentError || err instanceof PolicySizeExceededError) {
        throw new MalformedPolicyDocument(err.message);
      }
      throw err;
    }
    const id = `${listName}.${i + 1}`;
    return catalog.compile(document, kind, { id, name: id, type: sourceType });
  });
}

/** The policies a simulation request supplies, compiled in AWS's order of validation. */
export interface SuppliedPolicies {
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  resourcePolicy?: CompiledPolicy;
}

/** `ownStatements`: the statements of the policies the simulation adds to these (a principal's own). */
export function compileSuppliedPolicies(
  catalog: PolicyCatalog,
  input: {
    PolicyInputList?: readonly string[];
    PermissionsBoundaryPolicyInputList?: readonly string[];
    ResourcePolicy?: string;
    ActionNames: readonly string[];
    ResourceArns?: readonly string[];
  },
  ownStatements = 0,
): SuppliedPolicies {
  // Before parsing: a request far over budget costs no parse of its documents.
  const supplied = [
    ...(input.PolicyInputList ?? []),
    ...(input.PermissionsBoundaryPolicyInputList ?? []),
    input.ResourcePolicy,
  ];
  assertSimulationBudget(
    input.ActionNames.length,
    input.ResourceArns?.length ?? 1,
    ownStatements + roughStatementCount(supplied),
  );
  const identity = compileSimulationInputs(
    catalog,
    input.PolicyInputList,
    "identity",
    "PolicyInputList",
    "inline",
  );
  const [boundary] = compileSimulationInputs(
    catalog,
    input.PermissionsBoundaryPolicyInputList,
    "boundary",
    "PermissionsBoundaryPolicyInputList",
    "boundary",
  );
  const [resourcePolicy] = compileSimulationInputs(
    catalog,
    input.ResourcePolicy !== undefined ? [input.ResourcePolicy] : undefined,
    "resource",
    "ResourcePolicy",
    "resource",
  );
  return {
    identity,
    ...(boundary ? { boundary } : {}),
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
}

function contextOf(entries: readonly ContextEntry[]): Record<string, RawContextValue> {
  const ctx: Record<string, RawContextValue> = {};
  for (const entry of entries) {
    if (!entry.ContextKeyName) continue;
    const values = entry.ContextKeyValues ?? [];
    ctx[entry.ContextKeyName] = entry.ContextKeyType?.endsWith("List") ? values : (values[0] ?? []);
  }
  return ctx;
}

function statementOf(m: MatchedStatement, explicitCustomType?: string): Statement {
  const custom =
    m.policyId.startsWith("PolicyInputList.") || m.policyId.startsWith("PermissionsBoundaryPolicyInputList.");
  const statement: Statement = {
    SourcePolicyId: m.policyType === "resource" ? "ResourcePolicy" : m.policyId,
    SourcePolicyType: (custom
      ? (explicitCustomType ?? "IAM Policy")
      : SOURCE_TYPE_WORD[m.policyType]) as Statement["SourcePolicyType"],
  };
  if (m.startPosition)
    statement.StartPosition = { Line: m.startPosition.line, Column: m.startPosition.column };
  if (m.endPosition) statement.EndPosition = { Line: m.endPosition.line, Column: m.endPosition.column };
  return statement;
}

function resultOf(
  action: string,
  resource: string,
  decision: Decision,
  boundaryConsidered: boolean,
): EvaluationResult {
  const result: EvaluationResult = {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: DECISION_WORD[decision.decision],
    MatchedStatements: decision.matchedStatements.map((m) => statementOf(m)),
    MissingContextValues: decision.missingContextValues,
  };
  if (boundaryConsidered) {
    result.PermissionsBoundaryDecisionDetail = {
      AllowedByPermissionsBoundary: decision.blockedBy !== "boundary",
    };
  }
  return result;
}

/**
 * The page of results MaxItems and Marker ask for, in AWS's order (each action on each resource),
 * computing only that page, within the budget, yielding to the event loop between slices.
 */
export async function simulatePolicies(
  req: SimulationRequest,
  pageOf: { Marker?: string; MaxItems?: number },
): Promise<SimulatePolicyResponse> {
  const resources = req.resources.length > 0 ? req.resources : ["*"];
  assertSimulationBudget(
    req.actions.length,
    resources.length,
    statementCount([...req.identity, req.boundary, req.resourcePolicy]),
  );
  const context = contextOf(req.contextEntries);
  const indices = Array.from({ length: req.actions.length * resources.length }, (_, i) => i);
  const page = paginateList(indices, pageOf.Marker, pageOf.MaxItems);
  const results: EvaluationResult[] = [];
  let sliceStart = performance.now();
  for (const index of page.items) {
    const action = req.actions[Math.floor(index / resources.length)] as string;
    const resource = resources[index % resources.length] as string;
    // AWS: the owner is ResourceOwner's account, else the account in the resource ARN, else
    // (an ARN that names none, or `*`) the account of the simulated caller.
    const resourceAccountId = req.resourceOwnerAccountId ?? accountOfArn(resource) ?? req.principal.accountId;
    const decision = evaluatePolicies(
      { principal: req.principal, action, resource, resourceAccountId, context },
      {
        identity: req.identity,
        ...(req.boundary ? { boundary: req.boundary } : {}),
        ...(req.resourcePolicy ? { resource: req.resourcePolicy } : {}),
      },
    );
    results.push(resultOf(action, resource, decision, req.boundary !== undefined));
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return {
    EvaluationResults: results,
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
}

function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** ResourceOwner's account (an account root or user ARN), if the request names one. */
export function resourceOwnerAccount(resourceOwner: string | undefined): string | undefined {
  return resourceOwner ? accountOfArn(resourceOwner) : undefined;
}

/**
 * The simulated caller of CallerArn: AWS accepts only IAM user ARNs there. Absent, an IAM user of
 * the caller's account — never the principal calling the simulator: a root caller must not turn
 * every simulated decision into root's "allowed".
 */
export function simulatedCaller(callerArn: string | undefined, accountId: string): RequestPrincipal {
  if (callerArn === undefined) {
    return { arn: `arn:aws:iam::${accountId}:user/SimulatedCaller`, accountId, type: "user" };
  }
  const user = parseUserArn(callerArn);
  // AWS wording unconfirmed.
  if (!user) throw new InvalidInput(`Invalid CallerArn: ${callerArn} is not the ARN of an IAM user.`);
  return { arn: callerArn, accountId: user.accountId, type: "user" };
}
