// parseUserArn: the account and user name of a user ARN, whatever its path; nothing else parses.

import assert from "node:assert/strict";
import { test } from "node:test";
import { parseUserArn, userArn } from "../../src/domain/arns.ts";

test("a user ARN gives its account and name, with or without a path", () => {
  assert.deepEqual(parseUserArn("arn:aws:iam::123456789012:user/alice"), {
    accountId: "123456789012",
    userName: "alice",
  });
  assert.deepEqual(parseUserArn(userArn("123456789012", "/team/ops/", "bob")), {
    accountId: "123456789012",
    userName: "bob",
  });
});

test("anything else is not a user ARN", () => {
  for (const arn of [
    "arn:aws:iam::123456789012:root",
    "arn:aws:iam::123456789012:role/admin",
    "arn:aws:iam::123456789012:user/",
    "arn:aws:iam::123456789012:user/team/",
    "arn:aws:iam::12345:user/alice",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "alice",
  ]) {
    assert.equal(parseUserArn(arn), undefined, arn);
  }
});
