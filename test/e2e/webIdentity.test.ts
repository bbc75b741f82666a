// sts:AssumeRoleWithWebIdentity end to end: a real OIDC issuer on loopback (its own keys,
// discovery document and JWKS), the AWS SDK v3 (which sends the call unsigned) and the AWS CLI.
// A valid token gets a role session whose calls are decided on the role's policies; a wrong
// signature, `alg: none`, HS256 made with the public key, a wrong issuer, a wrong audience, an
// expired token, a `sub` the trust policy does not allow and an issuer that is down are each
// refused with AWS's error; a key rotation at the issuer is picked up, at a bounded rate. The
// trust policy's sts:RoleSessionName, a session policy, the token's source identity and the
// model's size limit are each checked too.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  type IAMClient,
  ListGroupsCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { SignJWT } from "jose";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable } from "../support/awsCli.ts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { expectAwsError, expectRefusal } from "../support/expectRefusal.ts";
import { startTestIssuer, type TestIssuer } from "../support/oidcIssuer.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

const A = TEST_ACCOUNT_ID;
const MAIN = "repo:acme/app:ref:refs/heads/main";
// The SDK sends AssumeRoleWithWebIdentity unsigned whatever credentials the client has.
const NOBODY = {
  accessKeyId: "AKIAUNUSEDUNUSED0000",
  secretAccessKey: "unused-unused-unused-unused-unused-0000",
};

let server: TestServer;
let issuer: TestIssuer;
let iam: IAMClient;

function trust(host: string, extraActions: string[] = [], sub = MAIN) {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/${host}` },
        Action: ["sts:AssumeRoleWithWebIdentity", ...extraActions],
        Condition: { StringEquals: { [`${host}:sub`]: sub, [`${host}:aud`]: "sts.amazonaws.com" } },
      },
    ],
  });
}

async function roleWith(name: string, trustPolicy: string, policy: object): Promise<string> {
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy }),
  );
  await iam.send(
    new PutRolePolicyCommand({ RoleName: name, PolicyName: "p", PolicyDocument: JSON.stringify(policy) }),
  );
  return role.Role?.Arn as string;
}

function assume(roleArn: string, token: string, extra: Record<string, unknown> = {}) {
  return stsClient(server.url, NOBODY).send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: "ci-run",
      WebIdentityToken: token,
      ...extra,
    }),
  );
}

function sessionOf(out: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string };
}): Credentials {
  const c = out.Credentials;
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

const listUsersOnly = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }],
};
let ciRole: string;

before(async () => {
  issuer = await startTestIssuer();
  server = await startTestServer({ config: { allowHttpOidcIssuers: true, oidcKeys: { cooldownMs: 300 } } });
  iam = iamClient(server.url, ROOT_KEY);
  await iam.send(
    new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: ["sts.amazonaws.com"] }),
  );
  ciRole = await roleWith("ci", trust(issuer.host), listUsersOnly);
});

after(async () => {
  await server?.stop();
  await issuer?.stop();
});

describe("a valid token", () => {
  test("gets a role session whose calls are decided on the role's policies", async () => {
    const out = await assume(ciRole, await issuer.sign());
    assert.equal(out.SubjectFromWebIdentityToken, MAIN);
    assert.equal(out.Audience, "sts.amazonaws.com");
    assert.equal(out.Provider, issuer.url);
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${A}:assumed-role/ci/ci-run`);
    assert.ok(out.Credentials?.AccessKeyId?.startsWith("ASIA"));
    const session = sessionOf(out);
    const who = await stsClient(server.url, session).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:sts::${A}:assumed-role/ci/ci-run`);
    await iamClient(server.url, session).send(new ListUsersCommand({}));
    await expectAwsError(iamClient(server.url, session).send(new ListRolesCommand({})), "AccessDenied", 403);
  });

  test("is accepted within AWS's five minutes past `exp`, and DurationSeconds stays within the role's maximum", async () => {
    const now = Math.floor(Date.now() / 1000);
    await assume(ciRole, await issuer.sign({ exp: now - 120, iat: now - 900 }));
    await expectAwsError(
      assume(ciRole, await issuer.sign(), { DurationSeconds: 7200 }),
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  });

  test("passes session tags from its AWS claim only where the trust policy allows sts:TagSession", async () => {
    const tagged = await issuer.sign({
      "https://aws.amazon.com/tags": { principal_tags: { team: ["red"] }, transitive_tag_keys: ["team"] },
    });
    await expectAwsError(
      assume(ciRole, tagged),
      "AccessDenied",
      403,
      "Not authorized to perform sts:TagSession",
    );
    const byTag = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "iam:ListUsers",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/team": "red" } },
        },
      ],
    };
    const taggable = await roleWith("ci-tagged", trust(issuer.host, ["sts:TagSession"]), byTag);
    await iamClient(server.url, sessionOf(await assume(taggable, tagged))).send(new ListUsersCommand({}));
    // AWS's session-tag rules hold for the claim: at most 50 tags, transitive keys among them.
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, ["v"]]));
    await expectAwsError(
      assume(taggable, await issuer.sign({ "https://aws.amazon.com/tags": { principal_tags: tooMany } })),
      "IDPRejectedClaim",
      403,
      "More than 50 session tags are passed.",
    );
    await expectAwsError(
      assume(
        taggable,
        await issuer.sign({
          "https://aws.amazon.com/tags": {
            principal_tags: { team: ["red"] },
            transitive_tag_keys: ["project"],
          },
        }),
      ),
      "IDPRejectedClaim",
      403,
    );
  });
});

describe("what the trust policy and the request decide", () => {
  test("sts:RoleSessionName in the trust policy picks the session names a token may use", async () => {
    const named = JSON.parse(trust(issuer.host));
    named.Statement[0].Condition.StringLike = { "sts:RoleSessionName": "ci-*" };
    const role = await roleWith("ci-named", JSON.stringify(named), listUsersOnly);
    await assume(role, await issuer.sign(), { RoleSessionName: "ci-build" });
    await expectAwsError(
      assume(role, await issuer.sign(), { RoleSessionName: "laptop" }),
      "AccessDenied",
      403,
      "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    );
  });

  test("aws:FederatedProvider in the trust policy is the provider's ARN", async () => {
    const byProvider = (arn: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${A}:oidc-provider/${issuer.host}` },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "aws:FederatedProvider": arn } },
          },
        ],
      });
    const ours = await roleWith(
      "ci-by-provider",
      byProvider(`arn:aws:iam::${A}:oidc-provider/${issuer.host}`),
      listUsersOnly,
    );
    await assume(ours, await issuer.sign());
    const theirs = await roleWith(
      "ci-other-provider",
      byProvider(`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`),
      listUsersOnly,
    );
    await expectAwsError(assume(theirs, await issuer.sign()), "AccessDenied", 403);
  });

  test("the session's own requests carry aws:FederatedProvider, the provider's ARN", async () => {
    const byProvider = (arn: string) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "iam:ListUsers",
          Resource: "*",
          Condition: { StringEquals: { "aws:FederatedProvider": arn } },
        },
      ],
    });
    const ours = await roleWith(
      "ci-session-provider",
      trust(issuer.host),
      byProvider(`arn:aws:iam::${A}:oidc-provider/${issuer.host}`),
    );
    await iamClient(server.url, sessionOf(await assume(ours, await issuer.sign()))).send(
      new ListUsersCommand({}),
    );
    const theirs = await roleWith(
      "ci-session-other",
      trust(issuer.host),
      byProvider(`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`),
    );
    await expectAwsError(
      iamClient(server.url, sessionOf(await assume(theirs, await issuer.sign()))).send(
        new ListUsersCommand({}),
      ),
      "AccessDenied",
      403,
    );
  });

  test("a session policy narrows the session to what both it and the role allow; a malformed one is refused", async () => {
    const both = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["iam:ListUsers", "iam:ListRoles"], Resource: "*" }],
    };
    const role = await roleWith("ci-narrowed", trust(issuer.host), both);
    const narrowed = sessionOf(
      await assume(role, await issuer.sign(), {
        Policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["iam:ListRoles", "iam:ListGroups"], Resource: "*" }],
        }),
      }),
    );
    await iamClient(server.url, narrowed).send(new ListRolesCommand({}));
    // The role allows it, the session policy does not.
    await expectAwsError(iamClient(server.url, narrowed).send(new ListUsersCommand({})), "AccessDenied", 403);
    // The session policy allows it, the role does not.
    await expectAwsError(
      iamClient(server.url, narrowed).send(new ListGroupsCommand({})),
      "AccessDenied",
      403,
    );
    await expectAwsError(
      assume(role, await issuer.sign(), {
        Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}',
      }),
      "MalformedPolicyDocument",
      400,
    );
  });

  test("a source identity from the token's AWS claim needs sts:SetSourceIdentity, and the answer carries it", async () => {
    const token = await issuer.sign({ "https://aws.amazon.com/source_identity": "alice" });
    await expectAwsError(
      assume(ciRole, token),
      "AccessDenied",
      403,
      "Not authorized to perform sts:SetSourceIdentity",
    );
    const role = await roleWith("ci-sourced", trust(issuer.host, ["sts:SetSourceIdentity"]), listUsersOnly);
    const out = await assume(role, await issuer.sign({ "https://aws.amazon.com/source_identity": "alice" }));
    assert.equal(out.SourceIdentity, "alice");
  });

  test("a token longer than the model's 20,000 characters is refused before it is read", async () => {
    const huge = await issuer.sign({ pad: "x".repeat(20_000) });
    const refusal = await expectRefusal(assume(ciRole, huge));
    assert.equal(refusal.code, "ValidationError", refusal.message);
    assert.equal(refusal.status, 400);
  });
});

describe("refused as AWS refuses", () => {
  test("a wrong signature (another key under the issuer's kid)", async () => {
    const { generateKeyPair } = await import("jose");
    const other = await generateKeyPair("RS256");
    await expectAwsError(
      assume(ciRole, await issuer.sign({}, { key: other.privateKey })),
      "InvalidIdentityToken",
      400,
    );
  });

  test("`alg: none`", async () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const token = `${enc({ alg: "none", kid: issuer.kid })}.${enc({ iss: issuer.url, aud: "sts.amazonaws.com", sub: MAIN, exp: now + 600 })}.`;
    await expectAwsError(assume(ciRole, token), "InvalidIdentityToken", 400);
  });

  test("HS256 signed with the public key's bytes as the secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const secret of [JSON.stringify(issuer.publicJwk), issuer.publicJwk.n as string]) {
      const token = await new SignJWT({
        iss: issuer.url,
        aud: "sts.amazonaws.com",
        sub: MAIN,
        iat: now,
        exp: now + 600,
      })
        .setProtectedHeader({ alg: "HS256", kid: issuer.kid })
        .sign(new TextEncoder().encode(secret));
      await expectAwsError(assume(ciRole, token), "InvalidIdentityToken", 400);
    }
  });

  test("a wrong issuer", async () => {
    const token = await issuer.sign({ iss: "http://127.0.0.1:1" });
    await expectAwsError(
      assume(ciRole, token),
      "InvalidIdentityToken",
      400,
      "No OpenIDConnect provider found in your account for http://127.0.0.1:1",
    );
  });

  test("a wrong audience", async () => {
    await expectAwsError(
      assume(ciRole, await issuer.sign({ aud: "someone-else" })),
      "InvalidIdentityToken",
      400,
      "Incorrect token audience",
    );
  });

  test("an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectAwsError(
      assume(ciRole, await issuer.sign({ exp: now - 600, iat: now - 1200 })),
      "ExpiredTokenException",
      400,
      /^Token expired: current date\/time \d+ must be before the expiration date\/time\d+$/,
    );
  });

  test("`nbf` or `iat` more than AWS's five minutes ahead; within them the token is accepted", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectAwsError(assume(ciRole, await issuer.sign({ nbf: now + 600 })), "InvalidIdentityToken", 400);
    await expectAwsError(assume(ciRole, await issuer.sign({ iat: now + 600 })), "InvalidIdentityToken", 400);
    await assume(ciRole, await issuer.sign({ nbf: now + 120, iat: now + 120 }));
  });

  test("no `aud`: the `azp` must be one of the provider's client ids", async () => {
    const out = await assume(ciRole, await issuer.sign({ aud: undefined, azp: "sts.amazonaws.com" }));
    assert.equal(out.Audience, "sts.amazonaws.com");
    await expectAwsError(
      assume(ciRole, await issuer.sign({ aud: undefined, azp: "someone-else" })),
      "InvalidIdentityToken",
      400,
      "Incorrect token audience",
    );
  });

  test("a `sub` the trust policy does not allow", async () => {
    await expectAwsError(
      assume(ciRole, await issuer.sign({ sub: "repo:acme/app:pull_request" })),
      "AccessDenied",
      403,
      "Not authorized to perform sts:AssumeRoleWithWebIdentity",
    );
  });

  test("an issuer that is down", async () => {
    const down = await startTestIssuer();
    await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: down.url, ClientIDList: ["sts.amazonaws.com"] }),
    );
    const role = await roleWith("down", trust(down.host), listUsersOnly);
    const token = await down.sign();
    await down.stop();
    await expectAwsError(assume(role, token), "IDPCommunicationError", 400);
  });
});

test("a key rotation at the issuer (new kid) is picked up, and unknown kids refetch at a bounded rate", async () => {
  await assume(ciRole, await issuer.sign());
  await issuer.rotate();
  await new Promise((r) => setTimeout(r, 350));
  await assume(ciRole, await issuer.sign());
  const fetches = issuer.jwksFetches;
  const bogus = await Promise.allSettled(
    Array.from({ length: 10 }, async (_, i) =>
      assume(ciRole, await issuer.sign({}, { kid: `made-up-${i}` })),
    ),
  );
  assert.ok(bogus.every((b) => b.status === "rejected"));
  assert.ok(issuer.jwksFetches - fetches <= 1, `fetched the JWKS ${issuer.jwksFetches - fetches} times`);
});

test("the AWS CLI trades a token for a session, and shows AWS's error for a refused one", async (t) => {
  if (!(await awsCliAvailable())) {
    t.skip(AWS_CLI_MISSING);
    return;
  }
  const args = (token: string) => [
    "sts",
    "assume-role-with-web-identity",
    "--role-arn",
    ciRole,
    "--role-session-name",
    "cli",
    "--web-identity-token",
    token,
  ];
  const ok = await awsCli(server.url, NOBODY, ...args(await issuer.sign()));
  assert.ok(ok.ok, ok.ok ? "" : ok.stderr);
  assert.equal(ok.json.AssumedRoleUser.Arn, `arn:aws:sts::${A}:assumed-role/ci/cli`);
  assert.equal(ok.json.SubjectFromWebIdentityToken, MAIN);
  // The session the CLI got is decided on the role's policies, called through the CLI too.
  const c = ok.json.Credentials;
  const session = {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  };
  const listed = await awsCli(server.url, session, "iam", "list-users");
  assert.ok(listed.ok, listed.ok ? "" : listed.stderr);
  const denied = await awsCli(server.url, session, "iam", "list-roles");
  assert.ok(!denied.ok);
  assert.match(denied.stderr, /AccessDenied/);
  const refused = await awsCli(server.url, NOBODY, ...args(await issuer.sign({ aud: "nope" })));
  assert.ok(!refused.ok);
  assert.match(refused.stderr, /InvalidIdentityToken.*Incorrect token audience/);
});
