// signSigV4 against the AWS SDK's own signer (@smithy/signature-v4): the same request, key and
// time give the same Authorization header, and verifySigV4 accepts what signSigV4 signs.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { SignatureDoesNotMatch } from "../../domain/errors/authErrors.ts";
import { parseSigV4Request } from "./parseSigV4Request.ts";
import { signSigV4 } from "./signSigV4.ts";
import { verifySigV4 } from "./verifySigV4.ts";

const CREDENTIAL = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "AQoDYXdzEJr+session/token==",
};
const NOW = new Date("2024-01-01T00:00:00Z");
const BODY = "Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fdivision_abc%2F";
const HEADERS = { host: "console.local", "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

describe("signSigV4", () => {
  it("gives the Authorization header the AWS SDK's signer gives", async () => {
    const ours = signSigV4(
      { method: "POST", path: "/", query: "", headers: HEADERS, body: Buffer.from(BODY) },
      CREDENTIAL,
      { region: "us-east-1", service: "iam" },
      NOW,
    );
    const sdk = await new SignatureV4({
      credentials: CREDENTIAL,
      region: "us-east-1",
      service: "iam",
      sha256: Hash.bind(null, "sha256"),
      // The SDK's Query clients do not send x-amz-content-sha256 either.
      applyChecksum: false,
    }).sign(
      {
        method: "POST",
        protocol: "https:",
        hostname: "console.local",
        path: "/",
        headers: HEADERS,
        body: BODY,
      },
      { signingDate: NOW },
    );
    assert.equal(ours.headers.authorization, sdk.headers.authorization);
    assert.equal(ours.headers["x-amz-security-token"], CREDENTIAL.sessionToken);
  });

  it("signs what the verifier accepts, and a changed body no longer verifies", () => {
    const signed = signSigV4(
      { method: "POST", path: "/", query: "", headers: HEADERS, body: Buffer.from(BODY) },
      CREDENTIAL,
      { region: "us-east-1", service: "sts" },
      NOW,
    );
    const claim = parseSigV4Request(signed);
    verifySigV4(signed, claim, CREDENTIAL.secretAccessKey, NOW);
    assert.throws(
      () => verifySigV4({ ...signed, body: Buffer.from(`${BODY}x`) }, claim, CREDENTIAL.secretAccessKey, NOW),
      SignatureDoesNotMatch,
    );
  });
});
