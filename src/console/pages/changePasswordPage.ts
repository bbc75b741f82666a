// Changing one's own password (iam:ChangePassword), and the forced change after sign-in when the
// password must be reset or has expired.

import type { PasswordChangeReason } from "../../server/ConsoleSignIn.ts";
import { html, type SafeHtml } from "../html.ts";
import { csrfField } from "./renderLayout.ts";

const REASONS: Record<PasswordChangeReason, string> = {
  "reset-required": "Your administrator requires you to set a new password before you continue.",
  expired: "Your password has expired. Set a new one before you continue.",
};

export function changePasswordPage(
  csrfToken: string,
  reason: PasswordChangeReason | undefined,
  policyRules: readonly string[],
): SafeHtml {
  return html`<section>
${reason ? html`<p class="rule">${REASONS[reason]}</p>` : ""}
${
  policyRules.length > 0
    ? html`<p>The account password policy requires:</p><ul>${policyRules.map((r) => html`<li>${r}</li>`)}</ul>`
    : ""
}
<form method="post" action="/console/password">
${csrfField(csrfToken)}
<label for="old-password">Current password</label>
<input type="password" id="old-password" name="oldPassword" required autocomplete="current-password">
<label for="new-password">New password</label>
<input type="password" id="new-password" name="newPassword" required autocomplete="new-password">
<label for="confirm-password">Confirm new password</label>
<input type="password" id="confirm-password" name="confirmPassword" required autocomplete="new-password">
<button type="submit">Change password</button>
</form>
</section>`;
}
