// SimulateCustomPolicy over the wire gives the same decisions as the engine's conformance tables:
// every identity-and-boundary case of test/conformance/policy/ is replayed through a running
// server with the AWS SDK v3, and a sample through the AWS CLI where the machine has it.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  type ContextEntry,
  GetContextKeysForCustomPolicyCommand,
  SimulateCustomPolicyCommand,
} from "@aws-sdk/client-iam";
import { AWS_CLI_MISSING, awsCli, awsCliAvailable } from "../support/awsCli.ts";
import { iamClient } from "../support/awsClients.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

const DIR = join(import.meta.dirname, "..", "conformance", "policy");
const WORD = {
  Allowed: "allowed",
  ExplicitlyDenied: "explicitDeny",
  ImplicitlyDenied: "implicitDeny",
} as const;

interface Case {
  name: string;
  policies: { identity?: unknown; boundary?: unknown; [k: string]: unknown };
  request: {
    principal?: unknown;
    action: string;
    resource?: string;
    resourceAccountId?: string;
    context?: Record<string, unknown>;
  };
  expect: { decision: keyof typeof WORD };
}

function documents(entry: unknown): string[] {
  if (entry === undefined) return [];
  const list = Array.isArray(entry) ? entry : [entry];
  return list.map((p) => JSON.stringify((p as { document?: unknown }).document ?? p));
}

function contextEntries(context: Record<string, unknown> | undefined): ContextEntry[] {
  return Object.entries(context ?? {}).map(([key, value]) => {
    const values = Array.isArray(value) ? value : [value];
    const first = values[0];
    const base = typeof first === "boolean" ? "boolean" : typeof first === "number" ? "numeric" : "string";
    return {
      ContextKeyName: key,
      ContextKeyValues: values.map(String),
      ContextKeyType: (Array.isArray(value) ? `${base}List` : base) as ContextEntry["ContextKeyType"],
    };
  });
}

/** Cases the simulator can express: identity (and boundary) policies, the default user in our account. */
function simulatableCases(): Case[] {
  const cases: Case[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
    for (const c of JSON.parse(readFileSync(join(DIR, file), "utf8")) as Case[]) {
      if (!c.policies || !c.request) continue;
      if (Object.keys(c.policies).some((k) => k !== "identity" && k !== "boundary")) continue;
      if (c.request.principal !== undefined || c.request.resourceAccountId !== undefined) continue;
      const account = c.request.resource?.split(":")[4];
      if (account && account !== TEST_ACCOUNT_ID) continue;
      if (documents(c.policies.identity).length === 0) continue;
      // The simulator's model only takes well-formed context key names (5 to 256 characters).
      if (Object.keys(c.request.context ?? {}).some((k) => k.length < 5 || k.length > 256)) continue;
      cases.push(c);
    }
  }
  return cases;
}

const cases = simulatableCases();
let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.stop();
});

function input(c: Case) {
  const boundary = documents(c.policies.boundary);
  return {
    PolicyInputList: documents(c.policies.identity),
    ...(boundary.length > 0 ? { PermissionsBoundaryPolicyInputList: boundary } : {}),
    ActionNames: [c.request.action],
    ResourceArns: [c.request.resource ?? "*"],
    ContextEntries: contextEntries(c.request.context),
    CallerArn: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/alice`,
  };
}

describe("SimulateCustomPolicy agrees with the conformance tables", () => {
  test(`there are enough cases to mean something (${cases.length})`, () => {
    assert.ok(cases.length >= 150, `only ${cases.length} simulatable cases`);
  });

  test("every case, through the AWS SDK v3", async () => {
    const iam = iamClient(server.url, ROOT_KEY);
    const disagreements: string[] = [];
    for (const c of cases) {
      const out = await iam.send(new SimulateCustomPolicyCommand(input(c)));
      const got = out.EvaluationResults?.[0]?.EvalDecision;
      if (got !== WORD[c.expect.decision])
        disagreements.push(`${c.name}: expected ${WORD[c.expect.decision]}, got ${got}`);
    }
    assert.deepEqual(disagreements, []);
  });

  test("matched statements and missing context values are reported", async () => {
    const iam = iamClient(server.url, ROOT_KEY);
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "A", Effect: "Allow", Action: "iam:ListUsers", Resource: "*" },
        {
          Sid: "D",
          Effect: "Deny",
          Action: "iam:*",
          Resource: "*",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ],
    });
    const out = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [policy],
        ActionNames: ["iam:ListUsers", "iam:CreateUser"],
        ContextEntries: [
          {
            ContextKeyName: "aws:MultiFactorAuthPresent",
            ContextKeyValues: ["false"],
            ContextKeyType: "boolean",
          },
        ],
      }),
    );
    const [list, create] = out.EvaluationResults ?? [];
    assert.equal(list?.EvalDecision, "explicitDeny");
    assert.equal(list?.MatchedStatements?.[0]?.SourcePolicyId, "PolicyInputList.1");
    assert.equal(create?.EvalDecision, "explicitDeny");
    const noContext = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ["iam:ListUsers"] }),
    );
    assert.equal(noContext.EvaluationResults?.[0]?.EvalDecision, "allowed");
    const keys = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [policy] }));
    assert.deepEqual(keys.ContextKeyNames, ["aws:MultiFactorAuthPresent"]);
  });

  test("a malformed document is MalformedPolicyDocument (400)", async () => {
    const iam = iamClient(server.url, ROOT_KEY);
    const err = await expectRefusal(
      iam.send(
        new SimulateCustomPolicyCommand({ PolicyInputList: ["{not json"], ActionNames: ["iam:ListUsers"] }),
      ),
    );
    assert.equal(err.code, "MalformedPolicyDocument");
    assert.equal(err.status, 400);
  });
});

const cliAvailable = await awsCliAvailable();

describe("SimulateCustomPolicy through the AWS CLI", {
  skip: cliAvailable ? false : AWS_CLI_MISSING,
}, () => {
  test("a sample of the tables gives the same decisions", async () => {
    const step = Math.max(1, Math.floor(cases.length / 16));
    const sample = cases.filter((_, i) => i % step === 0);
    const disagreements: string[] = [];
    for (const c of sample) {
      const args = input(c);
      const out = await awsCli(
        server.url,
        ROOT_KEY,
        "iam",
        "simulate-custom-policy",
        "--cli-input-json",
        JSON.stringify(args),
      );
      assert.ok(out.ok, out.ok ? "" : out.stderr);
      const got = out.json.EvaluationResults[0].EvalDecision;
      if (got !== WORD[c.expect.decision])
        disagreements.push(`${c.name}: expected ${WORD[c.expect.decision]}, got ${got}`);
    }
    assert.ok(sample.length >= 10);
    assert.deepEqual(disagreements, []);
  });
});
