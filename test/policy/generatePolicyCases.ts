/**
 * Seeded, deterministic generator of identity-policy-and-request pairs for the differential
 * test and the benchmark: Allow/Deny, Action/NotAction, Resource/NotResource with wildcards and
 * policy variables, conditions over string, numeric, date, bool, IP, ARN and Null operators
 * (with IfExists and set qualifiers) on keys that the request has or lacks.
 *
 * Services are chosen among those the peer engine evaluates with its default authorizer
 * (not IAM, STS, KMS or S3, whose special cases are not the point here).
 */

export interface GeneratedCase {
  id: number;
  policies: Array<{ name: string; document: { Version: string; Statement: Record<string, unknown>[] } }>;
  request: {
    principal: string;
    action: string;
    resource: string;
    context: Record<string, string | string[]>;
  };
}

export const ACCOUNT = "111122223333";
export const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TABLE = (region: string, name: string) => `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}`;
const QUEUE = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

const REQUEST_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:DeleteItem",
  "dynamodb:Query",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "sqs:DeleteQueue",
];
const REQUEST_RESOURCES: Record<string, string[]> = {
  dynamodb: [
    TABLE("us-east-1", "orders"),
    TABLE("us-east-1", "alice"),
    TABLE("eu-west-1", "orders"),
    TABLE("us-east-1", "orders-archive"),
  ],
  sqs: [QUEUE("jobs"), QUEUE("queue-alice"), QUEUE("queue-bob")],
};
const ACTION_PATTERNS = [
  "dynamodb:GetItem",
  "dynamodb:Get*",
  "dynamodb:*",
  "dynamodb:*Item",
  "DynamoDB:getitem",
  "dynamodb:?utItem",
  "sqs:*",
  "sqs:SendMessage",
  "sqs:*Message",
  "*",
];
const RESOURCE_PATTERNS = [
  "*",
  TABLE("us-east-1", "orders"),
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`,
  `arn:aws:dynamodb:*:${ACCOUNT}:table/orders`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/ord?rs`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders*`,
  `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/\${aws:username}`,
  `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-*`,
  `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-\${aws:username}`,
  `arn:aws:sqs:*:*:jobs`,
];

interface KeySpec {
  key: string;
  values: string[];
  multi?: boolean;
  ops: string[];
  policyValues: string[];
}

const KEYS: KeySpec[] = [
  {
    key: "aws:username",
    values: ["alice", "bob", "Alice"],
    ops: [
      "StringEquals",
      "StringNotEquals",
      "StringEqualsIgnoreCase",
      "StringNotEqualsIgnoreCase",
      "StringLike",
      "StringNotLike",
    ],
    policyValues: ["alice", "bob", "al*", "a?ice", "ALICE", "*"],
  },
  {
    key: "aws:PrincipalTag/team",
    values: ["dev", "ops", "dev-ops"],
    ops: ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike"],
    policyValues: ["dev", "ops", "dev*", "*ops"],
  },
  {
    key: "aws:MultiFactorAuthAge",
    values: ["0", "300", "3600", "86400"],
    ops: [
      "NumericLessThan",
      "NumericLessThanEquals",
      "NumericGreaterThan",
      "NumericGreaterThanEquals",
      "NumericEquals",
      "NumericNotEquals",
    ],
    policyValues: ["300", "3600", "0"],
  },
  {
    key: "aws:CurrentTime",
    values: ["2019-06-01T00:00:00Z", "2020-01-01T00:00:00Z", "2024-03-15T12:30:00Z"],
    ops: [
      "DateLessThan",
      "DateLessThanEquals",
      "DateGreaterThan",
      "DateGreaterThanEquals",
      "DateEquals",
      "DateNotEquals",
    ],
    policyValues: ["2020-01-01T00:00:00Z", "2023-01-01T00:00:00Z"],
  },
  {
    key: "aws:SecureTransport",
    values: ["true", "false"],
    ops: ["Bool"],
    policyValues: ["true", "false"],
  },
  {
    key: "aws:MultiFactorAuthPresent",
    values: ["true", "false"],
    ops: ["Bool"],
    policyValues: ["true", "false"],
  },
  {
    key: "aws:SourceIp",
    values: ["203.0.113.5", "198.51.100.7", "2001:db8::1", "10.1.2.3"],
    ops: ["IpAddress", "NotIpAddress"],
    policyValues: ["203.0.113.0/24", "10.0.0.0/8", "2001:db8::/32", "198.51.100.7/32"],
  },
  {
    key: "aws:SourceArn",
    values: [`arn:aws:sns:us-east-1:${ACCOUNT}:topic`, `arn:aws:sqs:us-east-1:444455556666:jobs`],
    ops: ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"],
    policyValues: [
      `arn:aws:sns:us-east-1:${ACCOUNT}:topic`,
      `arn:aws:sns:*:${ACCOUNT}:*`,
      "arn:aws:sqs:us-east-1:*:jobs",
    ],
  },
  {
    key: "aws:TagKeys",
    values: ["env", "owner", "cost-center"],
    multi: true,
    ops: [
      "ForAllValues:StringEquals",
      "ForAnyValue:StringEquals",
      "ForAllValues:StringLike",
      "ForAnyValue:StringLike",
      "ForAllValues:StringNotEquals",
      "ForAnyValue:StringNotEquals",
    ],
    policyValues: ["env", "owner", "c*"],
  },
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function some<T>(r: () => number, list: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(r() * max);
  const out = new Set<T>();
  for (let i = 0; i < n; i++) out.add(pick(r, list));
  return [...out];
}

function oneOrList(r: () => number, values: string[]): string | string[] {
  return values.length === 1 && r() < 0.5 ? (values[0] as string) : values;
}

function condition(r: () => number): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {};
  const n = 1 + Math.floor(r() * 2);
  for (let i = 0; i < n; i++) {
    const spec = pick(r, KEYS);
    let op = pick(r, spec.ops);
    const roll = r();
    if (roll < 0.15) op = "Null";
    else if (roll < 0.35 && !op.startsWith("For")) op = `${op}IfExists`;
    const values = op === "Null" ? [pick(r, ["true", "false"])] : some(r, spec.policyValues, 2);
    out[op] ??= {};
    (out[op] as Record<string, string | string[]>)[spec.key] = oneOrList(r, values);
  }
  return out;
}

function statement(r: () => number, i: number): Record<string, unknown> {
  const st: Record<string, unknown> = { Sid: `S${i}`, Effect: r() < 0.7 ? "Allow" : "Deny" };
  const actions = some(r, ACTION_PATTERNS, 2);
  if (r() < 0.8) st.Action = oneOrList(r, actions);
  else st.NotAction = oneOrList(r, actions);
  const resources = some(r, RESOURCE_PATTERNS, 2);
  if (r() < 0.85) st.Resource = oneOrList(r, resources);
  else st.NotResource = oneOrList(r, resources);
  if (r() < 0.6) st.Condition = condition(r);
  return st;
}

export function generateCase(seed: number, id: number): GeneratedCase {
  const r = rng(seed);
  const policies: GeneratedCase["policies"] = [];
  const nPolicies = 1 + Math.floor(r() * 2);
  let sid = 0;
  for (let p = 0; p < nPolicies; p++) {
    const statements: Record<string, unknown>[] = [];
    const n = 1 + Math.floor(r() * 4);
    for (let s = 0; s < n; s++) statements.push(statement(r, sid++));
    policies.push({ name: `policy${p}`, document: { Version: "2012-10-17", Statement: statements } });
  }
  const action = pick(r, REQUEST_ACTIONS);
  const service = action.split(":")[0] as string;
  const resource = pick(r, REQUEST_RESOURCES[service] as string[]);
  const context: Record<string, string | string[]> = {};
  for (const spec of KEYS) {
    if (r() < 0.45) continue;
    context[spec.key] = spec.multi ? some(r, spec.values, 3) : pick(r, spec.values);
  }
  return { id, policies, request: { principal: PRINCIPAL, action, resource, context } };
}

export function generateCases(count: number, seed = 20240601): GeneratedCase[] {
  const out: GeneratedCase[] = [];
  for (let i = 0; i < count; i++) out.push(generateCase(seed + i * 7919, i));
  return out;
}
