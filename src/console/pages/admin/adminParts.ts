// Pieces every admin page is built from: a listing that may have been refused (AWS's refusal shown
// in its place), one-button POST forms carrying the CSRF token, tables with a caption, a "next page"
// link for Marker paging, and the attached/inline policies section users, groups and roles share.

import { html, type SafeHtml } from "../../html.ts";
import { csrfField } from "../renderLayout.ts";
import type { Listed } from "../securityCredentialsPage.ts";

export type { Listed };

/** A page of a Marker-paged listing: the items and the marker of the next page, if any. */
export type Paged<T> = Listed<T> & { nextMarker?: string | undefined };

export function refusal(message: string): SafeHtml {
  return html`<div class="alert error" role="alert">${message}</div>`;
}

/** One button that POSTs `fields` (and the CSRF token) to `action`. */
export function postButton(
  csrfToken: string,
  action: string,
  fields: Record<string, string>,
  label: string,
  accessibleName: string,
  kind: "danger" | "secondary" = "secondary",
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${csrfField(csrfToken)}${Object.entries(
    fields,
  ).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button type="submit" class="${kind}" aria-label="${accessibleName}">${label}</button></form>`;
}

/** A table of `rows` under `headers`, or `empty` when there are none; a refused listing shows its refusal. */
export function listing<T>(
  list: Listed<T>,
  caption: string,
  headers: string[],
  row: (item: T) => SafeHtml[],
  empty: string,
): SafeHtml {
  if (!list.ok) return refusal(list.message);
  if (list.items.length === 0) return html`<p>${empty}</p>`;
  return html`<table><caption>${caption} (${list.items.length})</caption>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${list.items.map((item) => html`<tr>${row(item).map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table>`;
}

/** The link to the next page of a paged listing, keeping the page's other query parameters. */
export function nextPageLink(path: string, query: Record<string, string>, list: Paged<unknown>): SafeHtml {
  if (!list.ok || !list.nextMarker) return html``;
  const search = new URLSearchParams({ ...query, marker: list.nextMarker });
  return html`<p><a href="${path}?${search.toString()}" rel="next">Next page</a></p>`;
}

export function facts(rows: Array<[string, string | SafeHtml]>): SafeHtml {
  return html`<table><tbody>${rows.map(
    ([name, value]) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`,
  )}</tbody></table>`;
}

export interface AttachedPolicy {
  policyName: string;
  policyArn: string;
}

/** The policies section of a user, group or role: attached managed policies and inline policy names. */
export interface PoliciesView {
  csrfToken: string;
  /** "user", "group" or "role": the routes are /console/admin/<kind>s/attach and …/detach. */
  kind: string;
  name: string;
  attached: Listed<AttachedPolicy>;
  inline: Listed<string>;
}

export function policiesSection(view: PoliciesView): SafeHtml {
  const base = `/console/admin/${view.kind}s`;
  return html`<section aria-labelledby="attached-heading">
<h2 id="attached-heading">Permissions policies</h2>
${listing(
  view.attached,
  "Attached managed policies",
  ["Policy", "ARN", "Actions"],
  (p) => [
    html`<a href="/console/admin/policy?${new URLSearchParams({ arn: p.policyArn }).toString()}">${p.policyName}</a>`,
    html`<span class="secret">${p.policyArn}</span>`,
    postButton(
      view.csrfToken,
      `${base}/detach`,
      { name: view.name, policyArn: p.policyArn },
      "Detach",
      `Detach ${p.policyName}`,
      "danger",
    ),
  ],
  "No managed policies attached.",
)}
<form method="post" action="${base}/attach">${csrfField(view.csrfToken)}
<input type="hidden" name="name" value="${view.name}">
<label for="attach-arn">Managed policy ARN to attach</label>
<input type="text" id="attach-arn" name="policyArn" required autocomplete="off" placeholder="arn:aws:iam::aws:policy/ReadOnlyAccess">
<button type="submit">Attach policy</button>
</form>
<h3>Inline policies</h3>
${listing(view.inline, "Inline policies", ["Policy name"], (name) => [html`${name}`], "No inline policies.")}
</section>`;
}

/** The "delete this entity" section of a detail page. */
export function deleteSection(csrfToken: string, kind: string, name: string, note: string): SafeHtml {
  return html`<section aria-labelledby="delete-heading"><h2 id="delete-heading">Delete</h2>
<p>${note}</p>
${postButton(csrfToken, `/console/admin/${kind}s/delete`, { name }, `Delete ${kind}`, `Delete ${kind} ${name}`, "danger")}
</section>`;
}

/** The link to an entity's detail page. */
export function detailLink(kind: string, name: string): SafeHtml {
  return html`<a href="/console/admin/${kind}?${new URLSearchParams({ name }).toString()}">${name}</a>`;
}
