// The operator's view of a running server, scraped at GET /metrics in Prometheus's text format
// (prom-client, on a registry of this server's own). Counting a request is a few Map lookups and
// adds into plain figures (request counts by label, LatencyHistogram), handed to prom-client when scraped;
// queue depth, writer lag and cache figures are read from their owners only when scraped too.
// The rarer counts (refusals, MFA failures) go to prom-client's counters directly.

import { Counter, collectDefaultMetrics, Gauge, type LabelValues, Registry } from "prom-client";
import type { AuditQueue } from "../../audit/AuditQueue.ts";
import type { DependentCache } from "../caches/DependentCache.ts";
import { LatencyHistogram } from "./LatencyHistogram.ts";
import { nestedMap } from "./nestedMap.ts";

/** What the pipeline reports per request. */
export interface RequestMetrics {
  request(service: string, operation: string, outcome: string, seconds: number): void;
  authenticationRefused(code: string): void;
  authorizationRefused(service: string, operation: string): void;
}

/** Seconds; from a cached read (~0.1 ms) to a stalled one. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Requests counted by label set since the last scrape. */
interface RequestCount {
  readonly labels: LabelValues<string>;
  count: number;
}

export class ServerMetrics implements RequestMetrics {
  readonly registry = new Registry();
  private counter(name: string, help: string, labelNames: string[] = []): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
  /** Requests since the last scrape, by service, operation and outcome (nested: no key built). */
  private readonly requestCounts = new Map<string, Map<string, Map<string, RequestCount>>>();
  private readonly latency = new LatencyHistogram(
    "portcullis_request_duration_seconds",
    "Time from a request's arrival to its answer, by service and operation.",
    LATENCY_BUCKETS,
  );
  private readonly authn = this.counter(
    "portcullis_authentication_refusals_total",
    "Requests refused before the caller was known, by AWS error code.",
    ["code"],
  );
  private readonly authz = this.counter(
    "portcullis_authorization_refusals_total",
    "Authenticated requests refused by policy or a guard (AccessDenied), by service and operation.",
    ["service", "operation"],
  );
  private readonly mfaFailures = this.counter(
    "portcullis_mfa_code_failures_total",
    "MFA codes checked and found wrong.",
  );
  private readonly mfaThrottled = this.counter(
    "portcullis_mfa_throttled_total",
    "MFA codes refused unchecked because a throttle scope was at its limit, by scope.",
    ["scope"],
  );

  constructor(sources: { audit: AuditQueue; caches: Record<string, DependentCache<unknown>> }) {
    const { audit, caches } = sources;
    // A metric of ours that prints through the registry like prom-client's own.
    this.registry.registerMetric(this.latency as unknown as Parameters<Registry["registerMetric"]>[0]);
    const counts = this.requestCounts;
    new Counter({
      name: "portcullis_requests_total",
      help: "AWS API requests by service, operation and outcome (Success or the AWS error code).",
      labelNames: ["service", "operation", "outcome"],
      registers: [this.registry],
      collect() {
        for (const byOperation of counts.values())
          for (const byOutcome of byOperation.values())
            for (const c of byOutcome.values()) {
              if (c.count === 0) continue;
              this.inc(c.labels, c.count);
              c.count = 0;
            }
      },
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge(
      "portcullis_audit_queue_depth",
      "Audit records of reads and refusals queued or being written.",
      () => audit.depth,
    );
    gauge(
      "portcullis_audit_writer_lag_seconds",
      "How long the oldest audit record not yet written has waited.",
      () => audit.lagMs() / 1000,
    );
    gauge(
      "portcullis_audit_records_written",
      "Audit records of reads and refusals the background writer has committed since start.",
      () => audit.written,
    );
    const cacheCounter = (name: string, help: string, read: (c: DependentCache<unknown>) => number) => {
      const seen = new Map<string, number>();
      new Counter({
        name,
        help,
        labelNames: ["cache"],
        registers: [this.registry],
        collect() {
          for (const [cache, c] of Object.entries(caches)) {
            const now = read(c);
            this.inc({ cache }, now - (seen.get(cache) ?? 0));
            seen.set(cache, now);
          }
        },
      });
    };
    cacheCounter("portcullis_cache_hits_total", "Lookups answered from a cache.", (c) => c.hits);
    cacheCounter("portcullis_cache_misses_total", "Lookups a cache had to load.", (c) => c.misses);
    cacheCounter(
      "portcullis_cache_invalidations_total",
      "Cache entries dropped because a change touched what they were built from.",
      (c) => c.invalidations,
    );
    // Process figures, event-loop lag among them (nodejs_eventloop_lag_*).
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  request(service: string, operation: string, outcome: string, seconds: number): void {
    const byOutcome = nestedMap(nestedMap(this.requestCounts, service), operation);
    let count = byOutcome.get(outcome);
    if (!count) {
      count = { labels: { service, operation, outcome }, count: 0 };
      byOutcome.set(outcome, count);
    }
    count.count += 1;
    this.latency.observe(service, operation, seconds);
  }

  authenticationRefused(code: string): void {
    this.authn.inc({ code });
  }

  authorizationRefused(service: string, operation: string): void {
    this.authz.inc({ service, operation });
  }

  mfaCodeFailed(): void {
    this.mfaFailures.inc();
  }

  mfaCodeThrottled(scope: string): void {
    this.mfaThrottled.inc({ scope });
  }
}
