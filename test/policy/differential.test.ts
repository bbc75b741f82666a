/**
 * Differential test: our engine against @cloud-copilot/iam-simulate (AGPL-3.0, used here in tests
 * only) on 10,000 seeded, generated identity-policy-and-request pairs. Decisions must agree; a
 * disagreement passes only when an entry of differential-exceptions.json explains it — each entry
 * cites the AWS documentation that decides which side is right, and comes with a rewrite of the
 * case that removes the disputed feature: after it both engines must agree, and our decision
 * must not change.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import {
  compilePolicy,
  contextValues,
  evaluatePolicies,
  parsePolicyDocument,
} from "../../src/policy/index.ts";
import { ACCOUNT, type GeneratedCase, generateCases } from "./generatePolicyCases.ts";

const PAIRS = 10_000;

interface ExceptionEntry {
  id: string;
  docUrl: string;
  quote: string;
}
const exceptions = JSON.parse(
  readFileSync(join(import.meta.dirname, "differential-exceptions.json"), "utf8"),
) as ExceptionEntry[];

function ours(c: GeneratedCase): string {
  const identity = c.policies.map((p, i) =>
    compilePolicy(parsePolicyDocument(JSON.stringify(p.document), { kind: "identity", mode: "strict" }), {
      id: String(i),
      name: p.name,
      type: "inline",
    }),
  );
  return evaluatePolicies(
    {
      principal: { arn: c.request.principal, accountId: ACCOUNT, type: "user" },
      action: c.request.action,
      resource: c.request.resource,
      context: contextValues(c.request.context),
    },
    { identity },
  ).decision;
}

function theirs(c: GeneratedCase): string {
  const simulation: Simulation = {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: ACCOUNT },
      contextVariables: c.request.context,
    },
    identityPolicies: c.policies.map((p) => ({ name: p.name, policy: p.document })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  // The peer's fastest mode: no input validation (our strict parser already validated).
  return runUnsafeSimulation(simulation, {});
}

type Rewrite = (c: GeneratedCase) => GeneratedCase | undefined;

const asList = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];
const VARIABLE = /\$\{([^}]+)\}/g;

/** Each exception's rewrite: undefined when the case does not have the exception's feature. */
const rewrites: Record<string, Rewrite> = {
  "peer-ignores-variable-in-resource-without-slash": (c) => {
    let changed = false;
    const sub = (pattern: string) => {
      const resourcePart = pattern.split(":").slice(5).join(":");
      if (!pattern.includes("${") || resourcePart.includes("/")) return pattern;
      return pattern.replace(VARIABLE, (whole, key: string) => {
        const v = c.request.context[key];
        if (typeof v !== "string") return whole;
        changed = true;
        return v;
      });
    };
    const policies = c.policies.map((p) => ({
      ...p,
      document: {
        ...p.document,
        Statement: p.document.Statement.map((st) => {
          const out = { ...st };
          if (st.Resource !== undefined) out.Resource = asList(st.Resource).map(sub);
          if (st.NotResource !== undefined) out.NotResource = asList(st.NotResource).map(sub);
          return out;
        }),
      },
    }));
    return changed ? { ...c, policies } : undefined;
  },
  "not-resource-with-absent-variable-invalidates-statement": (c) => {
    let changed = false;
    const absent = (pattern: string) =>
      [...pattern.matchAll(VARIABLE)].some((m) => c.request.context[m[1] as string] === undefined);
    const policies = c.policies.map((p) => ({
      ...p,
      document: {
        ...p.document,
        Statement: p.document.Statement.filter((st) => {
          const drop = asList(st.NotResource).some(absent);
          if (drop) changed = true;
          return !drop;
        }),
      },
    }));
    // A policy needs at least one statement to stay valid; an emptied one allows nothing.
    const kept = policies.map((p) =>
      p.document.Statement.length > 0
        ? p
        : {
            ...p,
            document: { ...p.document, Statement: [{ Effect: "Deny", Action: "none:None", Resource: "*" }] },
          },
    );
    return changed ? { ...c, policies: kept } : undefined;
  },
};

it(`agrees with iam-simulate on ${PAIRS} generated pairs, except for documented cases`, () => {
  for (const e of exceptions) {
    assert.ok(rewrites[e.id], `exception ${e.id} has no rewrite`);
    assert.match(e.docUrl, /^https:\/\/docs\.aws\.amazon\.com\//);
    assert.ok(e.quote.length > 20);
  }
  const explained = new Map<string, number>();
  const unexplained: string[] = [];
  const cases = generateCases(PAIRS);
  for (const c of cases) {
    const a = ours(c);
    const b = theirs(c);
    if (a === b) continue;
    // Apply every rewrite whose feature the case has, cumulatively (a case may have several).
    let current = c;
    const used: string[] = [];
    for (const e of exceptions) {
      const next = (rewrites[e.id] as Rewrite)(current);
      if (next) {
        current = next;
        used.push(e.id);
      }
    }
    if (used.length > 0 && ours(current) === a && theirs(current) === a) {
      for (const id of used) explained.set(id, (explained.get(id) ?? 0) + 1);
    } else {
      unexplained.push(`#${c.id}: ours ${a}, iam-simulate ${b}: ${JSON.stringify(c)}`);
    }
  }
  const summary = [...explained].map(([id, n]) => `${id}: ${n}`).join(", ");
  console.log(`differential: ${cases.length} pairs; explained disagreements: ${summary || "none"}`);
  assert.deepEqual(unexplained.slice(0, 5), [], `${unexplained.length} unexplained disagreements`);
});
