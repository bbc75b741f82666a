/** listContextKeys: condition keys and variable keys, first spelling kept, in document order. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { listContextKeys } from "./listContextKeys.ts";
import { parsePolicyDocument } from "./parsePolicyDocument.ts";

it("lists condition keys and the keys of policy variables", () => {
  const doc = parsePolicyDocument(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:*",
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
          Resource: "arn:aws:s3:::b/${aws:username}/*",
          Condition: {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
            StringLike: { "s3:prefix": "${aws:PrincipalTag/team}/*" },
            Bool: { "aws:SecureTransport": "true" },
          },
        },
        {
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { Null: { "AWS:SecureTransport": "true" } },
        },
      ],
    }),
    { kind: "identity", mode: "strict" },
  );
  assert.deepEqual(listContextKeys(doc), [
    "aws:username",
    "s3:prefix",
    "aws:PrincipalTag/team",
    "aws:SecureTransport",
  ]);
});

it("has no variables under Version 2008-10-17", () => {
  const doc = parsePolicyDocument(
    JSON.stringify({
      Version: "2008-10-17",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/${aws:username}" }],
    }),
    { kind: "identity", mode: "strict" },
  );
  assert.deepEqual(listContextKeys(doc), []);
});
