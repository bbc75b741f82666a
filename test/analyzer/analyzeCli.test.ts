// `portcullis analyze` as a command: exit 1 with findings and 0 without, 2 with a message naming
// the file on bad input (never a stack trace); `--format sarif` validates against the SARIF 2.1.0
// schema; `--graph mermaid` draws each path.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { Ajv } from "ajv";

const run = promisify(execFile);
// The credential reports of the cases were taken on this day; key ages are counted from it.
const NOW = "2026-02-01T00:00:00Z";
const cases = path.join(import.meta.dirname, "..", "conformance", "analyzer", "cases");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-analyze-"));

function exportOf(name: string): { details: string; report: string } {
  const c = JSON.parse(fs.readFileSync(path.join(cases, `${name}.json`), "utf8"));
  const details = path.join(tmp, `${name}.json`);
  const report = path.join(tmp, `${name}.csv`);
  fs.writeFileSync(details, JSON.stringify(c.authorizationDetails));
  fs.writeFileSync(report, c.credentialReport);
  return { details, report };
}

async function analyze(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await run(process.execPath, [
      "--import",
      "tsx",
      "src/cli/main.ts",
      "analyze",
      "--now",
      NOW,
      ...args,
    ]);
    return { code: 0, ...out };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test("findings: exit 1, SARIF 2.1.0 valid, a mermaid graph of the path", async () => {
  const { details, report } = exportOf("mfa-bypass-first-device");
  const sarif = await analyze(
    "--authorization-details",
    details,
    "--credential-report",
    report,
    "--format",
    "sarif",
  );
  assert.equal(sarif.code, 1, sarif.stderr);
  const schema = JSON.parse(
    fs.readFileSync("node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json", "utf8"),
  );
  // The schema is draft-04; Ajv 8 validates it as draft-07 once its id keyword is spelt `$id` and the
  // meta-schema is not looked up (the two drafts agree on every keyword this schema uses).
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // Its language pattern is not valid in Unicode mode; Ajv then compiles patterns without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  const doc = JSON.parse(sarif.stdout);
  assert.ok(validate(structuredClone(doc)), JSON.stringify(validate.errors));
  // The validator can fail: a result without its message is not SARIF.
  const broken = structuredClone(doc);
  delete broken.runs[0].results[0].message;
  assert.equal(validate(broken), false);
  assert.ok(doc.runs[0].results.some((r: { ruleId: string }) => r.ruleId === "mfa-bypass"));

  const graph = await analyze(
    "--authorization-details",
    details,
    "--credential-report",
    report,
    "--format",
    "json",
    "--graph",
    "mermaid",
  );
  assert.equal(graph.code, 1);
  const [json, mermaid] = graph.stdout.split(/\n(?=flowchart LR)/);
  const findings = JSON.parse(json as string).findings;
  assert.equal(findings[0].kind, "mfa-bypass");
  assert.match(mermaid as string, /^flowchart LR/);
  assert.match(mermaid as string, /iam:EnableMFADevice/);
  assert.match(mermaid as string, /sts:GetSessionToken/);
});

test("no findings: exit 0", async () => {
  const { details, report } = exportOf("mfa-bypass-near-miss-has-device");
  const out = await analyze("--authorization-details", details, "--credential-report", report);
  assert.equal(out.code, 0, out.stdout + out.stderr);
  assert.match(out.stdout, /No findings/);
});

test("bad input: exit 2 naming the file, no stack trace", async () => {
  const bad = path.join(tmp, "bad.json");
  fs.writeFileSync(bad, '{"UserDetailList": [ {');
  const out = await analyze("--authorization-details", bad);
  assert.equal(out.code, 2);
  assert.ok(out.stderr.includes(`${bad}: not valid JSON`), out.stderr);
  assert.doesNotMatch(out.stderr, /\n\s+at /);
  const missing = await analyze("--authorization-details", path.join(tmp, "nope.json"));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json: cannot read \(ENOENT\)/);
  const { details } = exportOf("hygiene");
  const notCsv = await analyze("--authorization-details", details, "--credential-report", details);
  assert.equal(notCsv.code, 2);
  assert.match(notCsv.stderr, /hygiene\.json: not a credential report/);
});
