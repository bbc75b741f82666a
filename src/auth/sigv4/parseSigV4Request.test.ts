// parseSigV4Request: which form, and AWS's errors for every malformed claim.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  IncompleteSignature,
  MissingAuthenticationToken,
  SignatureDoesNotMatch,
} from "../../domain/errors/authErrors.ts";
import { parseSigV4Request } from "./parseSigV4Request.ts";
import type { SignedRequest } from "./SignedRequest.ts";

const SIG = "a".repeat(64);
const CRED = "AKIDEXAMPLE/20240101/us-east-1/iam/aws4_request";

function request(headers: Record<string, string>, query = ""): SignedRequest {
  return {
    method: "POST",
    path: "/",
    query,
    headers: { host: "iam.amazonaws.com", ...headers },
    body: Buffer.alloc(0),
  };
}

function throwsWith(req: SignedRequest, type: new (...args: never[]) => Error, message: string): void {
  assert.throws(
    () => parseSigV4Request(req),
    (err: unknown) => {
      assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
      assert.equal(err.message, message);
      return true;
    },
  );
}

describe("parseSigV4Request", () => {
  it("no Authorization header and no X-Amz-Algorithm: MissingAuthenticationToken", () => {
    throwsWith(request({}), MissingAuthenticationToken, "Request is missing Authentication Token");
    throwsWith(
      request({}, "Action=ListUsers"),
      MissingAuthenticationToken,
      "Request is missing Authentication Token",
    );
  });

  it("an AWS4 header missing every part lists each, then echoes the header", () => {
    throwsWith(
      request({ authorization: "AWS4-HMAC-SHA256" }),
      IncompleteSignature,
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of " +
        "either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
    );
  });

  it("an AWS4 header missing only the signature and the date", () => {
    const authorization = `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host;x-amz-date`;
    throwsWith(
      request({ authorization }),
      IncompleteSignature,
      "Authorization header requires 'Signature' parameter. Authorization header requires existence of either a " +
        `'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
    );
  });

  it("another scheme is IncompleteSignature too, but its value (maybe a password) is never echoed", () => {
    const authorization = "Basic dXNlcjpodW50ZXIy";
    assert.throws(
      () => parseSigV4Request(request({ authorization, "x-amz-date": "20240101T000000Z" })),
      (err: unknown) => {
        assert.ok(err instanceof IncompleteSignature);
        assert.match(err.message, /^Authorization header requires 'Credential' parameter\./);
        assert.ok(!err.message.includes("dXNlcjpodW50ZXIy"));
        return true;
      },
    );
  });

  it("a part without '='", () => {
    const authorization = `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders, Signature=${SIG}`;
    throwsWith(
      request({ authorization, "x-amz-date": "20240101T000000Z" }),
      IncompleteSignature,
      `'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
    );
  });

  it("an unsupported algorithm", () => {
    throwsWith(
      request({
        authorization: `AWS4-HMAC-SHA1 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
        "x-amz-date": "20240101T000000Z",
      }),
      IncompleteSignature,
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). ",
    );
  });

  it("a credential without five elements", () => {
    throwsWith(
      request({
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/iam, SignedHeaders=host, Signature=${SIG}`,
        "x-amz-date": "20240101T000000Z",
      }),
      IncompleteSignature,
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20240101/us-east-1/iam'",
    );
  });

  it("a wrong terminator and a wrong date are reported together, as AWS does", () => {
    throwsWith(
      request({
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20231231/us-east-1/iam/aws5_request, SignedHeaders=host, Signature=${SIG}`,
        "x-amz-date": "20240101T000000Z",
      }),
      SignatureDoesNotMatch,
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20231231' != '20240101', from '20240101T000000Z'.",
    );
  });

  it("an X-Amz-Date not in ISO 8601 basic format, or not a real date", () => {
    for (const date of ["2024-01-01T00:00:00Z", "20240230T000000Z", "201"]) {
      throwsWith(
        request({
          authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`,
          "x-amz-date": date,
        }),
        IncompleteSignature,
        `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
  });

  it("both an Authorization header and a presigned query", () => {
    throwsWith(
      request(
        { authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}` },
        "X-Amz-Algorithm=AWS4-HMAC-SHA256",
      ),
      SignatureDoesNotMatch,
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  });

  it("a presigned query missing its parts", () => {
    throwsWith(
      request({}, "X-Amz-Algorithm=AWS4-HMAC-SHA256&Action=GetCallerIdentity"),
      IncompleteSignature,
      "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include " +
        "'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. AWS query-string " +
        "parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.",
    );
  });

  it("a presigned query with X-Amz-Expires over a week, or not a number", () => {
    const base = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(CRED)}&X-Amz-Date=20240101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIG}`;
    throwsWith(
      request({}, `${base}&X-Amz-Expires=604801`),
      IncompleteSignature,
      "X-Amz-Expires must be less than a week (in seconds) that is; 604800",
    );
    throwsWith(
      request({}, `${base}&X-Amz-Expires=-1`),
      IncompleteSignature,
      "X-Amz-Expires should be a number",
    );
    const claim = parseSigV4Request(
      request({}, `${base}&X-Amz-Expires=604800&X-Amz-Security-Token=a%2Bb%3D`),
    );
    assert.equal(claim.form, "query");
    assert.equal(claim.expiresSeconds, 604800);
    assert.equal(claim.securityToken, "a+b=");
    assert.deepEqual(claim.signedHeaders, ["host"]);
  });

  it("reads the header form's parts, in any order and spacing", () => {
    const claim = parseSigV4Request(
      request({
        authorization: `AWS4-HMAC-SHA256 Signature=${SIG},SignedHeaders=Host;X-Amz-Date,   Credential=${CRED}`,
        "x-amz-date": "20240101T000000Z",
        "x-amz-security-token": "token",
      }),
    );
    assert.deepEqual(claim, {
      form: "header",
      accessKeyId: "AKIDEXAMPLE",
      credentialDate: "20240101",
      region: "us-east-1",
      service: "iam",
      signedHeaders: ["host", "x-amz-date"],
      signature: SIG,
      requestTime: new Date("2024-01-01T00:00:00Z"),
      amzDate: "20240101T000000Z",
      securityToken: "token",
    });
  });
});
