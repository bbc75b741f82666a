/**
 * Where a strict parse's MalformedPolicyDocumentError points: the JSON's first unreadable
 * character, else the offending statement's start, else the document's; the message stays AWS's.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { MalformedPolicyDocumentError } from "./MalformedPolicyDocumentError.ts";
import { MESSAGES, parsePolicyDocument } from "./parsePolicyDocument.ts";

function refusal(text: string): MalformedPolicyDocumentError {
  try {
    parsePolicyDocument(text, { kind: "identity", mode: "strict" });
  } catch (err) {
    if (err instanceof MalformedPolicyDocumentError) return err;
    throw err;
  }
  throw new Error("the document was accepted");
}

it("a JSON syntax error points at the first character the parser could not read", () => {
  const text =
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",, "Action": "*"}\n  ]\n}';
  const err = refusal(text);
  assert.equal(err.message, MESSAGES.syntax);
  assert.deepEqual(err.position, { line: 4, column: 24 });
  assert.ok(!err.message.includes("line"), "AWS's message carries no position");
});

it("a missing closing brace points past the end of the text", () => {
  assert.deepEqual(refusal('{\n"Statement": []').position, { line: 2, column: 16 });
});

it("a statement-level refusal points at the start of that statement", () => {
  const text = [
    "{",
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    '    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},',
    '    {"Effect": "Allow", "Resource": "*"}',
    "  ]",
    "}",
  ].join("\n");
  const err = refusal(text);
  assert.equal(err.message, MESSAGES.missingActions);
  assert.deepEqual(err.position, { line: 5, column: 5 });
});

it("of several refusals, the one AWS reports is the one whose position is given", () => {
  // The second statement has a syntax error (unknown element), the first a semantic one:
  // syntax wins in AWS's order, and the position follows it.
  const text =
    '{"Statement": [{"Effect": "Allow", "Resource": "*"},\n {"Effect": "Allow", "Action": "*", "Resource": "*", "Bogus": 1}]}';
  const err = refusal(text);
  assert.equal(err.message, MESSAGES.syntax);
  assert.deepEqual(err.position, { line: 2, column: 2 });
});

it("a document-level refusal points at the document's start", () => {
  const err = refusal('\n\n  {"Version": "2012-10-17", "Statement": [], "Extra": 1}');
  assert.equal(err.message, MESSAGES.syntax);
  assert.deepEqual(err.position, { line: 3, column: 3 });
});

it("a statement that is not an object points at the Statement list", () => {
  const err = refusal('{"Version": "2012-10-17",\n"Statement": ["Allow"]}');
  assert.deepEqual(err.position, { line: 2, column: 14 });
});
