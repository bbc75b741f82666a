// The analyzer's findings page: each finding's severity, kind, the principal it starts from, what
// it reaches and how (the path's steps with the statements that allow them), and the fix.

import { html, type SafeHtml } from "../html.ts";

export interface FindingRow {
  id: string;
  severity: string;
  kind: string;
  principal: string;
  method: string;
  target: string;
  steps: string[];
  remediation: string;
}

export type FindingsListing = { ok: true; rows: FindingRow[] } | { ok: false; message: string };

function rowHtml(f: FindingRow): SafeHtml {
  return html`<tr><td>${f.severity}</td><td>${f.kind}</td><td class="secret">${f.principal}</td>
<td><p>${f.method} reaches ${f.target}.</p>${
    f.steps.length > 0 ? html`<ol>${f.steps.map((s) => html`<li>${s}</li>`)}</ol>` : ""
  }<p>Fix: ${f.remediation}</p></td><td>${f.id}</td></tr>`;
}

export function findingsPage(listing: FindingsListing): SafeHtml {
  if (!listing.ok)
    return html`<section><div class="alert error" role="alert">${listing.message}</div></section>`;
  if (listing.rows.length === 0) return html`<section><p>No findings.</p></section>`;
  return html`<section><table><caption>${listing.rows.length} finding(s), most severe kinds first</caption>
<thead><tr><th scope="col">Severity</th><th scope="col">Kind</th><th scope="col">Principal</th><th scope="col">Explanation</th><th scope="col">Id</th></tr></thead>
<tbody>${listing.rows.map(rowHtml)}</tbody></table></section>`;
}
