// `npm run fuzz`: fast-check at scale over the four parsers that read what an attacker sends —
// the Query parser, the SigV4 parser, the policy parser and the session-token decoder. Each input
// must be either accepted or refused with the parser's own typed error; anything else (another
// exception, a hang) is a finding. Prints, per target, the inputs run, accepted, refused and
// failed (failed must be 0). FUZZ_RUNS sets the runs per target (default 250,000: 1,000,000 in all).
// Not part of `npm test`.

import fc from "fast-check";
import { Sealer } from "../src/auth/sealing/Sealer.ts";
import { decodeSessionToken, SESSION_TOKEN_CONTEXT } from "../src/auth/session/SessionToken.ts";
import { parseSigV4Request } from "../src/auth/sigv4/parseSigV4Request.ts";
import { readFormParameters } from "../src/auth/sigv4/readFormParameters.ts";
import { AwsError } from "../src/domain/errors/AwsError.ts";
import { iamModel } from "../src/generated/iam/iamModel.ts";
import {
  MalformedPolicyDocumentError,
  PolicySizeExceededError,
  parsePolicyDocument,
} from "../src/policy/index.ts";
import { parseQueryRequest } from "../src/protocol/parseQueryRequest.ts";
import { QueryProtocolError } from "../src/protocol/QueryProtocolError.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 250_000);

interface Tally {
  target: string;
  runs: number;
  accepted: number;
  refused: number;
  failed: number;
  firstFailure?: string;
}

function fuzz<T>(
  target: string,
  arbitrary: fc.Arbitrary<T>,
  run: (input: T) => void,
  expected: (err: unknown) => boolean,
): Tally {
  const tally: Tally = { target, runs: 0, accepted: 0, refused: 0, failed: 0 };
  fc.assert(
    fc.property(arbitrary, (input) => {
      tally.runs++;
      try {
        run(input);
        tally.accepted++;
      } catch (err) {
        if (expected(err)) tally.refused++;
        else {
          tally.failed++;
          tally.firstFailure ??= `${String(err)} on ${JSON.stringify(input).slice(0, 300)}`;
        }
      }
      return true;
    }),
    { numRuns: RUNS },
  );
  return tally;
}

const queryKey = fc.oneof(
  fc.constantFrom(
    "Action",
    "Version",
    "UserName",
    "PolicyDocument",
    "Tags.member.1.Key",
    "Tags.member.1.Value",
    "MaxItems",
    "Marker",
    "ActionNames.member.1",
    "PolicyInputList.member.1",
  ),
  fc.string({ maxLength: 30 }),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    "CreateUser",
    "ListUsers",
    "SimulateCustomPolicy",
    "GetUser",
    "2010-05-08",
    "1000",
    "-1",
    "%",
    "+",
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const randomPairs = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 8 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));
// Half the inputs name a real operation, so the model's validation is reached, not only MissingAction.
const queryString = fc.oneof(
  randomPairs,
  fc
    .tuple(
      fc.constantFrom("CreateUser", "ListUsers", "GetUser", "SimulateCustomPolicy", "TagUser"),
      randomPairs,
    )
    .map(([action, rest]) => `Action=${action}&Version=2010-05-08&${rest}`),
);

const authorization = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 70 }))
    .map(
      ([cred, headers, sig]) =>
        `AWS4-HMAC-SHA256 Credential=${cred}, SignedHeaders=${headers}, Signature=${sig}`,
    ),
  fc.constant(
    "AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00",
  ),
);
const signedRequest = fc.record({
  authorization: fc.option(authorization, { nil: undefined }),
  date: fc.option(fc.oneof(fc.constant("20260101T000000Z"), fc.string({ maxLength: 20 })), {
    nil: undefined,
  }),
  query: fc.oneof(
    queryString,
    fc.constant("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Date=20260101T000000Z"),
  ),
});

const policyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc
    .record({
      Version: fc.constantFrom("2012-10-17", "2008-10-17", "x"),
      Statement: fc.array(
        fc.record({
          Effect: fc.constantFrom("Allow", "Deny", "Maybe"),
          Action: fc.oneof(fc.constantFrom("*", "iam:*", "iam:Get*", ""), fc.string({ maxLength: 20 })),
          Resource: fc.oneof(fc.constantFrom("*", "arn:aws:iam::*:user/*"), fc.string({ maxLength: 30 })),
          Condition: fc.option(
            fc.dictionary(
              fc.string({ maxLength: 12 }),
              fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })),
            ),
            { nil: undefined },
          ),
        }),
        { maxLength: 4 },
      ),
    })
    .map((doc) => JSON.stringify(doc)),
);

const sealer = new Sealer(Buffer.alloc(32, 7));
const validToken = sealer.sealBytes(
  JSON.stringify({ v: 1, accessKeyId: "ASIAEXAMPLE", accountId: "111122223333" }),
  SESSION_TOKEN_CONTEXT,
);
const token = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.base64String({ maxLength: 400 }),
  // A real sealed blob with bytes flipped: the decoder must refuse tampering without throwing anything else.
  fc.tuple(fc.nat(validToken.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
    const copy = Buffer.from(validToken);
    copy[i] = (copy[i] as number) ^ x;
    return copy.toString("base64");
  }),
);

const started = performance.now();
const tallies = [
  fuzz(
    "Query parser",
    queryString,
    (q) => parseQueryRequest(readFormParameters(q), iamModel),
    (e) => e instanceof QueryProtocolError || e instanceof AwsError,
  ),
  fuzz(
    "SigV4 parser",
    signedRequest,
    (r) =>
      parseSigV4Request({
        method: "POST",
        path: "/",
        query: r.query,
        headers: {
          host: "h",
          ...(r.authorization !== undefined ? { authorization: r.authorization } : {}),
          ...(r.date !== undefined ? { "x-amz-date": r.date } : {}),
        },
        body: Buffer.alloc(0),
      }),
    (e) => e instanceof AwsError,
  ),
  fuzz(
    "policy parser",
    policyText,
    (text) => parsePolicyDocument(text, { kind: "identity", mode: "strict", maxSize: 6144 }),
    (e) => e instanceof MalformedPolicyDocumentError || e instanceof PolicySizeExceededError,
  ),
  fuzz(
    "session-token decoder",
    token,
    (t) => decodeSessionToken(t, sealer),
    (e) => e instanceof AwsError,
  ),
];
const seconds = (performance.now() - started) / 1000;
let total = 0;
let failed = 0;
for (const t of tallies) {
  total += t.runs;
  failed += t.failed;
  process.stdout.write(
    `${t.target.padEnd(22)} runs ${String(t.runs).padStart(8)}  accepted ${String(t.accepted).padStart(8)}  refused ${String(t.refused).padStart(8)}  failed ${t.failed}\n`,
  );
  if (t.firstFailure) process.stdout.write(`  first failure: ${t.firstFailure}\n`);
}
process.stdout.write(`total ${total} inputs in ${seconds.toFixed(1)} s, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
