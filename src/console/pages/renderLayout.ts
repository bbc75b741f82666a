// The frame of every console page: one stylesheet, no script but the security-key and policy-editor
// scripts on the pages that need them, a header naming who is signed in with the console's
// navigation and a sign-out form, and the page's one-shot message.

import type { Flash } from "../ConsoleSessions.ts";
import { html, type SafeHtml } from "../html.ts";

export interface Layout {
  title: string;
  body: SafeHtml;
  flash?: Flash | undefined;
  /** Set when signed in: who, and the token the sign-out form needs. */
  signedIn?: { arn: string; csrfToken: string } | undefined;
  /** Loads the security-key script (only pages with a security-key form do). */
  securityKeyScript?: boolean;
  /** Loads the policy editor's script (only pages with a policy editor do). */
  policyEditorScript?: boolean;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}

export function flashMessage(flash: Flash | undefined): SafeHtml {
  if (!flash) return html``;
  return html`<div class="alert ${flash.kind}" role="${flash.kind === "error" ? "alert" : "status"}">${flash.text}</div>`;
}

export function renderLayout(page: Layout): string {
  const header = page.signedIn
    ? html`<header><span class="brand">Portcullis console</span>
<nav aria-label="Console"><a href="/console/home">My security credentials</a>
<a href="/console/admin/users">Users</a> <a href="/console/admin/groups">Groups</a> <a href="/console/admin/roles">Roles</a> <a href="/console/admin/policies">Policies</a>
<a href="/console/audit">Audit trail</a>
<a href="/console/findings">Analyzer findings</a></nav>
<span>Signed in as <span class="secret">${page.signedIn.arn}</span></span>
<form method="post" action="/console/signout">${csrfField(page.signedIn.csrfToken)}<button type="submit" class="secondary">Sign out</button></form>
</header>`
    : html`<header><span class="brand">Portcullis console</span></header>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Portcullis</title>
<link rel="stylesheet" href="/console/assets/console.css">
${
  page.securityKeyScript
    ? html`<script src="/console/assets/simplewebauthn-browser.js" defer></script>
<script src="/console/assets/security-key.js" defer></script>`
    : ""
}
${page.policyEditorScript ? html`<script src="/console/assets/policy-editor.js" defer></script>` : ""}
</head>
<body>
${header}
<main>
<h1>${page.title}</h1>
${flashMessage(page.flash)}
${page.body}
</main>
</body>
</html>
`.text;
}
