// Canonicalisation details that the signer round-trips in verifySigV4.test.ts exercise only in part.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalHeaders, canonicalQueryString, canonicalUri } from "./buildCanonicalRequest.ts";
import { formatAmzDate, parseAmzDate } from "./formatAmzDate.ts";

describe("canonicalUri", () => {
  it("normalises dot segments and empty segments, keeps a trailing slash", () => {
    assert.equal(canonicalUri(""), "/");
    assert.equal(canonicalUri("/"), "/");
    assert.equal(canonicalUri("/a/./b/../c//d/"), "/a/c/d/");
    assert.equal(canonicalUri("/.."), "/");
  });

  it("encodes each segment a second time (non-S3 services)", () => {
    assert.equal(canonicalUri("/foo%20bar/%C3%BC"), "/foo%2520bar/%25C3%25BC");
    assert.equal(canonicalUri("/a:b*c"), "/a%3Ab%2Ac");
  });
});

describe("canonicalQueryString", () => {
  it("sorts by key then value, and re-encodes canonically", () => {
    assert.equal(canonicalQueryString("b=2&a=2&a=1&c"), "a=1&a=2&b=2&c=");
    assert.equal(canonicalQueryString("k=%7e%2f%41+x%20y"), "k=~%2FA%20x%20y");
    // '+' is a space and %2B a plus, as the operation reads them: two readings, two signatures.
    assert.equal(canonicalQueryString("k=pl+us"), "k=pl%20us");
    assert.equal(canonicalQueryString("k=pl%2Bus"), "k=pl%2Bus");
    assert.equal(canonicalQueryString("k=100%"), "k=100%25");
  });

  it("sorts by encoded bytes (uppercase before lowercase)", () => {
    assert.equal(canonicalQueryString("a=1&B=2&_=3"), "B=2&_=3&a=1");
  });

  it("drops X-Amz-Signature when asked (presigned form)", () => {
    assert.equal(canonicalQueryString("X-Amz-Signature=abc&A=1", "X-Amz-Signature"), "A=1");
  });
});

describe("canonicalHeaders", () => {
  it("trims values, collapses inner whitespace, joins repeated headers with ','", () => {
    assert.equal(
      canonicalHeaders({ host: " h ", "x-a": "  one   two\tthree ", "x-b": ["1", " 2 "] }, [
        "host",
        "x-a",
        "x-b",
      ]),
      "host:h\nx-a:one two three\nx-b:1,2\n",
    );
  });

  it("a signed header the request lacks is empty", () => {
    assert.equal(canonicalHeaders({}, ["x-missing"]), "x-missing:\n");
  });
});

describe("amz dates", () => {
  it("formats and parses ISO 8601 basic format", () => {
    assert.equal(formatAmzDate(new Date("2024-01-01T00:25:00.999Z")), "20240101T002500Z");
    assert.equal(parseAmzDate("20240229T235959Z")?.toISOString(), "2024-02-29T23:59:59.000Z");
    assert.equal(parseAmzDate("20230229T000000Z"), null);
    assert.equal(parseAmzDate("20240101T000000"), null);
  });
});
