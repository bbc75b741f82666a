// The audit trail page: a filter form (event name, user name, a UTC time range), the matching
// records newest first, and a link to the next (older) page. Each record can be opened to show
// the whole CloudTrail record as stored — redacted when it was written, so no secret is in it.

import { html, type SafeHtml } from "../html.ts";

export interface AuditFilter {
  eventName: string;
  userName: string;
  /** `YYYY-MM-DDTHH:MM` in UTC, as a datetime-local field gives it; "" for none. */
  from: string;
  to: string;
}

export interface AuditRow {
  eventTime: string;
  eventName: string;
  username: string;
  sourceIp: string;
  outcome: string;
  record: string;
}

export type AuditListing =
  | { ok: true; rows: AuditRow[]; olderHref?: string | undefined }
  | { ok: false; message: string };

function rowHtml(row: AuditRow): SafeHtml {
  return html`<tr><td><time datetime="${row.eventTime}">${row.eventTime}</time></td><td>${row.eventName}</td><td>${row.username}</td><td>${row.sourceIp}</td><td>${row.outcome}</td>
<td><details><summary>Record</summary><pre class="secret">${row.record}</pre></details></td></tr>`;
}

export function auditTrailPage(filter: AuditFilter, listing: AuditListing): SafeHtml {
  const form = html`<section aria-labelledby="filter-heading"><h2 id="filter-heading">Filter</h2>
<form method="get" action="/console/audit">
<label for="audit-event">Event name</label>
<input type="text" id="audit-event" name="eventName" spellcheck="false" value="${filter.eventName}">
<label for="audit-user">User name</label>
<input type="text" id="audit-user" name="userName" spellcheck="false" value="${filter.userName}">
<label for="audit-from">From (UTC)</label>
<input type="datetime-local" id="audit-from" name="from" value="${filter.from}">
<label for="audit-to">To (UTC)</label>
<input type="datetime-local" id="audit-to" name="to" value="${filter.to}">
<button type="submit">Look up events</button>
</form></section>`;
  if (!listing.ok) {
    return html`${form}<section aria-labelledby="events-heading"><h2 id="events-heading">Events</h2>
<div class="alert error" role="alert">${listing.message}</div></section>`;
  }
  const table =
    listing.rows.length === 0
      ? html`<p>No events match.</p>`
      : html`<table><caption>Events, newest first</caption>
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">Event</th><th scope="col">User</th><th scope="col">Source address</th><th scope="col">Result</th><th scope="col">Details</th></tr></thead>
<tbody>${listing.rows.map(rowHtml)}</tbody></table>`;
  return html`${form}<section aria-labelledby="events-heading"><h2 id="events-heading">Events</h2>${table}
${listing.olderHref ? html`<p><a href="${listing.olderHref}" rel="next">Older events</a></p>` : ""}</section>`;
}
