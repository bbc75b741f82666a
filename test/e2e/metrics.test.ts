// GET /metrics: Prometheus's text format, scraped after a known mix of requests, counts exactly
// what was sent: successes and refusals by operation and AWS error code, authentication and
// authorization refusals, latency observations, cache hits, and the audit queue's figures.

import assert from "node:assert/strict";
import { test } from "node:test";
import { GetUserCommand, ListUsersCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { ROOT_KEY, startTestServer } from "../support/startTestServer.ts";

/** The value of one sample line, `name{labels} value`, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

test("GET /metrics counts requests, refusals, latency, cache hits and the audit queue", async () => {
  const server = await startTestServer();
  try {
    const alice = await createUserWithKey(server.url, "alice");
    const iam = iamClient(server.url, ROOT_KEY);
    for (let i = 0; i < 3; i++) await iam.send(new GetUserCommand({ UserName: "alice" }));
    await stsClient(server.url, ROOT_KEY).send(new GetCallerIdentityCommand({}));
    const denied = await expectRefusal(iamClient(server.url, alice).send(new ListUsersCommand({})));
    assert.equal(denied.code, "AccessDenied");
    const unknown = { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "x".repeat(40) };
    const refused = await expectRefusal(iamClient(server.url, unknown).send(new GetUserCommand({})));
    assert.equal(refused.code, "InvalidClientTokenId");

    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const requests = (labels: Record<string, string>) => sample(text, "portcullis_requests_total", labels);
    assert.equal(requests({ service: "iam", operation: "GetUser", outcome: "Success" }), 3);
    assert.equal(requests({ service: "sts", operation: "GetCallerIdentity", outcome: "Success" }), 1);
    assert.equal(requests({ service: "iam", operation: "ListUsers", outcome: "AccessDenied" }), 1);
    assert.equal(requests({ service: "iam", operation: "GetUser", outcome: "InvalidClientTokenId" }), 1);
    assert.equal(requests({ service: "iam", operation: "CreateUser", outcome: "Success" }), 1);
    assert.equal(
      sample(text, "portcullis_authentication_refusals_total", { code: "InvalidClientTokenId" }),
      1,
    );
    assert.equal(
      sample(text, "portcullis_authorization_refusals_total", { service: "iam", operation: "ListUsers" }),
      1,
    );
    assert.equal(
      sample(text, "portcullis_request_duration_seconds_count", { service: "iam", operation: "GetUser" }),
      4,
    );
    // Of the three GetUser calls by root, the second and third found alice in memory.
    assert.ok((sample(text, "portcullis_cache_hits_total", { cache: "users" }) ?? 0) >= 2);
    assert.ok((sample(text, "portcullis_cache_hits_total", { cache: "accessKeys" }) ?? 0) >= 4);
    assert.notEqual(sample(text, "portcullis_audit_queue_depth"), undefined);
    assert.notEqual(sample(text, "portcullis_audit_writer_lag_seconds"), undefined);
    assert.notEqual(sample(text, "nodejs_eventloop_lag_seconds"), undefined);
    assert.equal(sample(text, "portcullis_mfa_code_failures_total"), 0);
  } finally {
    await server.stop();
  }
});
