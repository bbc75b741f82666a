// Step two of sign-in, for a principal with MFA devices: a code from one of them.

import { html, type SafeHtml } from "../html.ts";
import { csrfField } from "./renderLayout.ts";

/** The form a security key signs in with: the script fills `response` after the touch. */
export function securityKeyForm(
  csrfToken: string,
  mode: "register" | "authenticate",
  action: string,
  optionsUrl: string,
  fields: SafeHtml,
  label: string,
): SafeHtml {
  return html`<form method="post" action="${action}" data-security-key="${mode}" data-options-url="${optionsUrl}">
${csrfField(csrfToken)}
${fields}
<input type="hidden" name="response" value="">
<button type="submit">${label}</button>
<p role="status"></p>
</form>`;
}

export function mfaCodePage(
  csrfToken: string,
  serialNumbers: readonly string[],
  hasSecurityKeys: boolean,
): SafeHtml {
  const securityKey = hasSecurityKeys
    ? html`<h2>Security key</h2>${securityKeyForm(
        csrfToken,
        "authenticate",
        "/console/mfa/security-key",
        "/console/mfa/security-key-options",
        html``,
        "Use security key",
      )}`
    : html``;
  if (serialNumbers.length === 0) {
    return html`<section><p>Your account requires multi-factor authentication. Insert your security key and touch it when asked.</p>${securityKey}</section>`;
  }
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
${securityKey}
</section>`;
}
