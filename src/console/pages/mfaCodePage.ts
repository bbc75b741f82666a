// Step two of sign-in, for a principal with MFA devices: a code from one of them.

import { html, type SafeHtml } from "../html.ts";
import { csrfField } from "./renderLayout.ts";

export function mfaCodePage(csrfToken: string, serialNumbers: readonly string[]): SafeHtml {
  const device =
    serialNumbers.length === 1
      ? html`<p>Device: <span class="secret">${serialNumbers[0]}</span></p>
<input type="hidden" name="serial" value="${serialNumbers[0]}">`
      : html`<label for="serial">MFA device</label>
<select id="serial" name="serial">${serialNumbers.map((s) => html`<option value="${s}">${s}</option>`)}</select>`;
  return html`<section>
<p>Your account requires multi-factor authentication. Enter the code your authenticator app shows.</p>
<form method="post" action="/console/mfa">
${csrfField(csrfToken)}
${device}
<label for="code">MFA code</label>
<input type="text" id="code" name="code" required autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6">
<button type="submit">Submit</button>
</form>
</section>`;
}
