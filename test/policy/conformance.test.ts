/**
 * Runs every conformance table in test/conformance/policy/: evaluation cases
 * `{ name, policies, request, expect: { decision, blockedBy?, message?, matchedSids?, missingContextValues? } }`
 * and document cases `{ name, document, kind, expectError: { type, message } | null }`.
 * Expectations come from AWS's documentation (each file's cases name their source where useful).
 *
 * Shorthands: a principal may be an ARN string (its type and account are read from the ARN),
 * "anonymous", or a service name; a policy may be a bare document or `{ name, type, arn, document }`.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  type CompiledPolicy,
  compilePolicy,
  evaluatePolicies,
  formatAccessDeniedMessage,
  MalformedPolicyDocumentError,
  type PolicyKind,
  type PolicySet,
  PolicySizeExceededError,
  type PolicySourceType,
  parsePolicyDocument,
  type RequestContext,
  type RequestPrincipal,
} from "../../src/policy/index.ts";

const DIR = join(import.meta.dirname, "..", "conformance", "policy");
const DEFAULT_PRINCIPAL = "arn:aws:iam::111122223333:user/alice";

interface PolicyEntry {
  name?: string;
  type?: PolicySourceType;
  arn?: string;
  id?: string;
  document: unknown;
}

interface EvalCase {
  name: string;
  policies: Record<string, unknown>;
  request: {
    principal?: string | RequestPrincipal;
    action: string;
    resource?: string;
    resourceAccountId?: string;
    context?: Record<string, string | string[] | boolean | number>;
  };
  expect: {
    decision: string;
    blockedBy?: string;
    message?: string;
    matchedSids?: string[];
    missingContextValues?: string[];
  };
}

interface DocCase {
  name: string;
  document: unknown;
  kind: PolicyKind;
  maxSize?: number;
  /** Apply the customer-managed rules of CreatePolicy/CreatePolicyVersion. */
  managed?: boolean;
  expectError: { type: "MalformedPolicyDocument" | "LimitExceeded"; message: string } | null;
  lenient?: boolean;
}

export function principalFrom(p: string | RequestPrincipal | undefined): RequestPrincipal {
  if (p === undefined) return principalFrom(DEFAULT_PRINCIPAL);
  if (typeof p !== "string") return p;
  if (p === "anonymous") return { arn: "anonymous", accountId: "", type: "anonymous" };
  if (!p.startsWith("arn:")) return { arn: p, accountId: "", type: "service" };
  const [, partition, service, , account = "", rest = ""] = p.split(":");
  if (service === "iam" && rest === "root") return { arn: p, accountId: account, type: "root" };
  if (service === "iam" && rest.startsWith("user/")) return { arn: p, accountId: account, type: "user" };
  if (service === "sts" && rest.startsWith("assumed-role/")) {
    const role = rest.split("/")[1];
    return {
      arn: p,
      accountId: account,
      type: "assumed-role",
      roleArn: `arn:${partition}:iam::${account}:role/${role}`,
    };
  }
  if (service === "sts" && rest.startsWith("federated-user/")) {
    const user = rest.slice("federated-user/".length);
    return {
      arn: p,
      accountId: account,
      type: "federated-user",
      userArn: `arn:${partition}:iam::${account}:user/${user}`,
    };
  }
  return { arn: p, accountId: account, type: "identity-provider" };
}

const KIND_OF: Record<string, PolicyKind> = {
  identity: "identity",
  boundary: "boundary",
  session: "session",
  resource: "resource",
  scp: "scp",
};

let counter = 0;
function compileEntry(raw: unknown, slot: string): CompiledPolicy {
  const entry: PolicyEntry =
    typeof raw === "object" && raw !== null && "document" in raw ? (raw as PolicyEntry) : { document: raw };
  const defaultType: PolicySourceType =
    slot === "identity" ? "inline" : slot === "boundary" ? "boundary" : (slot as PolicySourceType);
  const type = entry.type ?? defaultType;
  const kind = type === "trust" ? "trust" : (KIND_OF[slot] as PolicyKind);
  // Fixtures must themselves be valid documents: parse them strictly.
  const doc = parsePolicyDocument(JSON.stringify(entry.document), { kind, mode: "strict" });
  const source = { id: entry.id ?? `P${++counter}`, name: entry.name ?? `${slot}-policy`, type };
  return compilePolicy(doc, entry.arn ? { ...source, arn: entry.arn } : source);
}

export function policySetFrom(policies: Record<string, unknown>): PolicySet {
  const set: PolicySet = { identity: [] };
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
  if (policies.identity) set.identity = list(policies.identity).map((p) => compileEntry(p, "identity"));
  if (policies.boundary) set.boundary = compileEntry(policies.boundary, "boundary");
  if (policies.session) set.session = list(policies.session).map((p) => compileEntry(p, "session"));
  if (policies.resource) set.resource = compileEntry(policies.resource, "resource");
  if (policies.scp) set.scp = list(policies.scp).map((p) => compileEntry(p, "scp"));
  return set;
}

function runEvalCase(c: EvalCase): void {
  const set = policySetFrom(c.policies);
  const request: RequestContext = {
    principal: principalFrom(c.request.principal),
    action: c.request.action,
    resource: c.request.resource ?? "*",
    context: c.request.context ?? {},
  };
  if (c.request.resourceAccountId) request.resourceAccountId = c.request.resourceAccountId;
  const d = evaluatePolicies(request, set);
  assert.equal(d.decision, c.expect.decision, "decision");
  if (c.expect.blockedBy !== undefined) assert.equal(d.blockedBy, c.expect.blockedBy, "blockedBy");
  if (c.expect.decision === "Allowed") assert.equal(d.blockedBy, undefined);
  if (c.expect.message !== undefined) assert.equal(formatAccessDeniedMessage(request, d), c.expect.message);
  if (c.expect.matchedSids !== undefined) {
    assert.deepEqual(
      d.matchedStatements.map((m) => m.sid ?? `#${m.statementIndex}`),
      c.expect.matchedSids,
      "matched statements",
    );
  }
  if (c.expect.missingContextValues !== undefined) {
    assert.deepEqual([...d.missingContextValues].sort(), [...c.expect.missingContextValues].sort());
  }
}

function runDocCase(c: DocCase): void {
  const text = typeof c.document === "string" ? c.document : JSON.stringify(c.document, null, 2);
  const opts = {
    ...(c.maxSize === undefined ? {} : { maxSize: c.maxSize }),
    ...(c.managed ? { managed: true } : {}),
  };
  if (c.expectError === null) {
    parsePolicyDocument(text, { kind: c.kind, mode: "strict", ...opts });
  } else {
    const want = c.expectError;
    assert.throws(
      () => parsePolicyDocument(text, { kind: c.kind, mode: "strict", ...opts }),
      (e: unknown) => {
        const type = want.type === "LimitExceeded" ? PolicySizeExceededError : MalformedPolicyDocumentError;
        assert.ok(e instanceof type, `expected ${want.type}, got ${String(e)}`);
        assert.equal((e as Error).message, want.message);
        return true;
      },
    );
  }
  // Lenient on read: whatever is JSON parses.
  if (c.lenient !== false) {
    let isJson = true;
    try {
      JSON.parse(text);
    } catch {
      isJson = false;
    }
    if (isJson) parsePolicyDocument(text, { kind: c.kind, mode: "lenient" });
  }
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));
let total = 0;
for (const file of files) {
  const cases = JSON.parse(readFileSync(join(DIR, file), "utf8")) as Array<EvalCase | DocCase>;
  total += cases.length;
  describe(file, () => {
    for (const c of cases) {
      it(c.name, () => ("expectError" in c ? runDocCase(c as DocCase) : runEvalCase(c as EvalCase)));
    }
  });
}
describe("conformance tables", () => {
  it("hold several hundred cases", () => assert.ok(total >= 300, `only ${total} cases`));
});
