// The Policies pages: customer-managed and AWS-managed policies (ListPolicies with Scope Local or
// AWS, Marker-paged), a policy's page (its default version's document, its versions, a new version
// from the editor) and the create form, both editors showing the engine's refusal in place.

import { html, type SafeHtml } from "../../html.ts";
import { csrfField } from "../renderLayout.ts";
import { facts, type Listed, listing, nextPageLink, type Paged, postButton, refusal } from "./adminParts.ts";
import type { EditorError } from "./policyEditor.ts";
import { policyEditor } from "./policyEditor.ts";

export interface PolicyRow {
  policyName: string;
  arn: string;
  attachments: string;
  updated: string;
}

function policyLink(name: string, arn: string): SafeHtml {
  return html`<a href="/console/admin/policy?${new URLSearchParams({ arn }).toString()}">${name}</a>`;
}

export function policyListPage(scope: "Local" | "AWS", items: Paged<PolicyRow>): SafeHtml {
  const tab = (s: "Local" | "AWS", label: string) =>
    s === scope
      ? html`<a href="/console/admin/policies?scope=${s}" aria-current="page">${label}</a>`
      : html`<a href="/console/admin/policies?scope=${s}">${label}</a>`;
  const title = scope === "Local" ? "Customer managed policies" : "AWS managed policies";
  return html`<nav aria-label="Policy scope" class="tabs">${tab("Local", "Customer managed")} ${tab("AWS", "AWS managed")}</nav>
<section aria-labelledby="policies-heading">
<h2 id="policies-heading">${title}</h2>
<p><a href="/console/admin/policies/new">Create policy</a></p>
${listing(
  items,
  title,
  ["Policy", "ARN", "Attachments", "Updated"],
  (p) => [
    policyLink(p.policyName, p.arn),
    html`<span class="secret">${p.arn}</span>`,
    html`${p.attachments}`,
    html`${p.updated}`,
  ],
  "No policies.",
)}
${nextPageLink("/console/admin/policies", { scope }, items)}
</section>`;
}

export interface NewPolicyView {
  csrfToken: string;
  name: string;
  document: string;
  error?: EditorError | undefined;
}

export function newPolicyPage(view: NewPolicyView): SafeHtml {
  return html`<section>
<form method="post" action="/console/admin/policies/create">${csrfField(view.csrfToken)}
<label for="policy-name">Policy name</label>
<input type="text" id="policy-name" name="name" required maxlength="128" autocomplete="off" value="${view.name}">
${policyEditor({ id: "policy-document", name: "document", label: "Policy document (JSON)", text: view.document, error: view.error })}
<button type="submit">Create policy</button>
</form>
</section>`;
}

export interface PolicyVersionRow {
  versionId: string;
  isDefault: boolean;
  created: string;
}

export interface PolicyDetailView {
  csrfToken: string;
  arn: string;
  summary: { ok: true; rows: Array<[string, string]>; customer: boolean } | { ok: false; message: string };
  /** The default version's document, as stored. */
  document: { ok: true; text: string } | { ok: false; message: string };
  versions: Listed<PolicyVersionRow>;
  /** The new-version editor's text and the engine's refusal of it, if it was refused. */
  draft?: { text: string; error?: EditorError | undefined } | undefined;
}

export function policyDetailPage(view: PolicyDetailView): SafeHtml {
  const customer = view.summary.ok && view.summary.customer;
  const versionSection = html`<section aria-labelledby="versions-heading">
<h2 id="versions-heading">Versions</h2>
${listing(
  view.versions,
  "Policy versions",
  ["Version", "Default", "Created", "Actions"],
  (v) => [
    html`${v.versionId}`,
    html`${v.isDefault ? "Default" : ""}`,
    html`${v.created}`,
    customer && !v.isDefault
      ? postButton(
          view.csrfToken,
          "/console/admin/policies/delete-version",
          { arn: view.arn, versionId: v.versionId },
          "Delete",
          `Delete version ${v.versionId}`,
          "danger",
        )
      : html``,
  ],
  "No versions.",
)}
${
  customer
    ? html`<form method="post" action="/console/admin/policies/version">${csrfField(view.csrfToken)}
<input type="hidden" name="arn" value="${view.arn}">
${policyEditor({
  id: "version-document",
  name: "document",
  label: "New version document (JSON), set as default",
  text: view.draft?.text ?? (view.document.ok ? view.document.text : ""),
  error: view.draft?.error,
})}
<button type="submit">Save as new default version</button>
</form>`
    : ""
}
</section>`;
  return html`<section aria-labelledby="summary-heading"><h2 id="summary-heading">Summary</h2>${
    view.summary.ok ? facts(view.summary.rows) : refusal(view.summary.message)
  }</section>
<section aria-labelledby="document-heading">
<h2 id="document-heading">Default version document</h2>
${view.document.ok ? html`<pre class="document" tabindex="0" aria-label="Policy document">${view.document.text}</pre>` : refusal(view.document.message)}
</section>
${versionSection}
${
  customer
    ? html`<section aria-labelledby="delete-heading"><h2 id="delete-heading">Delete</h2>
<p>AWS refuses to delete a policy that is attached or has versions besides the default (DeleteConflict).</p>
${postButton(view.csrfToken, "/console/admin/policies/delete", { arn: view.arn }, "Delete policy", "Delete policy", "danger")}
</section>`
    : ""
}`;
}
