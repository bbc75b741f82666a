/**
 * Property tests (fast-check) for the policy parser against random and hostile input:
 * - strict mode throws nothing but MalformedPolicyDocumentError or PolicySizeExceededError,
 *   on any string and on any JSON value, for every policy kind;
 * - lenient mode never throws on a document strict mode accepted, and reads the same statements;
 * - whatever parses, compiles and evaluates without throwing.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import fc from "fast-check";
import {
  compilePolicy,
  evaluatePolicies,
  MalformedPolicyDocumentError,
  type PolicyKind,
  PolicySizeExceededError,
  parsePolicyDocument,
} from "../../src/policy/index.ts";

const KINDS: PolicyKind[] = ["identity", "resource", "trust", "boundary", "session", "scp"];
const kind = fc.constantFrom(...KINDS);

function strictOrExpectedError(text: string, k: PolicyKind, maxSize?: number): boolean {
  try {
    parsePolicyDocument(text, { kind: k, mode: "strict", ...(maxSize === undefined ? {} : { maxSize }) });
    return true;
  } catch (e) {
    if (e instanceof MalformedPolicyDocumentError || e instanceof PolicySizeExceededError) return false;
    throw e;
  }
}

// Policy-shaped JSON: real element names and values mixed with junk, so the validator's deeper
// paths are reached, not only "Syntax errors in policy.".
const word = fc.constantFrom(
  "*",
  "s3:GetObject",
  "iam:*",
  "arn:aws:s3:::b/*",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
  "arn:aws:iam::111122223333:user/${aws:username}",
  "Allow",
  "Deny",
  "allow",
  "2012-10-17",
  "2008-10-17",
  "StringEquals",
  "ForAnyValue:StringLike",
  "NumericLessThanIfExists",
  "DateGreaterThan",
  "IpAddress",
  "Null",
  "aws:SourceIp",
  "10.0.0.0/8",
  "2020-01-01T00:00:00Z",
  "111122223333",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
  "${*}",
  "",
);
const scalar = fc.oneof(word, fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const conditionBlock = fc.dictionary(
  fc.oneof(word, fc.string()),
  fc.dictionary(fc.oneof(word, fc.string()), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))),
);
const statement = fc.record(
  {
    Sid: fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{0,8}$/), scalar),
    Effect: fc.oneof(fc.constantFrom("Allow", "Deny"), scalar),
    Action: fc.oneof(word, fc.array(word, { maxLength: 3 }), scalar),
    NotAction: fc.oneof(word, fc.array(word, { maxLength: 3 })),
    Resource: fc.oneof(word, fc.array(word, { maxLength: 3 }), scalar),
    NotResource: fc.oneof(word, fc.array(word, { maxLength: 3 })),
    Principal: fc.oneof(
      fc.constant("*"),
      fc.dictionary(fc.constantFrom("AWS", "Service", "Foo"), fc.oneof(word, fc.array(word))),
    ),
    Condition: fc.oneof(conditionBlock, scalar),
    Junk: scalar,
  },
  { requiredKeys: [] },
);
const policyLike = fc.record(
  {
    Version: fc.oneof(fc.constantFrom("2012-10-17", "2008-10-17"), scalar),
    Id: scalar,
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 }), scalar),
  },
  { requiredKeys: [] },
);

// Mostly valid documents for a given kind, so the lenient-after-strict property has material.
const validAction = fc.constantFrom("s3:GetObject", "iam:*", "*", "ec2:Describe*", "sts:AssumeRole");
const validResource = fc.constantFrom(
  "*",
  "arn:aws:s3:::b/*",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
  "arn:aws:iam::111122223333:user/${aws:username}",
);
const validCondition = fc.dictionary(
  fc.constantFrom(
    "StringEquals",
    "StringNotLikeIfExists",
    "ForAllValues:StringEquals",
    "NumericLessThan",
    "Bool",
    "Null",
  ),
  fc.dictionary(
    fc.constantFrom("aws:username", "aws:TagKeys", "s3:max-keys"),
    fc.constantFrom("1", "true", ["a", "b"]),
  ),
  { minKeys: 1, maxKeys: 2 },
);
const validDocument = (k: PolicyKind) =>
  fc
    .array(
      fc.record(
        {
          Sid: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
          Effect: fc.constantFrom("Allow", "Deny"),
          Action: fc.oneof(validAction, fc.array(validAction, { minLength: 1, maxLength: 3 })),
          Resource: fc.oneof(validResource, fc.array(validResource, { minLength: 1, maxLength: 2 })),
          Condition: validCondition,
        },
        { requiredKeys: ["Effect", "Action", "Resource"] },
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((statements) => ({
      Version: "2012-10-17",
      Statement: statements.map((st, i) => {
        const out: Record<string, unknown> = {
          ...st,
          Sid: st.Sid === undefined ? undefined : `${st.Sid}${i}`,
        };
        if (k === "resource" || k === "trust") out.Principal = { AWS: "111122223333" };
        if (k === "trust") delete out.Resource;
        return out;
      }),
    }));

it("strict parser throws only AWS errors on any string", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 300 }), kind, (text, k) => {
      strictOrExpectedError(text, k);
    }),
    { numRuns: 2000 },
  );
});

it("strict parser throws only AWS errors on any JSON value", () => {
  fc.assert(
    fc.property(fc.jsonValue(), kind, fc.option(fc.integer({ min: 0, max: 400 })), (value, k, max) => {
      strictOrExpectedError(JSON.stringify(value), k, max ?? undefined);
    }),
    { numRuns: 2000 },
  );
});

it("strict parser throws only AWS errors on policy-shaped documents", () => {
  fc.assert(
    fc.property(policyLike, kind, (value, k) => {
      strictOrExpectedError(JSON.stringify(value, null, 1), k);
    }),
    { numRuns: 3000 },
  );
});

it("lenient parser accepts whatever strict accepted, with the same statements", () => {
  let accepted = 0;
  fc.assert(
    fc.property(
      kind.chain((k) => fc.tuple(fc.oneof(validDocument(k), policyLike), fc.constant(k))),
      ([value, k]) => {
        const text = JSON.stringify(value);
        let strict: ReturnType<typeof parsePolicyDocument>;
        try {
          strict = parsePolicyDocument(text, { kind: k, mode: "strict" });
        } catch {
          return;
        }
        accepted++;
        const lenient = parsePolicyDocument(text, { kind: k, mode: "lenient" });
        assert.equal(lenient.statements.length, strict.statements.length);
        assert.deepEqual(
          lenient.statements.map((s) => [s.effect, s.action, s.resource]),
          strict.statements.map((s) => [s.effect, s.action, s.resource]),
        );
      },
    ),
    { numRuns: 4000 },
  );
  assert.ok(accepted > 50, `only ${accepted} generated documents were valid`);
});

it("lenient parse, compile and evaluate never throw on any JSON value", () => {
  fc.assert(
    fc.property(fc.oneof(policyLike, fc.jsonValue()), kind, (value, k) => {
      const doc = parsePolicyDocument(JSON.stringify(value), { kind: k, mode: "lenient" });
      const policy = compilePolicy(doc, { id: "p", name: "p", type: k === "trust" ? "trust" : "inline" });
      evaluatePolicies(
        {
          principal: { arn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333", type: "user" },
          action: "s3:GetObject",
          resource: "arn:aws:s3:::b/key",
          context: { "aws:username": "alice", "aws:SourceIp": "10.1.2.3", "aws:TagKeys": ["a", "b"] },
        },
        k === "resource" || k === "trust" ? { identity: [], resource: policy } : { identity: [policy] },
      );
    }),
    { numRuns: 2000 },
  );
});
