// End-to-end: the policy-management operations of IAM, driven by the AWS SDK v3 as root against a
// real server — managed policies and their versions (URL-encoded documents, the five-version
// quota, default switching, ids never reused), tags, attachments (the ten-per-user quota), inline
// policies (the 2,048-character aggregate quota), permissions boundaries, ListEntitiesForPolicy,
// ListPolicies' scopes and filters, the AWS-managed catalog, and each error with AWS's code,
// status and message. Changes to a user's policies take effect on the very next request.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  type IAMClient,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from "@aws-sdk/client-iam";
import { errorCode, iamClient, signedQuery } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { assertRefusal, expectRefusal } from "../support/expectRefusal.ts";
import { listAllPolicies } from "../support/listAllPolicies.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

let server: TestServer;
let iam: IAMClient;

before(async () => {
  server = await startTestServer();
  iam = iamClient(server.url, ROOT_KEY);
});

after(async () => {
  await server.stop();
});

const arnOf = (path: string, name: string) => `arn:aws:iam::${TEST_ACCOUNT_ID}:policy${path}${name}`;
const AWS_ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const AWS_READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

function allow(action: string, resource = "*"): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: action, Resource: resource }],
  });
}

async function createPolicy(name: string, document = allow("s3:GetObject"), path?: string): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document, ...(path ? { Path: path } : {}) }),
  );
  assert.ok(out.Policy?.Arn);
  return out.Policy.Arn;
}

describe("CreatePolicy and GetPolicy", () => {
  test("a new policy has v1 as default, no usage, its tags, and GetPolicy agrees", async () => {
    const out = await iam.send(
      new CreatePolicyCommand({
        PolicyName: "reader",
        Path: "/team/",
        Description: "reads objects",
        PolicyDocument: allow("s3:GetObject"),
        Tags: [{ Key: "team", Value: "red" }],
      }),
    );
    const p = out.Policy;
    assert.ok(p);
    assert.equal(p.Arn, arnOf("/team/", "reader"));
    assert.match(p.PolicyId ?? "", /^ANPA[A-Z2-7]{17}$/);
    assert.equal(p.Path, "/team/");
    assert.equal(p.DefaultVersionId, "v1");
    assert.equal(p.AttachmentCount, 0);
    assert.equal(p.PermissionsBoundaryUsageCount, 0);
    assert.equal(p.IsAttachable, true);
    // AWS does not echo the description on create; GetPolicy gives it.
    assert.equal(p.Description, undefined);
    assert.deepEqual(p.Tags, [{ Key: "team", Value: "red" }]);
    assert.ok(p.CreateDate instanceof Date);

    const got = await iam.send(new GetPolicyCommand({ PolicyArn: p.Arn }));
    assert.equal(got.Policy?.PolicyId, p.PolicyId);
    assert.equal(got.Policy?.DefaultVersionId, "v1");
    assert.deepEqual(got.Policy?.Tags, [{ Key: "team", Value: "red" }]);
    assert.equal(got.Policy?.Description, "reads objects");
  });

  test("a duplicate name (any case, any path) is EntityAlreadyExists (409)", async () => {
    await createPolicy("unique-name");
    const err = await expectRefusal(
      iam.send(
        new CreatePolicyCommand({ PolicyName: "UNIQUE-name", Path: "/x/", PolicyDocument: allow("s3:*") }),
      ),
    );
    assertRefusal(
      err,
      "EntityAlreadyExists",
      409,
      "A policy called UNIQUE-name already exists. Duplicate names are not allowed.",
    );
  });

  test("malformed documents are MalformedPolicyDocument (400) in AWS's words", async () => {
    const cases: [string, string][] = [
      ["not json", "Syntax errors in policy."],
      [
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }],
        }),
        "Policy document should not specify a principal.",
      ],
      [
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "*" }] }),
        "Policy statement must contain actions.",
      ],
    ];
    for (const [document, message] of cases) {
      const err = await expectRefusal(
        iam.send(new CreatePolicyCommand({ PolicyName: "bad", PolicyDocument: document })),
      );
      assertRefusal(err, "MalformedPolicyDocument", 400, message);
    }
  });

  test("over 6,144 characters (white space not counted) is LimitExceeded (409)", async () => {
    const actions = Array.from({ length: 400 }, (_, i) => `s3:GetObjectNumber${i}`);
    const big = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }],
    });
    const err = await expectRefusal(
      iam.send(new CreatePolicyCommand({ PolicyName: "big", PolicyDocument: big })),
    );
    assertRefusal(err, "LimitExceeded", 409, "Cannot exceed quota for PolicySize: 6144");
    // White space is free: the same short policy padded far beyond 6,144 characters is accepted.
    const padded = allow("s3:GetObject").replace(",", `,${" ".repeat(7000)}`);
    await createPolicy("padded", padded);
  });

  test("an unknown policy is NoSuchEntity (404); a non-ARN is InvalidInput (400)", async () => {
    const arn = arnOf("/", "nope");
    assertRefusal(
      await expectRefusal(iam.send(new GetPolicyCommand({ PolicyArn: arn }))),
      "NoSuchEntity",
      404,
      `Policy ${arn} was not found.`,
    );
    assertRefusal(
      await expectRefusal(iam.send(new GetPolicyCommand({ PolicyArn: "this-is-not-an-arn-at-all" }))),
      "InvalidInput",
      400,
      "ARN this-is-not-an-arn-at-all is not valid.",
    );
  });
});

describe("policy versions", () => {
  test("the lifecycle: five versions at most, default switching, URL-encoded documents, ids never reused", async () => {
    const v1 = allow("s3:GetObject");
    const arn = await createPolicy("versioned", v1);
    const documents: Record<string, string> = { v1 };
    for (let n = 2; n <= 5; n++) {
      // Spaces, a plus sign and non-ASCII survive the URL-encoding round trip.
      const doc = JSON.stringify(
        {
          Version: "2012-10-17",
          Statement: [
            { Sid: `V${n}`, Effect: "Allow", Action: `s3:Get+${n}`, Resource: "arn:aws:s3:::bücket/*" },
          ],
        },
        null,
        2,
      );
      const out = await iam.send(
        new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc, SetAsDefault: n === 3 }),
      );
      assert.equal(out.PolicyVersion?.VersionId, `v${n}`);
      assert.equal(out.PolicyVersion?.IsDefaultVersion, n === 3);
      // AWS answers the new version without its document; GetPolicyVersion gives it.
      assert.equal(out.PolicyVersion?.Document, undefined);
      documents[`v${n}`] = doc;
    }
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId, "v3");

    assertRefusal(
      await expectRefusal(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 }))),
      "LimitExceeded",
      409,
      "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
    );

    for (const [id, doc] of Object.entries(documents)) {
      const got = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: id }));
      assert.equal(decodeURIComponent(got.PolicyVersion?.Document ?? ""), doc);
      assert.equal(got.PolicyVersion?.IsDefaultVersion, id === "v3");
    }

    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(listed.Versions?.map((v) => v.VersionId).sort(), ["v1", "v2", "v3", "v4", "v5"]);
    assert.equal(listed.Versions?.filter((v) => v.IsDefaultVersion).length, 1);
    assert.ok(
      listed.Versions?.every((v) => v.Document === undefined),
      "ListPolicyVersions omits documents",
    );

    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2, ...(marker ? { Marker: marker } : {}) }),
      );
      seen.push(...(page.Versions ?? []).map((v) => v.VersionId ?? ""));
      assert.ok((page.Versions?.length ?? 0) <= 2);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    assert.equal(seen.length, 5);

    assertRefusal(
      await expectRefusal(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" }))),
      "DeleteConflict",
      409,
      "Cannot delete the default version of a policy.",
    );
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v5" }));
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" }));
    const next = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 }));
    assert.equal(next.PolicyVersion?.VersionId, "v6", "version ids are never reused");

    assertRefusal(
      await expectRefusal(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" }))),
      "NoSuchEntity",
      404,
      `Policy ${arn} version v3 does not exist or is not attachable.`,
    );
    assertRefusal(
      await expectRefusal(iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v9" }))),
      "NoSuchEntity",
      404,
    );
    // Five versions again (v1, v2, v4, v5, v6): the quota is checked before the document.
    assertRefusal(
      await expectRefusal(
        iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: '{"Statement":' })),
      ),
      "LimitExceeded",
      409,
    );

    // DeletePolicy refuses while versions other than the default remain.
    assertRefusal(
      await expectRefusal(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))),
      "DeleteConflict",
      409,
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
    for (const v of ["v1", "v2", "v4", "v6"]) {
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    }
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    assertRefusal(
      await expectRefusal(iam.send(new GetPolicyCommand({ PolicyArn: arn }))),
      "NoSuchEntity",
      404,
    );
  });

  test("a malformed new version is MalformedPolicyDocument (400)", async () => {
    const arn = await createPolicy("versioned-malformed");
    assertRefusal(
      await expectRefusal(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: "{" }))),
      "MalformedPolicyDocument",
      400,
      "Syntax errors in policy.",
    );
  });

  test("on the wire the document is percent-encoded with %20 for spaces, as AWS sends it", async () => {
    const doc =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}';
    const arn = await createPolicy("wire-encoded", doc);
    const res = await signedQuery(server.url, ROOT_KEY, "iam", {
      Action: "GetPolicyVersion",
      Version: "2010-05-08",
      PolicyArn: arn,
      VersionId: "v1",
    });
    assert.equal(res.status, 200);
    const encoded = /<Document>([^<]*)<\/Document>/.exec(res.body)?.[1] ?? "";
    assert.ok(encoded.startsWith("%7B%22Version%22%3A%20%222012-10-17%22"), encoded);
    assert.ok(!encoded.includes("+"));
    assert.equal(decodeURIComponent(encoded), doc);
  });
});

describe("policy tags", () => {
  test("TagPolicy, ListPolicyTags and UntagPolicy", async () => {
    const arn = await createPolicy("tagged");
    await iam.send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
        ],
      }),
    );
    await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: "A", Value: "3" }] }));
    const listed = await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }));
    assert.equal(listed.Tags?.length, 2);
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ["b", "missing"] }));
    const after = await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }));
    assert.equal(after.Tags?.length, 1);
    assertRefusal(
      await expectRefusal(
        iam.send(
          new TagPolicyCommand({
            PolicyArn: arn,
            Tags: [
              { Key: "k", Value: "1" },
              { Key: "K", Value: "2" },
            ],
          }),
        ),
      ),
      "InvalidInput",
      400,
    );
    assert.deepEqual((await iam.send(new ListPolicyTagsCommand({ PolicyArn: AWS_ADMIN }))).Tags, []);
  });
});

describe("attaching managed policies to users", () => {
  test("attach up to ten, detach, list with path prefix and pages; usage counts follow", async () => {
    await iam.send(new CreateUserCommand({ UserName: "attach-user" }));
    const customer: string[] = [];
    for (let i = 0; i < 8; i++)
      customer.push(await createPolicy(`attach-${i}`, allow("s3:GetObject"), i < 3 ? "/ops/" : "/"));
    const all = [AWS_ADMIN, AWS_READ_ONLY, ...customer];
    for (const arn of all)
      await iam.send(new AttachUserPolicyCommand({ UserName: "attach-user", PolicyArn: arn }));
    // Attaching again what is attached changes nothing and is not refused.
    await iam.send(new AttachUserPolicyCommand({ UserName: "attach-user", PolicyArn: AWS_ADMIN }));

    const eleventh = await createPolicy("attach-eleventh");
    assertRefusal(
      await expectRefusal(
        iam.send(new AttachUserPolicyCommand({ UserName: "attach-user", PolicyArn: eleventh })),
      ),
      "LimitExceeded",
      409,
      "Cannot exceed quota for PoliciesPerUser: 10",
    );

    const listed = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "attach-user" }));
    assert.deepEqual(
      listed.AttachedPolicies?.map((p) => p.PolicyArn),
      all,
    );
    assert.equal(listed.AttachedPolicies?.[0]?.PolicyName, "AdministratorAccess");
    const ops = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: "attach-user", PathPrefix: "/ops/" }),
    );
    assert.deepEqual(
      ops.AttachedPolicies?.map((p) => p.PolicyName),
      ["attach-0", "attach-1", "attach-2"],
    );
    const page1 = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: "attach-user", MaxItems: 4 }),
    );
    assert.equal(page1.AttachedPolicies?.length, 4);
    assert.equal(page1.IsTruncated, true);
    const page2 = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: "attach-user", MaxItems: 100, Marker: page1.Marker }),
    );
    assert.equal(page2.AttachedPolicies?.length, 6);
    assert.equal(page2.IsTruncated, false);

    const got = await iam.send(new GetPolicyCommand({ PolicyArn: customer[0] }));
    assert.equal(got.Policy?.AttachmentCount, 1);
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: AWS_ADMIN }))).Policy?.AttachmentCount, 1);

    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: customer[0] }));
    assert.deepEqual(
      entities.PolicyUsers?.map((u) => u.UserName),
      ["attach-user"],
    );
    assert.match(entities.PolicyUsers?.[0]?.UserId ?? "", /^AIDA/);
    assert.deepEqual(entities.PolicyGroups, []);
    assert.deepEqual(entities.PolicyRoles, []);
    const roles = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: customer[0], EntityFilter: "Role" }),
    );
    assert.deepEqual(roles.PolicyUsers, []);
    const elsewhere = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: customer[0], PathPrefix: "/other/" }),
    );
    assert.deepEqual(elsewhere.PolicyUsers, []);

    // DeletePolicy refuses while the policy is attached; DeleteUser refuses while the user has policies.
    assertRefusal(
      await expectRefusal(iam.send(new DeletePolicyCommand({ PolicyArn: customer[0] }))),
      "DeleteConflict",
      409,
      "Cannot delete a policy attached to entities.",
    );
    assertRefusal(
      await expectRefusal(iam.send(new DeleteUserCommand({ UserName: "attach-user" }))),
      "DeleteConflict",
      409,
      "Cannot delete entity, must delete policies first.",
    );

    for (const arn of all)
      await iam.send(new DetachUserPolicyCommand({ UserName: "attach-user", PolicyArn: arn }));
    assertRefusal(
      await expectRefusal(
        iam.send(new DetachUserPolicyCommand({ UserName: "attach-user", PolicyArn: AWS_ADMIN })),
      ),
      "NoSuchEntity",
      404,
      `Policy ${AWS_ADMIN} was not found.`,
    );
    assert.deepEqual(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "attach-user" }))).AttachedPolicies,
      [],
    );
    await iam.send(new DeletePolicyCommand({ PolicyArn: customer[0] }));
    await iam.send(new DeleteUserCommand({ UserName: "attach-user" }));
  });

  test("attaching an unknown policy, or to an unknown user, is NoSuchEntity (404)", async () => {
    await iam.send(new CreateUserCommand({ UserName: "attach-unknown" }));
    for (const arn of [
      arnOf("/", "missing"),
      "arn:aws:iam::aws:policy/NoSuchAwsPolicy",
      "arn:aws:iam::999999999999:policy/theirs",
    ]) {
      assertRefusal(
        await expectRefusal(
          iam.send(new AttachUserPolicyCommand({ UserName: "attach-unknown", PolicyArn: arn })),
        ),
        "NoSuchEntity",
        404,
        `Policy ${arn} does not exist or is not attachable.`,
      );
    }
    assertRefusal(
      await expectRefusal(iam.send(new AttachUserPolicyCommand({ UserName: "ghost", PolicyArn: AWS_ADMIN }))),
      "NoSuchEntity",
      404,
      "The user with name ghost cannot be found.",
    );
  });
});

describe("inline user policies", () => {
  test("put, get (URL-encoded), list, replace and delete; the 2,048 aggregate quota", async () => {
    await iam.send(new CreateUserCommand({ UserName: "inline-user" }));
    const doc = JSON.stringify(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:List*", Resource: "*" }] },
      null,
      2,
    );
    await iam.send(
      new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "b-list", PolicyDocument: doc }),
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "inline-user",
        PolicyName: "a-get",
        PolicyDocument: allow("s3:GetObject"),
      }),
    );
    const got = await iam.send(new GetUserPolicyCommand({ UserName: "inline-user", PolicyName: "b-list" }));
    assert.equal(got.UserName, "inline-user");
    assert.equal(got.PolicyName, "b-list");
    assert.notEqual(got.PolicyDocument, doc);
    assert.equal(decodeURIComponent(got.PolicyDocument ?? ""), doc);

    const names = await iam.send(new ListUserPoliciesCommand({ UserName: "inline-user" }));
    assert.deepEqual(names.PolicyNames, ["a-get", "b-list"]);
    const page = await iam.send(new ListUserPoliciesCommand({ UserName: "inline-user", MaxItems: 1 }));
    assert.deepEqual(page.PolicyNames, ["a-get"]);
    assert.equal(page.IsTruncated, true);

    // Together with what is there (the replaced policy excluded), at most 2,048 characters.
    const actions = (n: number) =>
      Array.from({ length: n }, (_, i) => `s3:Action${String(i).padStart(4, "0")}`);
    const sized = (n: number) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: actions(n), Resource: "*" }],
      });
    const err = await expectRefusal(
      iam.send(
        new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "huge", PolicyDocument: sized(120) }),
      ),
    );
    assertRefusal(
      err,
      "LimitExceeded",
      409,
      "Maximum policy size of 2048 bytes exceeded for user inline-user",
    );
    // Replacing b-list with a larger document that still fits with a-get is accepted.
    await iam.send(
      new PutUserPolicyCommand({ UserName: "inline-user", PolicyName: "b-list", PolicyDocument: sized(80) }),
    );
    assertRefusal(
      await expectRefusal(
        iam.send(
          new PutUserPolicyCommand({
            UserName: "inline-user",
            PolicyName: "c-more",
            PolicyDocument: sized(40),
          }),
        ),
      ),
      "LimitExceeded",
      409,
    );

    assertRefusal(
      await expectRefusal(
        iam.send(
          new PutUserPolicyCommand({
            UserName: "inline-user",
            PolicyName: "bad",
            PolicyDocument: '{"Version":"2012-10-17"}',
          }),
        ),
      ),
      "MalformedPolicyDocument",
      400,
    );

    assertRefusal(
      await expectRefusal(iam.send(new DeleteUserCommand({ UserName: "inline-user" }))),
      "DeleteConflict",
      409,
      "Cannot delete entity, must delete policies first.",
    );
    await iam.send(new DeleteUserPolicyCommand({ UserName: "inline-user", PolicyName: "a-get" }));
    await iam.send(new DeleteUserPolicyCommand({ UserName: "inline-user", PolicyName: "b-list" }));
    for (const send of [
      () => iam.send(new GetUserPolicyCommand({ UserName: "inline-user", PolicyName: "a-get" })),
      () => iam.send(new DeleteUserPolicyCommand({ UserName: "inline-user", PolicyName: "a-get" })),
    ]) {
      assertRefusal(
        await expectRefusal(send()),
        "NoSuchEntity",
        404,
        "The user policy with name a-get cannot be found.",
      );
    }
    await iam.send(new DeleteUserCommand({ UserName: "inline-user" }));
  });
});

describe("permissions boundaries", () => {
  test("put and delete a user's boundary; it shows in GetUser, usage counts and ListEntitiesForPolicy", async () => {
    await iam.send(new CreateUserCommand({ UserName: "bounded" }));
    const boundary = await createPolicy("boundary-policy", allow("s3:*"));
    const missing = arnOf("/", "no-boundary");
    assertRefusal(
      await expectRefusal(
        iam.send(
          new PutUserPermissionsBoundaryCommand({ UserName: "bounded", PermissionsBoundary: missing }),
        ),
      ),
      "NoSuchEntity",
      404,
      `Policy ${missing} does not exist or is not attachable.`,
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: "bounded", PermissionsBoundary: AWS_READ_ONLY }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: "bounded", PermissionsBoundary: boundary }),
    );
    const user = await iam.send(new GetUserCommand({ UserName: "bounded" }));
    assert.deepEqual(user.User?.PermissionsBoundary, {
      PermissionsBoundaryType: "PermissionsBoundaryPolicy",
      PermissionsBoundaryArn: boundary,
    });
    const p = await iam.send(new GetPolicyCommand({ PolicyArn: boundary }));
    assert.equal(p.Policy?.PermissionsBoundaryUsageCount, 1);
    assert.equal(p.Policy?.AttachmentCount, 0);

    const asBoundary = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: boundary, PolicyUsageFilter: "PermissionsBoundary" }),
    );
    assert.deepEqual(
      asBoundary.PolicyUsers?.map((u) => u.UserName),
      ["bounded"],
    );
    const asPolicy = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: boundary, PolicyUsageFilter: "PermissionsPolicy" }),
    );
    assert.deepEqual(asPolicy.PolicyUsers, []);

    const inUse = await iam.send(
      new ListPoliciesCommand({
        Scope: "Local",
        OnlyAttached: true,
        PolicyUsageFilter: "PermissionsBoundary",
      }),
    );
    assert.deepEqual(
      inUse.Policies?.map((x) => x.PolicyName),
      ["boundary-policy"],
    );

    assertRefusal(
      await expectRefusal(iam.send(new DeletePolicyCommand({ PolicyArn: boundary }))),
      "DeleteConflict",
      409,
      "Cannot delete a policy attached to entities.",
    );
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: "bounded" }));
    assert.equal(
      (await iam.send(new GetUserCommand({ UserName: "bounded" }))).User?.PermissionsBoundary,
      undefined,
    );
    await iam.send(new DeletePolicyCommand({ PolicyArn: boundary }));
  });
});

describe("ListPolicies", () => {
  test("scopes, path prefix, OnlyAttached and pagination", async () => {
    await createPolicy("lp-one", allow("s3:GetObject"), "/lp/");
    await createPolicy("lp-two", allow("s3:GetObject"), "/lp/");
    await iam.send(new CreateUserCommand({ UserName: "lp-user" }));
    await iam.send(new AttachUserPolicyCommand({ UserName: "lp-user", PolicyArn: arnOf("/lp/", "lp-two") }));
    await iam.send(new AttachUserPolicyCommand({ UserName: "lp-user", PolicyArn: AWS_READ_ONLY }));

    const firstPage = await iam.send(new ListPoliciesCommand({ Scope: "AWS" }));
    assert.equal(firstPage.Policies?.length, 100);
    assert.equal(firstPage.IsTruncated, true);
    const aws = await listAllPolicies(iam, { Scope: "AWS" }, 1000);
    const awsNames = aws.map((p) => p.PolicyName ?? "");
    assert.ok(awsNames.length > 1000, `${awsNames.length} AWS-managed policies`);
    assert.equal(new Set(awsNames).size, awsNames.length);
    for (const name of [
      "AdministratorAccess",
      "PowerUserAccess",
      "ReadOnlyAccess",
      "IAMFullAccess",
      "IAMReadOnlyAccess",
      "IAMUserChangePassword",
      "IAMSelfManageServiceSpecificCredentials",
    ]) {
      assert.ok(awsNames.includes(name), name);
    }
    assert.ok(aws.every((p) => p.Arn?.startsWith("arn:aws:iam::aws:policy/")));

    const local = await iam.send(new ListPoliciesCommand({ Scope: "Local", PathPrefix: "/lp/" }));
    assert.deepEqual(
      local.Policies?.map((p) => p.PolicyName),
      ["lp-one", "lp-two"],
    );
    const allNames = (await listAllPolicies(iam, {}, 1000)).map((p) => p.PolicyName);
    assert.ok(allNames.includes("lp-one"), "lp-one in scope All");
    assert.ok(allNames.includes("AdministratorAccess"), "AdministratorAccess in scope All");

    const attachedLocal = await iam.send(
      new ListPoliciesCommand({ Scope: "Local", OnlyAttached: true, PathPrefix: "/lp/" }),
    );
    assert.deepEqual(
      attachedLocal.Policies?.map((p) => p.PolicyName),
      ["lp-two"],
    );
    assert.equal(attachedLocal.Policies?.[0]?.AttachmentCount, 1);
    const attachedAws = await iam.send(new ListPoliciesCommand({ Scope: "AWS", OnlyAttached: true }));
    assert.deepEqual(
      attachedAws.Policies?.map((p) => p.PolicyName),
      ["ReadOnlyAccess"],
    );

    // Pages of 3 walk a path's policies exactly as one call lists them.
    const jobFunctions = await listAllPolicies(iam, { Scope: "AWS", PathPrefix: "/job-function/" }, 1000);
    assert.ok(jobFunctions.length > 3);
    assert.deepEqual(
      (await listAllPolicies(iam, { Scope: "AWS", PathPrefix: "/job-function/" }, 3)).map(
        (p) => p.PolicyName,
      ),
      jobFunctions.map((p) => p.PolicyName),
    );
  });
});

describe("AWS-managed policies", () => {
  test("GetPolicy and GetPolicyVersion read the shipped catalog", async () => {
    const p = (await iam.send(new GetPolicyCommand({ PolicyArn: AWS_ADMIN }))).Policy;
    assert.equal(p?.PolicyName, "AdministratorAccess");
    assert.equal(p?.Path, "/");
    assert.match(p?.PolicyId ?? "", /^ANPA/);
    assert.equal(p?.IsAttachable, true);
    const v = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: AWS_ADMIN, VersionId: p?.DefaultVersionId ?? "" }),
    );
    assert.deepEqual(JSON.parse(decodeURIComponent(v.PolicyVersion?.Document ?? "")), {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    assert.equal(v.PolicyVersion?.IsDefaultVersion, true);
    const readOnly = (await iam.send(new GetPolicyCommand({ PolicyArn: AWS_READ_ONLY }))).Policy;
    const versions = await iam.send(
      new ListPolicyVersionsCommand({ PolicyArn: AWS_READ_ONLY, MaxItems: 1000 }),
    );
    assert.ok((versions.Versions?.length ?? 0) > 1);
    assert.equal(versions.Versions?.[0]?.VersionId, readOnly?.DefaultVersionId);
    assert.equal(versions.Versions?.[0]?.IsDefaultVersion, true);
  });

  test("no account may change them: AccessDenied (403)", async () => {
    const refusals = [
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: AWS_ADMIN, PolicyDocument: allow("s3:*") })),
      iam.send(new DeletePolicyCommand({ PolicyArn: AWS_ADMIN })),
      iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: AWS_ADMIN, VersionId: "v1" })),
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: AWS_ADMIN, VersionId: "v1" })),
      iam.send(new TagPolicyCommand({ PolicyArn: AWS_ADMIN, Tags: [{ Key: "k", Value: "v" }] })),
    ];
    for (const r of refusals) {
      const err = await expectRefusal(r);
      assertRefusal(
        err,
        "AccessDenied",
        403,
        new RegExp(`on resource: policy ${AWS_ADMIN.replace(/[/.*]/g, "\\$&")}`),
      );
    }
  });
});

describe("enforcement follows policy changes on the very next request", () => {
  test("attach, switch default version, detach; inline put and delete", async () => {
    const creds = await createUserWithKey(server.url, "enforced");
    const asUser = iamClient(server.url, creds);
    const denied = async () => {
      const err = await expectRefusal(asUser.send(new ListUsersCommand({})));
      assert.equal(err.code, "AccessDenied");
      assert.equal(err.status, 403);
    };
    await denied();

    const arn = await createPolicy("enforced-list-users", allow("iam:ListUsers"));
    await iam.send(new AttachUserPolicyCommand({ UserName: "enforced", PolicyArn: arn }));
    await asUser.send(new ListUsersCommand({}));

    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: allow("iam:GetUser"),
        SetAsDefault: true,
      }),
    );
    await denied();
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }));
    await asUser.send(new ListUsersCommand({}));

    await iam.send(new DetachUserPolicyCommand({ UserName: "enforced", PolicyArn: arn }));
    await denied();

    await iam.send(
      new PutUserPolicyCommand({
        UserName: "enforced",
        PolicyName: "inline",
        PolicyDocument: allow("iam:ListUsers"),
      }),
    );
    await asUser.send(new ListUsersCommand({}));
    await iam.send(new DeleteUserPolicyCommand({ UserName: "enforced", PolicyName: "inline" }));
    await denied();
  });
});

test("a refused call renders as an ErrorResponse with AWS's status (raw request)", async () => {
  const res = await signedQuery(server.url, ROOT_KEY, "iam", {
    Action: "GetPolicy",
    Version: "2010-05-08",
    PolicyArn: arnOf("/", "absent-policy"),
  });
  assert.equal(res.status, 404);
  assert.equal(errorCode(res.body), "NoSuchEntity");
});
