// The request latency histogram, counted on the request path with two Map lookups and a few adds
// into a per-operation array, and turned into Prometheus samples only when scraped. prom-client's
// own Histogram re-validates and re-hashes its labels on every observation, which showed in the
// request path's profile; this one registers with the same registry and prints the same series.

import { nestedMap } from "./nestedMap.ts";

/** One label set's figures: per-bucket counts (not cumulative), sum and count. */
interface Series {
  readonly service: string;
  readonly operation: string;
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

export class LatencyHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly byService = new Map<string, Map<string, Series>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  observe(service: string, operation: string, seconds: number): void {
    const byOperation = nestedMap(this.byService, service);
    let series = byOperation.get(operation);
    if (!series) {
      series = { service, operation, buckets: new Float64Array(this.upperBounds.length), sum: 0, count: 0 };
      byOperation.set(operation, series);
    }
    const bounds = this.upperBounds;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= (bounds[i] as number)) {
        (series.buckets[i] as number) += 1;
        break;
      }
    }
    series.sum += seconds;
    series.count += 1;
  }

  /** The samples, as a prom-client registry prints them (`registry.registerMetric`). */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Sample[] }> {
    const values: Sample[] = [];
    for (const byOperation of this.byService.values()) {
      for (const s of byOperation.values()) {
        const labels = { service: s.service, operation: s.operation };
        let cumulative = 0;
        this.upperBounds.forEach((le, i) => {
          cumulative += s.buckets[i] as number;
          values.push({ labels: { ...labels, le }, value: cumulative, metricName: `${this.name}_bucket` });
        });
        values.push({ labels: { ...labels, le: "+Inf" }, value: s.count, metricName: `${this.name}_bucket` });
        values.push({ labels, value: s.sum, metricName: `${this.name}_sum` });
        values.push({ labels, value: s.count, metricName: `${this.name}_count` });
      }
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.byService.clear();
  }
}
