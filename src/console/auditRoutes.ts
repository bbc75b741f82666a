// The console's audit trail page. The console is a client of the public API: the records come
// from LookupEvents (CloudTrail's semantics, an internal operation decided by the same engine as
// cloudtrail:LookupEvents), called as the signed-in principal; a principal without that action
// sees AWS's AccessDenied in place of the events. Filters travel in the page's query string
// (never a secret), and so does the next page's token.

import type { ApiResult } from "./ConsoleApi.ts";
import type { SafeHtml } from "./html.ts";
import { type AuditFilter, type AuditRow, auditTrailPage } from "./pages/auditTrailPage.ts";

/** What the routes need of the console's handler, for a signed-in exchange `X`. */
export interface AuditRouteTools<X> {
  query(x: X): URLSearchParams;
  lookupEvents(x: X, input: unknown): Promise<ApiResult>;
  page(x: X, title: string, body: SafeHtml): void;
  errorText(result: ApiResult & { ok: false }): string;
}

const PAGE_SIZE = 25;

/** A datetime-local value (`YYYY-MM-DDTHH:MM`, read as UTC) as ISO text; undefined if empty or not one. */
function utcTime(value: string): string | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return undefined;
  const at = new Date(`${value}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function rowOf(event: Record<string, unknown>): AuditRow {
  const text = typeof event.CloudTrailEvent === "string" ? event.CloudTrailEvent : "{}";
  let record: Record<string, unknown> = {};
  try {
    record = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // shown as it came
  }
  return {
    eventTime: String(event.EventTime ?? ""),
    eventName: String(event.EventName ?? ""),
    username: String(event.Username ?? ""),
    sourceIp: String(record.sourceIPAddress ?? ""),
    outcome: typeof record.errorCode === "string" ? record.errorCode : "Success",
    record: JSON.stringify(record, null, 2),
  };
}

export function auditRoutes<X>(tools: AuditRouteTools<X>): Record<string, (x: X) => Promise<void>> {
  const showAudit = async (x: X) => {
    const q = tools.query(x);
    const filter: AuditFilter = {
      eventName: (q.get("eventName") ?? "").trim(),
      userName: (q.get("userName") ?? "").trim(),
      from: q.get("from") ?? "",
      to: q.get("to") ?? "",
    };
    const attributes = [
      ...(filter.eventName ? [{ AttributeKey: "EventName", AttributeValue: filter.eventName }] : []),
      ...(filter.userName ? [{ AttributeKey: "Username", AttributeValue: filter.userName }] : []),
    ];
    const start = utcTime(filter.from);
    const end = utcTime(filter.to);
    const token = q.get("next") ?? undefined;
    const r = await tools.lookupEvents(x, {
      LookupAttributes: attributes,
      MaxResults: PAGE_SIZE,
      ...(start ? { StartTime: start } : {}),
      ...(end ? { EndTime: end } : {}),
      ...(token ? { NextToken: token } : {}),
    });
    if (!r.ok)
      return tools.page(x, "Audit trail", auditTrailPage(filter, { ok: false, message: tools.errorText(r) }));
    const events = Array.isArray(r.result.Events) ? r.result.Events : [];
    const next = typeof r.result.NextToken === "string" ? r.result.NextToken : undefined;
    const older = next ? `/console/audit?${new URLSearchParams({ ...filter, next }).toString()}` : undefined;
    tools.page(
      x,
      "Audit trail",
      auditTrailPage(filter, {
        ok: true,
        rows: events
          .filter((e) => typeof e === "object" && !Array.isArray(e))
          .map((e) => rowOf(e as Record<string, unknown>)),
        olderHref: older,
      }),
    );
  };
  return { "GET /console/audit": showAudit };
}
