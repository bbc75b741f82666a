// Signs real requests with the AWS SDK's own signer (@smithy/signature-v4) and checks that
// verifySigV4 accepts them and refuses every tampering, with AWS's error classes and messages.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { SignatureDoesNotMatch } from "../../domain/errors/authErrors.ts";
import { encodeUriComponentRfc3986 } from "./encodeUriComponentRfc3986.ts";
import { parseSigV4Request } from "./parseSigV4Request.ts";
import type { SignedRequest } from "./SignedRequest.ts";
import { SigningKeyCache } from "./SigningKeyCache.ts";
import { verifySigV4 } from "./verifySigV4.ts";

const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN = "AQoDYXdzEJr+session/token==";
const HOST = "iam.amazonaws.com";
const SIGNED_AT = new Date("2024-01-01T00:00:00Z");
const FORM_BODY = "Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fdivision_abc%2F";

interface TestRequest {
  method: "GET" | "POST";
  path?: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: string;
}

function signer(sessionToken?: string, secret = SECRET): SignatureV4 {
  return new SignatureV4({
    credentials: {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: secret,
      ...(sessionToken ? { sessionToken } : {}),
    },
    region: "us-east-1",
    service: "iam",
    sha256: Hash.bind(null, "sha256"),
  });
}

function smithyRequest(r: TestRequest) {
  return {
    method: r.method,
    protocol: "https:",
    hostname: HOST,
    path: r.path ?? "/",
    query: Object.fromEntries(r.query ?? []),
    headers: { host: HOST, ...(r.headers ?? {}) },
    body: r.body,
  };
}

/** What the server would see: the query serialised as the SDKs do (in their order), lowercase headers. */
function asReceived(
  signed: { headers: Record<string, string>; query?: Record<string, unknown> },
  r: TestRequest,
): SignedRequest {
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeUriComponentRfc3986(k)}=${encodeUriComponentRfc3986(String(v))}`)
    .join("&");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
  return { method: r.method, path: r.path ?? "/", query, headers, body: Buffer.from(r.body ?? "") };
}

async function signHeader(r: TestRequest, opts: { sessionToken?: string; secret?: string; at?: Date } = {}) {
  const signed = await signer(opts.sessionToken, opts.secret).sign(smithyRequest(r), {
    signingDate: opts.at ?? SIGNED_AT,
  });
  return asReceived(signed as never, r);
}

async function presign(r: TestRequest, opts: { sessionToken?: string; expiresIn?: number } = {}) {
  const signed = await signer(opts.sessionToken).presign(smithyRequest(r), {
    signingDate: SIGNED_AT,
    expiresIn: opts.expiresIn ?? 900,
  });
  return asReceived(signed as never, r);
}

const POST: TestRequest = {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
  body: FORM_BODY,
};
const GET: TestRequest = {
  method: "GET",
  // Deliberately unsorted, with characters that need encoding: the server must canonicalise.
  query: [
    ["Version", "2010-05-08"],
    ["Action", "ListUsers"],
    ["PathPrefix", "/a b/c+d~e*f!"],
    ["Marker", "ü€"],
  ],
};
const at = (minutes: number) => new Date(SIGNED_AT.getTime() + minutes * 60_000);

function verify(req: SignedRequest, now = at(1), secret = SECRET, cache?: SigningKeyCache): void {
  verifySigV4(req, parseSigV4Request(req), secret, now, cache);
}

function rejects(fn: () => void, message?: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SignatureDoesNotMatch, `expected SignatureDoesNotMatch, got ${String(err)}`);
    if (typeof message === "string") assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });
}

describe("verifySigV4 accepts requests signed by the AWS SDK signer", () => {
  it("header form, POST with a form body", async () => {
    const req = await signHeader(POST);
    const claim = parseSigV4Request(req);
    assert.equal(claim.form, "header");
    assert.equal(claim.accessKeyId, ACCESS_KEY_ID);
    assert.equal(claim.credentialDate, "20240101");
    assert.equal(claim.region, "us-east-1");
    assert.equal(claim.service, "iam");
    assert.ok(claim.signedHeaders.includes("host"));
    assert.equal(claim.securityToken, undefined);
    verifySigV4(req, claim, SECRET, at(1));
  });

  it("header form, GET with unsorted, encoded query parameters", async () => {
    verify(await signHeader(GET));
  });

  it("header form with a session token", async () => {
    const req = await signHeader(POST, { sessionToken: SESSION_TOKEN });
    const claim = parseSigV4Request(req);
    assert.equal(claim.securityToken, SESSION_TOKEN);
    verifySigV4(req, claim, SECRET, at(1));
  });

  it("the Date header dates a request that has no X-Amz-Date", async () => {
    // The SDK signer always uses X-Amz-Date (and strips Date), so this only checks the parsing:
    // with X-Amz-Date gone, the time comes from Date, and the signature (which covered
    // x-amz-date) no longer holds.
    const req = await signHeader(POST);
    delete req.headers["x-amz-date"];
    req.headers.date = SIGNED_AT.toUTCString();
    const claim = parseSigV4Request(req);
    assert.equal(claim.requestTime.getTime(), SIGNED_AT.getTime());
    rejects(() => verifySigV4(req, claim, SECRET, at(1)));
  });

  it("presigned query form, GET", async () => {
    const req = await presign(GET);
    const claim = parseSigV4Request(req);
    assert.equal(claim.form, "query");
    assert.equal(claim.expiresSeconds, 900);
    assert.equal(claim.accessKeyId, ACCESS_KEY_ID);
    verifySigV4(req, claim, SECRET, at(1));
  });

  it("presigned query form with a session token", async () => {
    const req = await presign(GET, { sessionToken: SESSION_TOKEN });
    const claim = parseSigV4Request(req);
    assert.equal(claim.securityToken, SESSION_TOKEN);
    verifySigV4(req, claim, SECRET, at(1));
  });

  it("presigned query form, POST with a body", async () => {
    verify(await presign(POST));
  });

  it("a presigned URL is good until X-Amz-Expires, even past the 15-minute skew", async () => {
    const req = await presign(GET, { expiresIn: 3600 });
    verify(req, at(59));
  });

  it("a request 15 minutes old or 15 minutes ahead is still accepted", async () => {
    verify(await signHeader(POST), at(15));
    verify(await signHeader(POST), at(-15));
  });

  it("a steady client hits the signing-key cache", async () => {
    const cache = new SigningKeyCache();
    verify(await signHeader(POST), at(1), SECRET, cache);
    verify(await signHeader(GET), at(1), SECRET, cache);
    verify(await presign(GET), at(1), SECRET, cache);
    assert.equal(cache.misses, 1);
    assert.equal(cache.hits, 2);
    assert.equal(cache.size, 1);
  });

  it("the signing-key cache is bounded and never serves a key derived from another secret", async () => {
    const cache = new SigningKeyCache(2);
    cache.get(SECRET, "AKIA1", "20240101", "us-east-1", "iam");
    cache.get(SECRET, "AKIA2", "20240101", "us-east-1", "iam");
    cache.get(SECRET, "AKIA3", "20240101", "us-east-1", "iam");
    assert.equal(cache.size, 2);
    const req = await signHeader(POST);
    verify(req, at(1), SECRET, cache);
    rejects(() => verify(req, at(1), "another-secret", cache));
    verify(req, at(1), SECRET, cache);
  });
});

describe("verifySigV4 refuses", () => {
  it("the wrong secret", async () => {
    const req = await signHeader(POST);
    rejects(
      () => verify(req, at(1), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ"),
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  });

  it("a tampered body", async () => {
    const req = await signHeader(POST);
    req.body = Buffer.from(FORM_BODY.replace("ListUsers", "ListRoles"));
    rejects(() => verify(req));
  });

  it("a tampered signed header value", async () => {
    const req = await signHeader(POST);
    req.headers["content-type"] = "application/json";
    rejects(() => verify(req));
  });

  it("a tampered query", async () => {
    const req = await signHeader(GET);
    req.query = req.query.replace("ListUsers", "ListRoles");
    rejects(() => verify(req));
    const presigned = await presign(GET);
    presigned.query = presigned.query.replace("ListUsers", "ListRoles");
    rejects(() => verify(presigned));
  });

  it("a query parameter added after signing", async () => {
    const req = await presign(GET);
    req.query += "&UserName=root";
    rejects(() => verify(req));
  });

  it("a request whose host is not signed", async () => {
    const r = smithyRequest(POST);
    delete (r.headers as Record<string, string>).host;
    const signed = await signer().sign(r, { signingDate: SIGNED_AT });
    const req = asReceived(signed as never, POST);
    req.headers.host = HOST;
    rejects(() => verify(req), "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  });

  it("a request signed 16 minutes ago, with AWS's message", async () => {
    const req = await signHeader(POST);
    rejects(
      () => verify(req, at(25)),
      "Signature expired: 20240101T000000Z is now earlier than 20240101T001000Z (20240101T002500Z - 15 min.)",
    );
    rejects(() => verify(req, at(16)), /^Signature expired: 20240101T000000Z is now earlier than/);
  });

  it("a request signed 16 minutes in the future, with AWS's message", async () => {
    const req = await signHeader(POST);
    rejects(
      () => verify(req, at(-16)),
      "Signature not yet current: 20240101T000000Z is still later than 20231231T235900Z (20231231T234400Z + 15 min.)",
    );
  });

  it("an expired presigned URL", async () => {
    const req = await presign(GET, { expiresIn: 60 });
    verify(req, new Date(SIGNED_AT.getTime() + 60_000));
    rejects(
      () => verify(req, new Date(SIGNED_AT.getTime() + 61_000)),
      "Signature expired: 20240101T000000Z is now earlier than 20240101T000001Z (20240101T000101Z - 60 sec.)",
    );
  });

  it("a credential scope dated another day", async () => {
    const req = await signHeader(POST);
    req.headers.authorization = (req.headers.authorization as string).replace("/20240101/", "/20231231/");
    rejects(
      () => verify(req),
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20231231' != '20240101', from '20240101T000000Z'.",
    );
    // And when a claim is built by hand, verifySigV4 checks it itself.
    const good = await signHeader(POST);
    const claim = { ...parseSigV4Request(good), credentialDate: "20231231" };
    rejects(() => verifySigV4(good, claim, SECRET, at(1)), /^Date in Credential scope does not match/);
  });

  it("an x-amz-content-sha256 that is not the body's hash", async () => {
    const wrong = "0".repeat(64);
    const req = await signHeader({ ...POST, headers: { ...POST.headers, "x-amz-content-sha256": wrong } });
    rejects(
      () => verify(req),
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
    const unsigned = await signHeader({
      ...POST,
      headers: { ...POST.headers, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    });
    rejects(() => verify(unsigned), /x-amz-content-sha256/);
  });

  it("a matching x-amz-content-sha256 is fine", async () => {
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update(FORM_BODY).digest("hex");
    verify(await signHeader({ ...POST, headers: { ...POST.headers, "x-amz-content-sha256": hash } }));
  });

  it("malformed signatures (uppercase hex, short, long, not hex), without throwing anything else", async () => {
    const req = await signHeader(POST);
    const claim = parseSigV4Request(req);
    for (const signature of [
      claim.signature.toUpperCase(),
      claim.signature.slice(0, 63),
      `${claim.signature}0`,
      "z".repeat(64),
      "",
    ]) {
      rejects(() => verifySigV4(req, { ...claim, signature }, SECRET, at(1)));
    }
  });

  it("a session token swapped after signing", async () => {
    const req = await signHeader(POST, { sessionToken: SESSION_TOKEN });
    req.headers["x-amz-security-token"] = "another-token";
    rejects(() => verify(req));
  });
});

describe("verifySigV4 against the AWS SigV4 test suite", () => {
  // "get-vanilla" from AWS's published aws-sig-v4-test-suite: an independent check of the
  // canonicalisation and key derivation, not produced by the signer the other tests use.
  it("get-vanilla", () => {
    const req: SignedRequest = {
      method: "GET",
      path: "/",
      query: "",
      headers: {
        host: "example.amazonaws.com",
        "x-amz-date": "20150830T123600Z",
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
      },
      body: Buffer.alloc(0),
    };
    verifySigV4(
      req,
      parseSigV4Request(req),
      "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      new Date("2015-08-30T12:36:00Z"),
    );
  });
});
