// The policy simulator behind SimulatePrincipalPolicy and SimulateCustomPolicy: evaluates each
// action on each resource with the same engine that authorizes real requests, and reports the
// decision, the statements that decided it, and the condition keys the simulation lacked.
// As in AWS, only the context entries the caller supplies are in the context: the simulator does
// not invent aws:CurrentTime or aws:SourceIp.

import { MalformedPolicyDocument } from "../../domain/errors/iamErrors.ts";
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
  resourceAccountId?: string;
  actions: readonly string[];
  resources: readonly string[];
  contextEntries: readonly ContextEntry[];
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

export function compileSuppliedPolicies(
  catalog: PolicyCatalog,
  input: {
    PolicyInputList?: readonly string[];
    PermissionsBoundaryPolicyInputList?: readonly string[];
    ResourcePolicy?: string;
  },
): SuppliedPolicies {
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

/** One page of simulation results, as SimulateCustomPolicy and SimulatePrincipalPolicy return it. */
export function simulationResponse(
  results: readonly EvaluationResult[],
  input: { Marker?: string; MaxItems?: number },
): SimulatePolicyResponse {
  const page = paginateList(results, input.Marker, input.MaxItems);
  return {
    EvaluationResults: page.items,
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
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

export function simulatePolicies(req: SimulationRequest): EvaluationResult[] {
  const context = contextOf(req.contextEntries);
  const resources = req.resources.length > 0 ? req.resources : ["*"];
  const results: EvaluationResult[] = [];
  for (const action of req.actions) {
    for (const resource of resources) {
      const decision = evaluatePolicies(
        {
          principal: req.principal,
          action,
          resource,
          ...(req.resourceAccountId ? { resourceAccountId: req.resourceAccountId } : {}),
          context,
        },
        {
          identity: req.identity,
          ...(req.boundary ? { boundary: req.boundary } : {}),
          ...(req.resourcePolicy ? { resource: req.resourcePolicy } : {}),
        },
      );
      results.push(resultOf(action, resource, decision, req.boundary !== undefined));
    }
  }
  return results;
}

/** The account that owns the simulated resources: from ResourceOwner's ARN, else the caller's. */
export function resourceOwnerAccount(resourceOwner: string | undefined, fallback: string): string {
  const m = resourceOwner ? /^arn:aws:iam::(\d{12}):/.exec(resourceOwner) : null;
  return m?.[1] ?? fallback;
}
