// The request latency histogram as a scrape prints it: cumulative buckets, +Inf, sum and count per
// service and operation, through the same prom-client registry as the other metrics.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ServerMetrics } from "../../src/server/metrics/ServerMetrics.ts";

function sample(text: string, line: string): number | undefined {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(found.lastIndexOf(" ") + 1));
}

test("latency buckets are cumulative, per operation, with sum and count", async () => {
  const metrics = new ServerMetrics({ audit: { depth: 0, lagMs: () => 0, written: 0 } as never, caches: {} });
  metrics.request("iam", "GetUser", "Success", 0.0007);
  metrics.request("iam", "GetUser", "Success", 0.2);
  metrics.request("iam", "GetUser", "AccessDenied", 7);
  metrics.request("sts", "GetCallerIdentity", "Success", 0.0001);
  const text = await metrics.registry.metrics();
  const bucket = (operation: string, le: string) =>
    sample(
      text,
      `portcullis_request_duration_seconds_bucket{service="${operation === "GetUser" ? "iam" : "sts"}",operation="${operation}",le="${le}"}`,
    );
  assert.equal(bucket("GetUser", "0.0005"), 0);
  assert.equal(bucket("GetUser", "0.001"), 1);
  assert.equal(bucket("GetUser", "0.25"), 2);
  assert.equal(bucket("GetUser", "5"), 2);
  assert.equal(bucket("GetUser", "+Inf"), 3);
  assert.equal(bucket("GetCallerIdentity", "0.0005"), 1);
  assert.equal(
    sample(text, 'portcullis_request_duration_seconds_count{service="iam",operation="GetUser"}'),
    3,
  );
  const sum = sample(
    text,
    'portcullis_request_duration_seconds_sum{service="iam",operation="GetUser"}',
  ) as number;
  assert.ok(Math.abs(sum - 7.2007) < 1e-9);
  // Counts accumulate across scrapes.
  metrics.request("iam", "GetUser", "Success", 0.0007);
  const again = await metrics.registry.metrics();
  assert.equal(
    sample(again, 'portcullis_requests_total{service="iam",operation="GetUser",outcome="Success"}'),
    3,
  );
  assert.equal(
    sample(again, 'portcullis_request_duration_seconds_count{service="iam",operation="GetUser"}'),
    4,
  );
});
