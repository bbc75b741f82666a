// The Users, Groups and Roles pages: one paged listing (ListUsers, ListGroups, ListRoles as the
// signed-in principal) with a link to each entity's page, and the form that creates one.

import { html, type SafeHtml } from "../../html.ts";
import { csrfField } from "../renderLayout.ts";
import { detailLink, listing, nextPageLink, type Paged } from "./adminParts.ts";

export interface EntityRow {
  name: string;
  arn: string;
  created: string;
}

export interface EntityListView {
  csrfToken: string;
  /** "user", "group" or "role". */
  kind: string;
  /** The plural, capitalised: "Users". */
  title: string;
  items: Paged<EntityRow>;
  /** The create form's fields after the name (a role's trust policy). */
  extraFields?: SafeHtml | undefined;
  /** The name typed into the create form, kept when the engine refused it. */
  name?: string | undefined;
}

export function entityListPage(view: EntityListView): SafeHtml {
  const path = `/console/admin/${view.kind}s`;
  return html`<section aria-labelledby="list-heading">
<h2 id="list-heading">${view.title}</h2>
${listing(
  view.items,
  view.title,
  ["Name", "ARN", "Created"],
  (e) => [detailLink(view.kind, e.name), html`<span class="secret">${e.arn}</span>`, html`${e.created}`],
  `No ${view.kind}s.`,
)}
${nextPageLink(path, {}, view.items)}
</section>
<section aria-labelledby="create-heading">
<h2 id="create-heading">Create ${view.kind}</h2>
<form method="post" action="${path}/create">${csrfField(view.csrfToken)}
<label for="new-name">${view.title.slice(0, -1)} name</label>
<input type="text" id="new-name" name="name" required maxlength="128" autocomplete="off" value="${view.name ?? ""}">
${view.extraFields ?? ""}
<button type="submit">Create ${view.kind}</button>
</form>
</section>`;
}
