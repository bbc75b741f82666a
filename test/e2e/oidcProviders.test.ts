// IAM OpenID Connect providers end to end with the AWS SDK v3: created from an https issuer (a port
// kept in the ARN), read, listed, their client ids and thumbprints changed within AWS's quotas,
// tagged, and deleted; http issuers refused unless the server allows loopback ones, and then only
// loopback ones; at most 100 providers per account.

import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const ctx = useTestServer();
const THUMB = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

test("an OIDC provider's life cycle: create, get, list, client ids, thumbprints, tags, delete", async () => {
  const iam = ctx.iam;
  const created = await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: "https://idp.example.com:8443/tenant",
      ClientIDList: ["sts.amazonaws.com", "sts.amazonaws.com", "app"],
      ThumbprintList: [THUMB],
      Tags: [{ Key: "team", Value: "ci" }],
    }),
  );
  const arn = `arn:aws:iam::${TEST_ACCOUNT_ID}:oidc-provider/idp.example.com:8443/tenant`;
  assert.equal(created.OpenIDConnectProviderArn, arn);
  assert.deepEqual(created.Tags, [{ Key: "team", Value: "ci" }]);

  const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  assert.equal(got.Url, "idp.example.com:8443/tenant");
  assert.deepEqual(got.ClientIDList, ["sts.amazonaws.com", "app"]);
  assert.deepEqual(got.ThumbprintList, [THUMB]);
  assert.ok(got.CreateDate instanceof Date);

  await expectAwsError(
    iam.send(new CreateOpenIDConnectProviderCommand({ Url: "https://idp.example.com:8443/tenant" })),
    "EntityAlreadyExists",
    409,
  );
  // No thumbprint and no client id is fine, as AWS now allows.
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: "https://token.example.org" }));
  const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
  assert.deepEqual(
    listed.OpenIDConnectProviderList?.map((p) => p.Arn),
    [arn, `arn:aws:iam::${TEST_ACCOUNT_ID}:oidc-provider/token.example.org`],
  );

  await iam.send(
    new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "b" }),
  );
  await iam.send(
    new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "b" }),
  );
  await iam.send(
    new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "app" }),
  );
  await iam.send(
    new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "none" }),
  );
  const thumbs = Array.from({ length: 5 }, (_, i) => String(i).repeat(40));
  await iam.send(
    new UpdateOpenIDConnectProviderThumbprintCommand({
      OpenIDConnectProviderArn: arn,
      ThumbprintList: thumbs,
    }),
  );
  const changed = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  assert.deepEqual(changed.ClientIDList, ["sts.amazonaws.com", "b"]);
  assert.deepEqual(changed.ThumbprintList, thumbs);
  await expectAwsError(
    iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({
        OpenIDConnectProviderArn: arn,
        ThumbprintList: [...thumbs, "f".repeat(40)],
      }),
    ),
    "LimitExceeded",
    409,
  );

  await iam.send(
    new TagOpenIDConnectProviderCommand({
      OpenIDConnectProviderArn: arn,
      Tags: [{ Key: "env", Value: "prod" }],
    }),
  );
  await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ["team"] }));
  const tags = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }));
  assert.deepEqual(tags.Tags, [{ Key: "env", Value: "prod" }]);

  await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
  await expectAwsError(
    iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
    "NoSuchEntity",
    404,
    `OpenIDConnect Provider not found for arn ${arn}`,
  );
});

test("AWS's quotas and URL rules: 100 client ids, https only (http refused without the setting), no query", async () => {
  const iam = ctx.iam;
  await expectAwsError(
    iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: "https://many.example.com",
        ClientIDList: Array.from({ length: 101 }, (_, i) => `c${i}`),
      }),
    ),
    "LimitExceeded",
    409,
  );
  for (const Url of ["http://127.0.0.1:9000", "https://idp.example.com/?a=b", "ftp://idp.example.com"]) {
    await expectAwsError(iam.send(new CreateOpenIDConnectProviderCommand({ Url })), "InvalidInput", 400);
  }
  const arn = `arn:aws:iam::${TEST_ACCOUNT_ID}:oidc-provider/full.example.com`;
  await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: "https://full.example.com",
      ClientIDList: Array.from({ length: 100 }, (_, i) => `c${i}`),
    }),
  );
  await expectAwsError(
    iam.send(
      new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "one-more" }),
    ),
    "LimitExceeded",
    409,
  );
});

test("--allow-http-oidc-issuers accepts http:// for loopback hosts only (a port kept in the ARN); 100 providers per account", async () => {
  const server = await startTestServer({ config: { allowHttpOidcIssuers: true } });
  try {
    const iam = iamClient(server.url, ROOT_KEY);
    const loopback = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: "http://127.0.0.1:9000" }));
    assert.equal(
      loopback.OpenIDConnectProviderArn,
      `arn:aws:iam::${TEST_ACCOUNT_ID}:oidc-provider/127.0.0.1:9000`,
    );
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: "http://localhost:9001/realm" }));
    // The setting is for loopback issuers: an http issuer another machine could answer for stays refused.
    for (const Url of ["http://idp.example.com", "http://10.0.0.1:9000", "http://127.0.0.1.example.com"]) {
      await expectAwsError(iam.send(new CreateOpenIDConnectProviderCommand({ Url })), "InvalidInput", 400);
    }
    for (let i = 2; i < 100; i += 1)
      await iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://idp${i}.example.com` }));
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.equal(listed.OpenIDConnectProviderList?.length, 100);
    await expectAwsError(
      iam.send(new CreateOpenIDConnectProviderCommand({ Url: "https://one-too-many.example.com" })),
      "LimitExceeded",
      409,
    );
  } finally {
    await server.stop();
  }
});
