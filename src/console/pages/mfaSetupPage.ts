// Setting up a virtual MFA device: the QR code CreateVirtualMFADevice returned (served from the
// session, never in a URL), its secret for manual entry, and the two consecutive codes
// EnableMFADevice needs.

import { html, type SafeHtml } from "../html.ts";
import { csrfField } from "./renderLayout.ts";

export function mfaSetupPage(
  csrfToken: string,
  setup: { serialNumber: string; base32Seed: string },
): SafeHtml {
  return html`<section>
<ol>
<li>Open an authenticator app and scan this QR code, or enter the secret key below.</li>
<li>Enter two consecutive codes from the app.</li>
</ol>
<img class="qr" src="/console/mfa-devices/qr.png" alt="QR code of the new virtual MFA device">
<p>Secret key: <span class="secret" id="secret-key">${setup.base32Seed}</span></p>
<p>Device: <span class="secret">${setup.serialNumber}</span></p>
<form method="post" action="/console/mfa-devices/enable">
${csrfField(csrfToken)}
<label for="code1">MFA code 1</label>
<input type="text" id="code1" name="code1" required autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6">
<label for="code2">MFA code 2</label>
<input type="text" id="code2" name="code2" required autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6">
<button type="submit">Add MFA device</button>
</form>
<form method="post" action="/console/mfa-devices/cancel">${csrfField(csrfToken)}<button type="submit" class="secondary">Cancel</button></form>
</section>`;
}
