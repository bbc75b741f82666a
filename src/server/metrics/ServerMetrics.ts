// The operator's view of a running server, scraped at GET /metrics in Prometheus's text format
// (prom-client, on a registry of this server's own). Counting on the request path is a Map lookup
// of a pre-bound label child and an add; queue depth, writer lag and cache figures are read from
// their owners only when scraped.

import { Counter, collectDefaultMetrics, Gauge, Histogram, type LabelValues, Registry } from "prom-client";
import type { AuditQueue } from "../../audit/AuditQueue.ts";
import type { DependentCache } from "../caches/DependentCache.ts";

/** What the pipeline reports per request. */
export interface RequestMetrics {
  request(service: string, operation: string, outcome: string, seconds: number): void;
  authenticationRefused(code: string): void;
  authorizationRefused(service: string, operation: string): void;
}

/** Seconds; from a cached read (~0.1 ms) to a stalled one. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Label children bound once per distinct label set, so a hot path pays one Map lookup. */
function bound<C>(make: (labels: LabelValues<string>) => C): (key: string, labels: LabelValues<string>) => C {
  const children = new Map<string, C>();
  return (key, labels) => {
    let child = children.get(key);
    if (!child) {
      child = make(labels);
      children.set(key, child);
    }
    return child;
  };
}

export class ServerMetrics implements RequestMetrics {
  readonly registry = new Registry();
  private counter(name: string, help: string, labelNames: string[] = []): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
  private readonly requests = this.counter(
    "portcullis_requests_total",
    "AWS API requests by service, operation and outcome (Success or the AWS error code).",
    ["service", "operation", "outcome"],
  );
  private readonly latency = new Histogram({
    name: "portcullis_request_duration_seconds",
    help: "Time from a request's arrival to its answer, by service and operation.",
    labelNames: ["service", "operation"],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
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
  private readonly requestChild = bound((l) => this.requests.labels(l));
  private readonly latencyChild = bound((l) => this.latency.labels(l));

  constructor(sources: { audit: AuditQueue; caches: Record<string, DependentCache<unknown>> }) {
    const { audit, caches } = sources;
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
    this.requestChild(`${service}|${operation}|${outcome}`, { service, operation, outcome }).inc();
    this.latencyChild(`${service}|${operation}`, { service, operation }).observe(seconds);
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
