// Step one of sign-in: account, user name and password, marked up as password managers expect.

import { html, type SafeHtml } from "../html.ts";
import { csrfField } from "./renderLayout.ts";

export function signInPage(
  csrfToken: string,
  values: { account?: string; userName?: string; root?: boolean },
): SafeHtml {
  return html`<section>
<form method="post" action="/console/signin">
${csrfField(csrfToken)}
<fieldset>
<legend>Sign in as</legend>
<input type="radio" id="as-user" name="as" value="user"${values.root ? "" : html` checked`}><label for="as-user">IAM user</label>
<input type="radio" id="as-root" name="as" value="root"${values.root ? html` checked` : ""}><label for="as-root">Root user</label>
</fieldset>
<label for="account">Account ID (12 digits) or account alias</label>
<input type="text" id="account" name="account" required autocomplete="organization" spellcheck="false" value="${values.account ?? ""}">
<label for="username">IAM user name (not needed for the root user)</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" value="${values.userName ?? ""}">
<label for="password">Password</label>
<input type="password" id="password" name="password" required autocomplete="current-password">
<button type="submit">Sign in</button>
</form>
</section>`;
}
