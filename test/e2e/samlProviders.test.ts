// End-to-end: SAML identity providers through the AWS SDK v3 as root — the metadata document
// checked on upload (entity id, signing certificates; no DTD), Get/List/Update/Delete, tags, and
// the errors for a missing provider or an unusable document; at most 100 per account.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from "@aws-sdk/client-iam";
import { expectAwsError } from "../support/expectRefusal.ts";
import { hasOpenssl, TestSamlIdp } from "../support/samlIdp.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const skip = hasOpenssl() ? false : "openssl is not installed: the test IdP cannot make its certificate";
const running = useTestServer();

describe("SAML providers", { skip }, () => {
  test("create, get, list, update, tag and delete a provider", async () => {
    const idp = await TestSamlIdp.create("https://idp.example.com/metadata");
    const created = await running.iam.send(
      new CreateSAMLProviderCommand({
        Name: "Corp",
        SAMLMetadataDocument: idp.metadata(),
        Tags: [{ Key: "team", Value: "security" }],
      }),
    );
    const arn = `arn:aws:iam::${TEST_ACCOUNT_ID}:saml-provider/Corp`;
    assert.equal(created.SAMLProviderArn, arn);
    assert.deepEqual(created.Tags, [{ Key: "team", Value: "security" }]);

    const got = await running.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(got.SAMLMetadataDocument, idp.metadata());
    assert.ok(got.CreateDate instanceof Date);
    assert.ok(got.ValidUntil && got.ValidUntil > new Date());
    assert.match(
      got.SAMLProviderUUID ?? "",
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.deepEqual(got.Tags, [{ Key: "team", Value: "security" }]);

    await expectAwsError(
      running.iam.send(new CreateSAMLProviderCommand({ Name: "Corp", SAMLMetadataDocument: idp.metadata() })),
      "EntityAlreadyExists",
      409,
    );

    const listed = await running.iam.send(new ListSAMLProvidersCommand({}));
    assert.deepEqual(
      listed.SAMLProviderList?.map((p) => p.Arn),
      [arn],
    );

    const rotated = await TestSamlIdp.create("https://idp.example.com/metadata");
    const updated = await running.iam.send(
      new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: rotated.metadata() }),
    );
    assert.equal(updated.SAMLProviderArn, arn);
    const after = await running.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(after.SAMLMetadataDocument, rotated.metadata());
    await expectAwsError(
      running.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn })),
      "InvalidInput",
      400,
      "Unable to update identity provider. No updates are defined for metadata or encryption assertion.",
    );

    await running.iam.send(
      new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: "env", Value: "prod" }] }),
    );
    await running.iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ["team"] }));
    const tags = await running.iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }));
    assert.deepEqual(tags.Tags, [{ Key: "env", Value: "prod" }]);

    await running.iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    await expectAwsError(
      running.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn })),
      "NoSuchEntity",
      404,
    );
    assert.deepEqual((await running.iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList, []);
  });

  test("unusable metadata is refused: not XML, a DTD, no entity id, no signing certificate, a broken certificate", async () => {
    const idp = await TestSamlIdp.create("https://idp.example.com/other");
    const good = idp.metadata();
    const pad = (s: string) => s + " ".repeat(Math.max(0, 1000 - s.length));
    const bad = [
      pad("this is not xml"),
      good.replace(
        `<?xml version="1.0"?>`,
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>`,
      ),
      good.replace(/entityID="[^"]*"/, ""),
      good.replace(/<md:KeyDescriptor[\s\S]*<\/md:KeyDescriptor>/, pad("")),
      pad(good.replace(/<ds:X509Certificate>[^<]*/, "<ds:X509Certificate>QUJDRA==")),
      good.replace(/use="signing"/, 'use="encryption"'),
    ];
    for (const document of bad) {
      await expectAwsError(
        running.iam.send(new CreateSAMLProviderCommand({ Name: "Bad", SAMLMetadataDocument: document })),
        "InvalidInput",
        400,
        "Could not parse metadata.",
      );
    }
  });
  test("at most 100 SAML providers per account (LimitExceeded)", async () => {
    const idp = await TestSamlIdp.create("https://idp.example.com/metadata");
    const have = (await running.iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList?.length ?? 0;
    for (let i = have; i < 100; i += 1)
      await running.iam.send(
        new CreateSAMLProviderCommand({ Name: `Quota${i}`, SAMLMetadataDocument: idp.metadata() }),
      );
    await expectAwsError(
      running.iam.send(
        new CreateSAMLProviderCommand({ Name: "OneTooMany", SAMLMetadataDocument: idp.metadata() }),
      ),
      "LimitExceeded",
      409,
    );
  });
});
