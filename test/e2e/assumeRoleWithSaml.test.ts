// End-to-end: AssumeRoleWithSAML with the AWS SDK v3 (and the AWS CLI where present), the test
// acting as the IdP (its own certificate, responses signed with xml-crypto). A valid assertion
// gets a role session whose calls are decided on the role's policies; refused: unsigned, signed
// by another key, signature wrapping (a second unsigned assertion beside the signed one; the
// signed assertion moved under an unsigned wrapper), a comment injected into the NameID, wrong
// audience or recipient, expired, replayed, a role attribute naming another provider, a failed
// status (IDPRejectedClaim), a malformed session policy. Also: urn:amazon:webservices and the
// operator's --saml-audience, DurationSeconds against the role's maximum and SessionNotOnOrAfter,
// the NameQualifier formula, sts:RoleSessionName and PrincipalTag attributes in the decisions.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  GetRoleCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AWS_CLI_MISSING, awsCliAvailable, awsCliJson } from "../support/awsCli.ts";
import { iamClient, stsClient } from "../support/awsClients.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import {
  type AssertionOptions,
  hasOpenssl,
  makeKeyPair,
  signElement,
  TestSamlIdp,
} from "../support/samlIdp.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const skip = hasOpenssl() ? false : "openssl is not installed: the test IdP cannot make its certificate";
const running = useTestServer();
const cliAvailable = await awsCliAvailable();
const PROVIDER_ARN = `arn:aws:iam::${TEST_ACCOUNT_ID}:saml-provider/Corp`;
const OTHER_PROVIDER_ARN = `arn:aws:iam::${TEST_ACCOUNT_ID}:saml-provider/Other`;
const ROLE_ARN = `arn:aws:iam::${TEST_ACCOUNT_ID}:role/SamlReader`;
const ROLE_PAIR = `${ROLE_ARN},${PROVIDER_ARN}`;
const NO_KEYS = { accessKeyId: "AKIAUNUSEDUNUSED0000", secretAccessKey: "unused-unused-unused-unused" };

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: PROVIDER_ARN },
      Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
      Condition: {
        StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml", "saml:sub_type": "persistent" },
      },
    },
  ],
});

/** Moves the signed assertion into the Response's Extensions, with `inPlace` where it was. */
function hideSignedAssertion(xml: string, inPlace: string): string {
  const signed = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(xml)?.[0] ?? "";
  return xml.replace(signed, `<samlp:Extensions>${signed}</samlp:Extensions>${inPlace}`);
}

describe("AssumeRoleWithSAML", { skip }, () => {
  let idp: TestSamlIdp;
  const sts = () => stsClient(running.server.url, NO_KEYS);
  const assume = (o: AssertionOptions, extra: { RoleArn?: string; PrincipalArn?: string } = {}) =>
    sts().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: extra.RoleArn ?? ROLE_ARN,
        PrincipalArn: extra.PrincipalArn ?? PROVIDER_ARN,
        SAMLAssertion: idp.response({ roles: [ROLE_PAIR], ...o }),
      }),
    );

  test("setup: a provider, another provider, and a role that trusts the first", async () => {
    idp = await TestSamlIdp.create("https://idp.example.com/metadata");
    await running.iam.send(
      new CreateSAMLProviderCommand({ Name: "Corp", SAMLMetadataDocument: idp.metadata() }),
    );
    const other = await TestSamlIdp.create("https://other.example.com/metadata");
    await running.iam.send(
      new CreateSAMLProviderCommand({ Name: "Other", SAMLMetadataDocument: other.metadata() }),
    );
    await running.iam.send(
      new CreateRoleCommand({ RoleName: "SamlReader", AssumeRolePolicyDocument: TRUST }),
    );
    await running.iam.send(
      new AttachRolePolicyCommand({
        RoleName: "SamlReader",
        PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
      }),
    );
  });

  test("a valid assertion (signed assertion, or signed response) gets a role session decided on the role's policies", async () => {
    for (const sign of ["assertion", "response", "both"] as const) {
      const out = await assume({
        sign,
        nameId: "alice@example.com",
        attributes: { "https://aws.amazon.com/SAML/Attributes/PrincipalTag:team": ["blue"] },
      });
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/SamlReader/alice`);
      assert.equal(out.Subject, "alice@example.com");
      assert.equal(out.SubjectType, "persistent");
      assert.equal(out.Issuer, "https://idp.example.com/metadata");
      assert.equal(out.Audience, "https://signin.aws.amazon.com/saml");
      assert.match(out.NameQualifier ?? "", /^[A-Za-z0-9+/]{27}=$/);
      const creds = out.Credentials;
      assert.ok(creds?.AccessKeyId?.startsWith("ASIA"));
      const session = {
        accessKeyId: creds?.AccessKeyId ?? "",
        secretAccessKey: creds?.SecretAccessKey ?? "",
        sessionToken: creds?.SessionToken ?? "",
      };
      const me = await stsClient(running.server.url, session).send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, out.AssumedRoleUser?.Arn);
      await iamClient(running.server.url, session).send(new ListUsersCommand({}));
      // IAMReadOnlyAccess allows reads only.
      await expectAwsError(
        iamClient(running.server.url, session).send(
          new CreateRoleCommand({ RoleName: "Nope", AssumeRolePolicyDocument: TRUST }),
        ),
        "AccessDenied",
        403,
      );
    }
    const role = await running.iam.send(new GetRoleCommand({ RoleName: "SamlReader" }));
    assert.ok(role.Role?.RoleLastUsed?.LastUsedDate);
  });

  test("the trust policy decides on the saml:* keys: a transient subject is refused", async () => {
    await expectAwsError(
      assume({ nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient" }),
      "AccessDenied",
      403,
    );
  });

  test("unsigned, or signed by another key, is refused", async () => {
    await expectAwsError(assume({ sign: "none" }), "InvalidIdentityToken", 400, "Response signature invalid");
    await expectAwsError(
      assume({ signer: await makeKeyPair("attacker") }),
      "InvalidIdentityToken",
      400,
      "Response signature invalid",
    );
  });

  test("signature wrapping is refused: a second unsigned assertion beside the signed one, or the signed one moved under a wrapper", async () => {
    const evil = idp.assertionXml({ roles: [ROLE_PAIR], nameId: "admin@example.com", sessionName: "admin" });
    await expectAwsError(
      assume({ tamper: (xml) => xml.replace("</samlp:Status>", `</samlp:Status>${evil}`) }),
      "InvalidIdentityToken",
      400,
    );
    // The signed assertion hidden in Extensions, an unsigned one in its place.
    await expectAwsError(
      assume({ tamper: (xml) => hideSignedAssertion(xml, evil) }),
      "InvalidIdentityToken",
      400,
    );
    // Only the signed assertion, but not where the Response holds it.
    await expectAwsError(
      assume({ tamper: (xml) => hideSignedAssertion(xml, "") }),
      "InvalidIdentityToken",
      400,
    );
    // A signed response whose signature is kept while its assertion is swapped for another.
    await expectAwsError(
      assume({
        sign: "response",
        tamper: (xml) => xml.replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, evil),
      }),
      "InvalidIdentityToken",
      400,
      "Response signature invalid",
    );
  });

  test("a comment injected into the NameID is refused", async () => {
    // The IdP signs "alice@example.com.evil.example"; with a comment a careless parser reads "alice@example.com".
    const assertion = idp.assertionXml({ roles: [ROLE_PAIR], nameId: "alice@example.com.evil.example" });
    const signed = signElement(assertion, "Assertion", idp.keys).replace(
      "alice@example.com.evil.example",
      "alice@example.com<!---->.evil.example",
    );
    const xml = idp.responseXml({ sign: "none" }, new Date(), signed);
    await expectAwsError(
      sts().send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: ROLE_ARN,
          PrincipalArn: PROVIDER_ARN,
          SAMLAssertion: Buffer.from(xml).toString("base64"),
        }),
      ),
      "InvalidIdentityToken",
      400,
      "Comments are not allowed in a SAML assertion.",
    );
  });

  test("wrong audience, wrong recipient, expired, too old, and a wrong issuer are refused", async () => {
    await expectAwsError(
      assume({ audience: "https://elsewhere.example.com" }),
      "InvalidIdentityToken",
      400,
      "Response does not contain the required audience.",
    );
    await expectAwsError(
      assume({ recipient: "https://elsewhere.example.com/acs" }),
      "InvalidIdentityToken",
      400,
    );
    const past = new Date(Date.now() - 3_600_000);
    await expectAwsError(
      assume({ issueInstant: past, notBefore: past, notOnOrAfter: new Date(past.getTime() + 300_000) }),
      "ExpiredTokenException",
      400,
    );
    // Still within NotOnOrAfter, but issued more than five minutes ago.
    await expectAwsError(
      assume({
        issueInstant: new Date(Date.now() - 10 * 60_000),
        notOnOrAfter: new Date(Date.now() + 3_600_000),
      }),
      "ExpiredTokenException",
      400,
    );
    await expectAwsError(
      assume({ issuer: "https://other.example.com/metadata" }),
      "InvalidIdentityToken",
      400,
    );
  });

  test("an assertion is accepted once: a replay is refused", async () => {
    const assertion = idp.response({ roles: [ROLE_PAIR] });
    const send = () =>
      sts().send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: ROLE_ARN,
          PrincipalArn: PROVIDER_ARN,
          SAMLAssertion: assertion,
        }),
      );
    await send();
    await expectAwsError(send(), "InvalidIdentityToken", 400, "The SAML assertion has already been used.");
  });

  test("the Role attribute must pair this role with this provider; RoleSessionName is required", async () => {
    await expectAwsError(
      assume({ roles: [`${ROLE_ARN},${OTHER_PROVIDER_ARN}`] }),
      "AccessDenied",
      403,
      "Not authorized to perform sts:AssumeRoleWithSAML",
    );
    // Another provider's ARN in the request does not help: its certificate did not sign this.
    await expectAwsError(
      assume({ roles: [`${ROLE_ARN},${OTHER_PROVIDER_ARN}`] }, { PrincipalArn: OTHER_PROVIDER_ARN }),
      "InvalidIdentityToken",
      400,
    );
    await expectAwsError(
      assume({ sessionName: null }),
      "InvalidIdentityToken",
      400,
      "RoleSessionName is required in AuthnResponse",
    );
    // The pair in the other order is accepted, as AWS accepts it.
    await assume({ roles: [`${PROVIDER_ARN},${ROLE_ARN}`] });
  });

  test("urn:amazon:webservices is an audience AWS accepts; an operator's sign-in URL is not, unless configured", async () => {
    await assume({ audience: "urn:amazon:webservices" });
    await expectAwsError(
      assume({ audience: "https://sso.corp.example/saml", recipient: "https://sso.corp.example/saml" }),
      "InvalidIdentityToken",
      400,
    );
  });

  test("a response whose status is not Success is IDPRejectedClaim, signed or not", async () => {
    const failed = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    for (const sign of ["response", "assertion"] as const) {
      await expectAwsError(assume({ sign, status: failed }), "IDPRejectedClaim", 403);
    }
  });

  test("PrincipalTag attributes follow AWS's session-tag rules: at most 50, valid keys and values, no key twice", async () => {
    const tag = (key: string) => `https://aws.amazon.com/SAML/Attributes/PrincipalTag:${key}`;
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [tag(`k${i}`), ["v"]]));
    await expectAwsError(
      assume({ attributes: many }),
      "IDPRejectedClaim",
      403,
      "More than 50 session tags are passed.",
    );
    await expectAwsError(assume({ attributes: { [tag("bad!key")]: ["v"] } }), "IDPRejectedClaim", 403);
    await expectAwsError(
      assume({ attributes: { [tag("team")]: ["x".repeat(257)] } }),
      "IDPRejectedClaim",
      403,
    );
    await expectAwsError(
      assume({ attributes: { [tag("team")]: ["a"], [tag("TEAM")]: ["b"] } }),
      "IDPRejectedClaim",
      403,
    );
    await expectAwsError(
      assume({
        attributes: {
          [tag("team")]: ["a"],
          "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys": ["project"],
        },
      }),
      "IDPRejectedClaim",
      403,
      "The transitive tag key project is not one of the session tags.",
    );
    // Fifty, and a transitive one among them, pass.
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [tag(`k${i}`), ["v"]]));
    await assume({
      attributes: { ...fifty, "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys": ["k1"] },
    });
  });

  test("a malformed session policy is MalformedPolicyDocument", async () => {
    await expectAwsError(
      sts().send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: ROLE_ARN,
          PrincipalArn: PROVIDER_ARN,
          SAMLAssertion: idp.response({ roles: [ROLE_PAIR] }),
          Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}',
        }),
      ),
      "MalformedPolicyDocument",
      400,
    );
  });

  test("DurationSeconds stays within the role's maximum, and the IdP's SessionNotOnOrAfter ends the session sooner", async () => {
    const send = (o: AssertionOptions, DurationSeconds?: number) =>
      sts().send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: ROLE_ARN,
          PrincipalArn: PROVIDER_ARN,
          SAMLAssertion: idp.response({ roles: [ROLE_PAIR], ...o }),
          ...(DurationSeconds !== undefined ? { DurationSeconds } : {}),
        }),
      );
    await expectAwsError(
      send({}, 7200),
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
    const before = Date.now();
    const out = await send({ sessionNotOnOrAfter: new Date(before + 20 * 60_000) }, 3600);
    const lasts = (out.Credentials?.Expiration?.getTime() ?? 0) - before;
    assert.ok(lasts > 19 * 60_000 && lasts <= 20 * 60_000 + 1000, `lasts ${lasts} ms`);
  });

  test("the NameQualifier is AWS's hash of issuer, account and provider name", async () => {
    const out = await assume({});
    const expected = createHash("sha1")
      .update(`https://idp.example.com/metadata${TEST_ACCOUNT_ID}/Corp`)
      .digest("base64");
    assert.equal(out.NameQualifier, expected);
  });

  test("sts:RoleSessionName and the PrincipalTag attributes reach the trust policy and the session", async () => {
    const roleArn = `arn:aws:iam::${TEST_ACCOUNT_ID}:role/SamlTeam`;
    const trust = JSON.parse(TRUST);
    trust.Statement[0].Condition.StringLike = { "sts:RoleSessionName": "alice*" };
    await running.iam.send(
      new CreateRoleCommand({ RoleName: "SamlTeam", AssumeRolePolicyDocument: JSON.stringify(trust) }),
    );
    await running.iam.send(
      new PutRolePolicyCommand({
        RoleName: "SamlTeam",
        PolicyName: "blue-only",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "iam:ListUsers",
              Resource: "*",
              Condition: { StringEquals: { "aws:PrincipalTag/team": "blue" } },
            },
          ],
        }),
      }),
    );
    const session = async (sessionName: string, team: string) => {
      const out = await assume(
        {
          roles: [`${roleArn},${PROVIDER_ARN}`],
          sessionName,
          attributes: { "https://aws.amazon.com/SAML/Attributes/PrincipalTag:team": [team] },
        },
        { RoleArn: roleArn },
      );
      return {
        accessKeyId: out.Credentials?.AccessKeyId ?? "",
        secretAccessKey: out.Credentials?.SecretAccessKey ?? "",
        sessionToken: out.Credentials?.SessionToken ?? "",
      };
    };
    await iamClient(running.server.url, await session("alice", "blue")).send(new ListUsersCommand({}));
    await expectAwsError(
      iamClient(running.server.url, await session("alice", "red")).send(new ListUsersCommand({})),
      "AccessDenied",
      403,
    );
    await expectAwsError(
      session("mallory", "blue"),
      "AccessDenied",
      403,
      "Not authorized to perform sts:AssumeRoleWithSAML",
    );
  });

  test("the AWS CLI gets a role session from a SAML assertion", {
    skip: cliAvailable ? false : AWS_CLI_MISSING,
  }, async () => {
    const parsed = (await awsCliJson(
      running.server.url,
      NO_KEYS,
      "sts",
      "assume-role-with-saml",
      "--role-arn",
      ROLE_ARN,
      "--principal-arn",
      PROVIDER_ARN,
      "--saml-assertion",
      idp.response({ roles: [ROLE_PAIR] }),
    )) as { AssumedRoleUser: { Arn: string }; SubjectType: string };
    assert.equal(parsed.AssumedRoleUser.Arn, `arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/SamlReader/alice`);
    assert.equal(parsed.SubjectType, "persistent");
  });
});

describe("an operator's own sign-in URL (--saml-audience)", { skip }, () => {
  const SELF_HOSTED = "https://sso.corp.example/saml";
  test("is accepted as audience and recipient besides AWS's, and becomes saml:aud", async () => {
    const server = await startTestServer({ config: { samlAudiences: [SELF_HOSTED] } });
    try {
      const idp = await TestSamlIdp.create("https://idp.example.com/metadata");
      const iam = iamClient(server.url, ROOT_KEY);
      await iam.send(new CreateSAMLProviderCommand({ Name: "Corp", SAMLMetadataDocument: idp.metadata() }));
      const trust = JSON.parse(TRUST);
      trust.Statement[0].Condition.StringEquals["SAML:aud"] = SELF_HOSTED;
      await iam.send(
        new CreateRoleCommand({ RoleName: "SamlReader", AssumeRolePolicyDocument: JSON.stringify(trust) }),
      );
      const send = (o: AssertionOptions) =>
        stsClient(server.url, NO_KEYS).send(
          new AssumeRoleWithSAMLCommand({
            RoleArn: ROLE_ARN,
            PrincipalArn: PROVIDER_ARN,
            SAMLAssertion: idp.response({ roles: [ROLE_PAIR], ...o }),
          }),
        );
      const out = await send({ audience: SELF_HOSTED, recipient: SELF_HOSTED });
      assert.equal(out.Audience, SELF_HOSTED);
      // AWS's own recipient is still accepted, but this trust policy wants the operator's as saml:aud.
      await expectAwsError(send({}), "AccessDenied", 403);
      await expectAwsError(
        send({ recipient: "https://elsewhere.example.com/saml" }),
        "InvalidIdentityToken",
        400,
      );
    } finally {
      await server.stop();
    }
  });
});
