// The policy simulator behind SimulatePrincipalPolicy and SimulateCustomPolicy: evaluates each
// action on each resource with the same engine that authorizes real requests, and reports the
// decision, the statements that decided it, and the condition keys the simulation lacked.
// As in AWS, only the context entries the caller supplies are in the context: the simulator does
// not invent aws:CurrentTime or aws:SourceIp.

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
      // AWS: the owner is ResourceOwner's account, else the account in the resource ARN, else
      // (an ARN that names none, or `*`) the account of the simulated caller.
      const resourceAccountId =
        req.resourceOwnerAccountId ?? accountOfArn(resource) ?? req.principal.accountId;
      const decision = evaluatePolicies(
        { principal: req.principal, action, resource, resourceAccountId, context },
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
