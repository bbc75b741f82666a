// The shipped AWS-managed policy catalog: every entry is a valid identity policy by the strict
// parser, under the managed-policy size quota, with AWS's ARN and id forms, and found by its ARN.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  awsManagedPolicySource,
  getAwsManagedPolicy,
  listAwsManagedPolicies,
} from "../../src/domain/awsManagedPolicyCatalog.ts";
import { MAX_MANAGED_POLICY_SIZE } from "../../src/domain/ManagedPolicy.ts";
import { parsePolicyDocument } from "../../src/policy/index.ts";

const REQUIRED = [
  "AdministratorAccess",
  "IAMFullAccess",
  "IAMReadOnlyAccess",
  "IAMSelfManageServiceSpecificCredentials",
  "IAMUserChangePassword",
  "PowerUserAccess",
  "ReadOnlyAccess",
];

test("the catalog holds the required policies, in name order", () => {
  const names = listAwsManagedPolicies().map((p) => p.policy.policyName);
  for (const name of REQUIRED) assert.ok(names.includes(name), name);
  assert.deepEqual(
    names,
    [...names].sort((a, b) => a.localeCompare(b, "en")),
  );
});

test("every entry has AWS's ARN and id forms and parses strictly as an identity policy", () => {
  const ids = new Set<string>();
  for (const { policy, document } of listAwsManagedPolicies()) {
    assert.equal(policy.arn, `arn:aws:iam::aws:policy${policy.path}${policy.policyName}`);
    assert.equal(policy.accountId, "aws");
    assert.match(policy.policyId, /^ANPA[A-Z0-9]{17}$/);
    assert.ok(!ids.has(policy.policyId), `duplicate id ${policy.policyId}`);
    ids.add(policy.policyId);
    assert.match(policy.defaultVersionId, /^v[1-9][0-9]*$/);
    assert.ok(policy.createDate.getTime() <= policy.updateDate.getTime());
    assert.ok(policy.description);
    parsePolicyDocument(document, { kind: "identity", mode: "strict", maxSize: MAX_MANAGED_POLICY_SIZE });
  }
});

test("lookups by ARN, exact, and in the policy resolver's form", () => {
  const admin = getAwsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
  assert.equal(admin?.policy.policyName, "AdministratorAccess");
  assert.deepEqual(JSON.parse(admin?.document ?? ""), {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  });
  assert.equal(getAwsManagedPolicy("arn:aws:iam::aws:policy/administratoraccess"), undefined);
  assert.equal(getAwsManagedPolicy("arn:aws:iam::111122223333:policy/AdministratorAccess"), undefined);
  const viaSource = awsManagedPolicySource.get("arn:aws:iam::aws:policy/ReadOnlyAccess");
  assert.equal(viaSource?.policyName, "ReadOnlyAccess");
  assert.ok(viaSource?.document.includes("iam:List*"));
  assert.match(
    getAwsManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess")?.policy.description ?? "",
    /Abridged/,
  );
});
