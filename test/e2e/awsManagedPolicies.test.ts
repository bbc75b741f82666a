// End-to-end: the AWS-managed policy catalog through the AWS SDK v3 against a real server — every
// policy AWS publishes under its own path, found by GetPolicy and listed by ListPolicies (path
// prefixes, pages that walk the whole scope once), every recorded version through
// ListPolicyVersions and GetPolicyVersion, and attachable by ARN with its permissions enforced.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AttachUserPolicyCommand,
  CreateUserCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  type IAMClient,
  ListAttachedUserPoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { listAllPolicies } from "../support/listAllPolicies.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "../support/startTestServer.ts";
import { WELL_KNOWN_AWS_MANAGED_POLICIES } from "../support/wellKnownAwsManagedPolicies.ts";

let server: TestServer;
let iam: IAMClient;

before(async () => {
  server = await startTestServer();
  iam = iamClient(server.url, ROOT_KEY);
});

after(async () => {
  await server.stop();
});

const awsArn = (pathAndName: string) => `arn:aws:iam::aws:policy${pathAndName}`;
const LAMBDA_BASIC = awsArn("/service-role/AWSLambdaBasicExecutionRole");
const S3_READ_ONLY = awsArn("/AmazonS3ReadOnlyAccess");
const IAM_READ_ONLY = awsArn("/IAMReadOnlyAccess");

describe("GetPolicy and ListPolicies", () => {
  test("well-known policies are found with their path and ARN", async () => {
    for (const [path, name] of WELL_KNOWN_AWS_MANAGED_POLICIES) {
      const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: awsArn(`${path}${name}`) }))).Policy;
      assert.equal(policy?.PolicyName, name);
      assert.equal(policy?.Path, path);
      assert.equal(policy?.Arn, awsArn(`${path}${name}`));
      assert.match(policy?.PolicyId ?? "", /^ANPA[A-Z2-7]{17}$/);
      assert.match(policy?.DefaultVersionId ?? "", /^v[1-9][0-9]*$/);
      assert.equal(policy?.IsAttachable, true);
      assert.equal(policy?.AttachmentCount, 0);
    }
    const missing = await expectRefusal(
      iam.send(new GetPolicyCommand({ PolicyArn: awsArn("/AWSLambdaBasicExecutionRole") })),
    );
    assert.equal(missing.code, "NoSuchEntity");
    assert.equal(missing.status, 404);
  });

  test("the first ListPolicies Scope=AWS answers quickly with a page of 100", async () => {
    const started = performance.now();
    const page = await iam.send(new ListPoliciesCommand({ Scope: "AWS" }));
    const elapsed = performance.now() - started;
    assert.equal(page.Policies?.length, 100);
    assert.equal(page.IsTruncated, true);
    // Generous for a shared two-core machine; usage is computed for the page only (~50 ms here).
    assert.ok(elapsed < 2000, `${elapsed} ms`);
  });

  test("pages of MaxItems walk the whole AWS scope once, in name order", async () => {
    const names = (await listAllPolicies(iam, { Scope: "AWS" }, 100)).map((p) => p.PolicyName ?? "");
    assert.ok(names.length > 1000, `${names.length} policies`);
    assert.equal(new Set(names).size, names.length);
    const lower = names.map((n) => n.toLowerCase());
    assert.deepEqual(lower, [...lower].sort());
    assert.deepEqual(
      (await listAllPolicies(iam, { Scope: "AWS" }, 1000)).map((p) => p.PolicyName),
      names,
    );
  });

  test("PathPrefix=/service-role/ returns that path only", async () => {
    const serviceRole = await listAllPolicies(iam, { Scope: "AWS", PathPrefix: "/service-role/" }, 1000);
    assert.ok(serviceRole.length > 10);
    assert.ok(
      serviceRole.every((p) => p.Path === "/service-role/"),
      "a policy outside /service-role/",
    );
    assert.ok(serviceRole.some((p) => p.Arn === LAMBDA_BASIC));
    const jobFunction = await listAllPolicies(iam, { Scope: "AWS", PathPrefix: "/job-function/" }, 1000);
    assert.ok(jobFunction.some((p) => p.PolicyName === "ViewOnlyAccess"));
    assert.ok(
      jobFunction.every((p) => p.Path === "/job-function/"),
      "a policy outside /job-function/",
    );
  });
});

describe("versions", () => {
  test("ListPolicyVersions lists every version newest first, the default flagged", async () => {
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: IAM_READ_ONLY }))).Policy;
    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: IAM_READ_ONLY }));
    const versions = listed.Versions ?? [];
    assert.ok(versions.length >= 4, `${versions.length} versions`);
    const numbers = versions.map((v) => Number(v.VersionId?.slice(1)));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => b - a),
    );
    assert.equal(versions[0]?.VersionId, policy?.DefaultVersionId);
    assert.deepEqual(
      versions.map((v) => v.IsDefaultVersion),
      versions.map((_, i) => i === 0),
    );
    assert.ok(versions.every((v) => v.Document === undefined && v.CreateDate instanceof Date));

    const first = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: IAM_READ_ONLY, MaxItems: 2 }));
    assert.equal(first.IsTruncated, true);
    const rest = await iam.send(
      new ListPolicyVersionsCommand({ PolicyArn: IAM_READ_ONLY, Marker: first.Marker ?? "" }),
    );
    assert.deepEqual(
      [...(first.Versions ?? []), ...(rest.Versions ?? [])].map((v) => v.VersionId),
      versions.map((v) => v.VersionId),
    );
  });

  test("GetPolicyVersion returns an old version's document, URL-encoded", async () => {
    const old = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: IAM_READ_ONLY, VersionId: "v1" })))
      .PolicyVersion;
    assert.equal(old?.VersionId, "v1");
    assert.equal(old?.IsDefaultVersion, false);
    assert.deepEqual(JSON.parse(decodeURIComponent(old?.Document ?? "")), {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["iam:List*", "iam:Get*"], Resource: "*" }],
    });
    const current = (
      await iam.send(new GetPolicyVersionCommand({ PolicyArn: IAM_READ_ONLY, VersionId: "v4" }))
    ).PolicyVersion;
    assert.ok(decodeURIComponent(current?.Document ?? "").includes("iam:SimulateCustomPolicy"));

    const missing = await expectRefusal(
      iam.send(new GetPolicyVersionCommand({ PolicyArn: IAM_READ_ONLY, VersionId: "v999" })),
    );
    assert.equal(missing.code, "NoSuchEntity");
    assert.equal(missing.status, 404);
    assert.equal(
      missing.message,
      `Policy ${IAM_READ_ONLY} version v999 does not exist or is not attachable.`,
    );
  });
});

describe("attachment", () => {
  test("any AWS-managed ARN attaches, and counts as in use", async () => {
    await iam.send(new CreateUserCommand({ UserName: "lambda-deployer" }));
    for (const arn of [LAMBDA_BASIC, S3_READ_ONLY])
      await iam.send(new AttachUserPolicyCommand({ UserName: "lambda-deployer", PolicyArn: arn }));
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "lambda-deployer" }));
    assert.deepEqual(attached.AttachedPolicies?.map((p) => p.PolicyArn).sort(), [S3_READ_ONLY, LAMBDA_BASIC]);
    assert.equal(
      (await iam.send(new GetPolicyCommand({ PolicyArn: LAMBDA_BASIC }))).Policy?.AttachmentCount,
      1,
    );
    const inUse = await iam.send(
      new ListPoliciesCommand({ Scope: "AWS", OnlyAttached: true, PolicyUsageFilter: "PermissionsPolicy" }),
    );
    assert.deepEqual(inUse.Policies?.map((p) => p.PolicyName).sort(), [
      "AWSLambdaBasicExecutionRole",
      "AmazonS3ReadOnlyAccess",
    ]);
    const boundaries = await iam.send(
      new ListPoliciesCommand({ Scope: "AWS", OnlyAttached: true, PolicyUsageFilter: "PermissionsBoundary" }),
    );
    assert.deepEqual(boundaries.Policies, []);
  });

  test("a job-function policy grants what its document says, on the very next request", async () => {
    const viewer = iamClient(server.url, await createUserWithKey(server.url, "viewer"));
    assert.equal((await expectRefusal(viewer.send(new ListUsersCommand({})))).code, "AccessDenied");
    await iam.send(
      new AttachUserPolicyCommand({ UserName: "viewer", PolicyArn: awsArn("/job-function/ViewOnlyAccess") }),
    );
    await viewer.send(new ListUsersCommand({}));
    // ViewOnlyAccess lists IAM but does not create in it.
    const refused = await expectRefusal(viewer.send(new CreateUserCommand({ UserName: "not-allowed" })));
    assert.equal(refused.code, "AccessDenied");
    assert.equal(refused.status, 403);
  });
});
