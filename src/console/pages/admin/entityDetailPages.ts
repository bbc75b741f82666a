// The detail pages of a user (groups, policies, access keys, MFA devices), a group (members,
// policies) and a role (trust policy, maximum session duration, policies): each section filled by
// its own IAM call as the signed-in principal, a refused call showing AWS's refusal in its place.

import { html, type SafeHtml } from "../../html.ts";
import { csrfField } from "../renderLayout.ts";
import {
  deleteSection,
  detailLink,
  facts,
  type Listed,
  listing,
  type PoliciesView,
  policiesSection,
  postButton,
  refusal,
} from "./adminParts.ts";

/** What GetUser/GetGroup/GetRole said about the entity itself, or their refusal. */
export type Facts = { ok: true; rows: Array<[string, string]> } | { ok: false; message: string };

function factsSection(f: Facts): SafeHtml {
  return html`<section aria-labelledby="summary-heading"><h2 id="summary-heading">Summary</h2>${
    f.ok ? facts(f.rows) : refusal(f.message)
  }</section>`;
}

export interface UserDetailView extends PoliciesView {
  summary: Facts;
  groups: Listed<string>;
  accessKeys: Listed<{ accessKeyId: string; status: string; createDate: string }>;
  mfaDevices: Listed<{ serialNumber: string; enableDate: string }>;
}

export function userDetailPage(view: UserDetailView): SafeHtml {
  return html`${factsSection(view.summary)}
<section aria-labelledby="groups-heading">
<h2 id="groups-heading">Groups</h2>
${listing(
  view.groups,
  "Groups",
  ["Group", "Actions"],
  (g) => [
    detailLink("group", g),
    postButton(
      view.csrfToken,
      "/console/admin/users/remove-from-group",
      { name: view.name, groupName: g },
      "Remove",
      `Remove from group ${g}`,
      "danger",
    ),
  ],
  "Not in any group.",
)}
<form method="post" action="/console/admin/users/add-to-group">${csrfField(view.csrfToken)}
<input type="hidden" name="name" value="${view.name}">
<label for="group-name">Group to add the user to</label>
<input type="text" id="group-name" name="groupName" required maxlength="128" autocomplete="off">
<button type="submit">Add to group</button>
</form>
</section>
${policiesSection(view)}
<section aria-labelledby="keys-heading">
<h2 id="keys-heading">Access keys</h2>
${listing(
  view.accessKeys,
  "Access keys",
  ["Access key ID", "Status", "Created"],
  (k) => [html`<span class="secret">${k.accessKeyId}</span>`, html`${k.status}`, html`${k.createDate}`],
  "No access keys.",
)}
<h3>MFA devices</h3>
${listing(
  view.mfaDevices,
  "MFA devices",
  ["Identifier", "Enabled"],
  (d) => [html`<span class="secret">${d.serialNumber}</span>`, html`${d.enableDate}`],
  "No MFA devices.",
)}
</section>
${deleteSection(view.csrfToken, "user", view.name, "AWS refuses to delete a user that still has groups, policies, keys, devices or a password (DeleteConflict): remove them first.")}`;
}

export interface GroupDetailView extends PoliciesView {
  summary: Facts;
  members: Listed<string>;
}

export function groupDetailPage(view: GroupDetailView): SafeHtml {
  return html`${factsSection(view.summary)}
<section aria-labelledby="members-heading">
<h2 id="members-heading">Members</h2>
${listing(view.members, "Members", ["User"], (u) => [detailLink("user", u)], "No members.")}
</section>
${policiesSection(view)}
${deleteSection(view.csrfToken, "group", view.name, "AWS refuses to delete a group that still has members or policies (DeleteConflict).")}`;
}

export interface RoleDetailView extends PoliciesView {
  summary: Facts;
  /** The trust policy document, pretty-printed when it is JSON. */
  trustPolicy: string | undefined;
}

export function roleDetailPage(view: RoleDetailView): SafeHtml {
  return html`${factsSection(view.summary)}
<section aria-labelledby="trust-heading">
<h2 id="trust-heading">Trust policy</h2>
${view.trustPolicy === undefined ? html`<p>Not available.</p>` : html`<pre class="document" tabindex="0" aria-label="Trust policy document">${view.trustPolicy}</pre>`}
</section>
${policiesSection(view)}
${deleteSection(view.csrfToken, "role", view.name, "AWS refuses to delete a role that still has policies or instance profiles (DeleteConflict).")}`;
}
