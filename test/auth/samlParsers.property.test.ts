// Property tests over the SAML parsers: garbled base64, garbled XML, random edits of a validly
// signed response, and signed assertions with random AWS attributes (read as AssumeRoleWithSAML
// reads them) give nothing but the documented errors (InvalidIdentityToken,
// ExpiredTokenException, IDPRejectedClaim; InvalidInput for metadata), never a crash, and each
// answer comes quickly (no hang on hostile input).

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import fc from "fast-check";
import { parseSamlMetadata } from "../../src/auth/saml/parseSamlMetadata.ts";
import { verifySamlResponse } from "../../src/auth/saml/verifySamlResponse.ts";
import { AwsError } from "../../src/domain/errors/AwsError.ts";
import type { SamlProvider } from "../../src/domain/SamlProvider.ts";
import { assertRolePaired, samlSessionClaims } from "../../src/operations/sts/samlSessionClaims.ts";
import { hasOpenssl, SIGN_IN_URL, TestSamlIdp } from "../support/samlIdp.ts";

const skip = hasOpenssl() ? false : "openssl is not installed: the test IdP cannot make its certificate";
const SAML_ERRORS = new Set(["InvalidIdentityToken", "ExpiredTokenException", "IDPRejectedClaim"]);
// AssumeRoleWithSAML's own refusal of a Role attribute that does not pair this role and provider.
const SESSION_ERRORS = new Set([...SAML_ERRORS, "AccessDenied"]);
const PER_INPUT_MS = 2_000;

function outcome(run: () => unknown, allowed: ReadonlySet<string>): string {
  const started = performance.now();
  try {
    run();
    return "accepted";
  } catch (err) {
    assert.ok(err instanceof AwsError, `not an AWS error: ${String(err)}`);
    assert.ok(allowed.has(err.code), `undocumented error ${err.code}: ${err.message}`);
    return err.code;
  } finally {
    assert.ok(performance.now() - started < PER_INPUT_MS, "took too long");
  }
}

describe("SAML parsers under hostile input", { skip }, () => {
  let idp: TestSamlIdp | undefined;
  before(async () => {
    idp = await TestSamlIdp.create("https://idp.example.com/metadata");
  });
  const expected = () => ({
    entityId: "https://idp.example.com/metadata",
    certificates: [idp?.keys.certPem ?? ""],
    audiences: [SIGN_IN_URL],
    recipients: [SIGN_IN_URL],
    now: new Date(),
  });

  test("the valid response verifies (the baseline the edits start from)", () => {
    const xml = idp?.responseXml({ roles: ["a,b"] }) ?? "";
    assert.equal(
      verifySamlResponse(Buffer.from(xml).toString("base64"), expected()).nameId,
      "alice@example.com",
    );
  });

  test("random strings and random base64 are refused with a documented error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.base64String({ maxLength: 4000 })), (text) => {
        assert.notEqual(
          outcome(() => verifySamlResponse(text, expected()), SAML_ERRORS),
          "accepted",
        );
      }),
      { numRuns: 300 },
    );
  });

  test("random XML-ish documents are refused with a documented error", () => {
    const fragment = fc.constantFrom(
      "<samlp:Response xmlns:samlp='urn:oasis:names:tc:SAML:2.0:protocol'>",
      "<saml:Assertion xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion' ID='_a'>",
      "</saml:Assertion>",
      "</samlp:Response>",
      "<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]>",
      "&a;",
      "<![CDATA[x]]>",
      "<!-- c -->",
      "<ds:Signature xmlns:ds='http://www.w3.org/2000/09/xmldsig#'>",
      "</ds:Signature>",
      "<?xml version='1.0'?>",
      "x",
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const b64 = Buffer.from(parts.join("")).toString("base64");
        assert.notEqual(
          outcome(() => verifySamlResponse(b64, expected()), SAML_ERRORS),
          "accepted",
        );
      }),
      { numRuns: 300 },
    );
  });

  test("random edits of a signed response never crash, and an edit inside the signed assertion is never accepted", () => {
    const xml = idp?.responseXml({ roles: ["a,b"], sign: "assertion" }) ?? "";
    const start = xml.indexOf("<saml:Assertion");
    const end = xml.indexOf("</saml:Assertion>") + "</saml:Assertion>".length;
    const sigStart = xml.indexOf("<Signature");
    const sigEnd = xml.indexOf("</Signature>") + "</Signature>".length;
    assert.ok(sigStart > start && sigEnd < end);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: xml.length - 1 }),
        fc.integer({ min: 0, max: 8 }),
        fc.string({ maxLength: 8 }),
        (at, cut, insert) => {
          const edited = xml.slice(0, at) + insert + xml.slice(at + cut);
          if (edited === xml) return;
          const result = outcome(
            () => verifySamlResponse(Buffer.from(edited).toString("base64"), expected()),
            SAML_ERRORS,
          );
          // Edits of what the signature covers (the assertion outside its Signature element, whose
          // base64 values tolerate white space) must not verify.
          const inAssertion = at >= start && at < end && !(at >= sigStart && at < sigEnd);
          if (inAssertion && result === "accepted") {
            const before = xml.slice(start, end);
            const after = edited.slice(start, end + insert.length - cut);
            // Only an edit that canonicalization undoes (white space between attributes) may pass.
            assert.equal(
              before.replace(/\s+/g, " "),
              after.replace(/\s+/g, " "),
              `accepted an edit at ${at}`,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test("validly signed assertions with random AWS attributes: a session's claims or a documented error", () => {
    const ATTR = "https://aws.amazon.com/SAML/Attributes/";
    const name = fc.oneof(
      fc.constantFrom(
        `${ATTR}Role`,
        `${ATTR}RoleSessionName`,
        `${ATTR}SessionDuration`,
        `${ATTR}SourceIdentity`,
        `${ATTR}TransitiveTagKeys`,
        `${ATTR}PrincipalTag:team`,
        `${ATTR}PrincipalTag:TEAM`,
        "urn:oid:2.5.4.3",
      ),
      fc.string({ maxLength: 20 }).map((k) => `${ATTR}PrincipalTag:${k}`),
      fc.string({ maxLength: 20 }),
    );
    const provider = { accountId: "111122223333", name: "Corp" } as unknown as SamlProvider;
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(
        fc.dictionary(name, fc.array(fc.string({ maxLength: 70 }), { maxLength: 3 }), { maxKeys: 8 }),
        (attributes) => {
          const xml = idp?.responseXml({ roles: ["r,p"], attributes }) ?? "";
          const result = outcome(() => {
            const assertion = verifySamlResponse(Buffer.from(xml).toString("base64"), expected());
            assertRolePaired(assertion, "r", "p");
            samlSessionClaims(assertion, provider);
          }, SESSION_ERRORS);
          outcomes.add(result);
        },
      ),
      { numRuns: 150 },
    );
    // Not vacuous: some random attribute sets make a session, some are refused.
    assert.ok(outcomes.has("accepted") && outcomes.size > 1, [...outcomes].join(", "));
  });

  test("random metadata documents are refused with InvalidInput only", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        outcome(() => parseSamlMetadata(text), new Set(["InvalidInput"]));
      }),
      { numRuns: 300 },
    );
  });
});
