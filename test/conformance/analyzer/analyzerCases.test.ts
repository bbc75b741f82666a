// The analyzer's conformance table: each case is an account as AWS's export files describe it
// (get-account-authorization-details JSON, optionally the credential report and CloudTrail
// records) and the findings of the kinds it is about, exactly — near-misses expect none. Every
// step of every finding is then decided again by the engine, from the statements it names.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { analyzeAccount } from "../../../src/analyzer/analyzeAccount.ts";
import type { MfaSemantics } from "../../../src/analyzer/findMfaBypasses.ts";
import { parseAuditRecords } from "../../../src/analyzer/parseAuditRecords.ts";
import { parseAuthorizationDetails } from "../../../src/analyzer/parseAuthorizationDetails.ts";
import { parseCredentialReport, withCredentialReport } from "../../../src/analyzer/parseCredentialReport.ts";
import { loadActionCatalog } from "../../../src/cli/analyzeCommand.ts";

interface Case {
  description: string;
  kinds: string[];
  authorizationDetails: unknown;
  credentialReport?: string;
  cloudtrail?: unknown;
  mfaSemantics?: MfaSemantics;
  expected: Array<{ kind: string; principal: string; method: string; target: string; assumptions?: number }>;
}

const dir = path.join(import.meta.dirname, "cases");
const catalog = await loadActionCatalog();
const NOW = new Date("2026-02-01T00:00:00Z");

export function runCase(file: string) {
  const c = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Case;
  let snapshot = parseAuthorizationDetails(JSON.stringify(c.authorizationDetails), file);
  if (c.credentialReport)
    snapshot = withCredentialReport(snapshot, parseCredentialReport(c.credentialReport, file));
  const auditEvents = c.cloudtrail ? parseAuditRecords(JSON.stringify(c.cloudtrail), file) : undefined;
  const findings = analyzeAccount(snapshot, {
    catalog,
    now: NOW,
    ...(c.mfaSemantics ? { mfaSemantics: c.mfaSemantics } : {}),
    ...(auditEvents ? { auditEvents } : {}),
  });
  return { c, findings: findings.filter((f) => c.kinds.includes(f.kind)) };
}

describe("analyzer conformance cases", () => {
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    test(file.replace(/\.json$/, ""), () => {
      const { c, findings } = runCase(file);
      const actual = findings.map((f) => ({
        kind: f.kind,
        principal: f.principal,
        method: f.method,
        target: f.target,
        ...(f.assumptions ? { assumptions: f.assumptions.length } : {}),
      }));
      assert.deepEqual(actual, c.expected, c.description);
      for (const f of findings)
        for (const step of f.path) {
          if (step.guard?.startsWith("never denied")) continue;
          assert.ok(step.allowedBy.length > 0, `${f.id}: ${step.action} names the statements that allow it`);
        }
    });
  }
});
