// "My security credentials": the signed-in principal's password, MFA devices and access keys, each
// section filled from the API as that principal (a refused call shows AWS's refusal in its place),
// and the April 2023 MFA rule stated where it applies.

import { html, type SafeHtml } from "../html.ts";
import { securityKeyForm } from "./mfaCodePage.ts";
import { csrfField } from "./renderLayout.ts";

export type Listed<T> = { ok: true; items: T[] } | { ok: false; message: string };

export interface MfaDeviceRow {
  serialNumber: string;
  enableDate: string;
}

export interface AccessKeyRow {
  accessKeyId: string;
  status: string;
  createDate: string;
}

export interface SecurityCredentialsView {
  csrfToken: string;
  isRoot: boolean;
  /** When the session's MFA was checked; undefined for a session opened without MFA. */
  mfaAuthenticatedAt?: Date | undefined;
  mfaDevices: Listed<MfaDeviceRow>;
  accessKeys: Listed<AccessKeyRow>;
}

function refused(message: string): SafeHtml {
  return html`<div class="alert error" role="alert">${message}</div>`;
}

/** The 2023 rule, in the words of this session's situation. */
function mfaRule(view: SecurityCredentialsView, devices: number): SafeHtml {
  if (devices === 0) {
    return html`<p class="rule">You have no MFA device yet. Once you have one, adding or removing a device needs that
MFA: since AWS's security bulletin of 25 April 2023, an additional device cannot be associated with a password or
an access key alone.</p>`;
  }
  const session = view.mfaAuthenticatedAt
    ? html`This session was signed in with MFA at <time datetime="${view.mfaAuthenticatedAt.toISOString()}">${view.mfaAuthenticatedAt.toISOString()}</time>, so you may add a device (up to 8) or remove one.`
    : html`This session was not signed in with MFA, so adding or removing a device is refused: sign out and sign in with your MFA device.`;
  return html`<p class="rule">Adding a device after the first needs your existing MFA (AWS security bulletin,
25 April 2023). ${session}</p>`;
}

function mfaSection(view: SecurityCredentialsView): SafeHtml {
  if (!view.mfaDevices.ok)
    return html`<section><h2>Multi-factor authentication (MFA)</h2>${refused(view.mfaDevices.message)}</section>`;
  const devices = view.mfaDevices.items;
  const rows = devices.map(
    (
      d,
    ) => html`<tr><td class="secret">${d.serialNumber}</td><td>${d.serialNumber.includes(":u2f/") ? "Security key" : "Virtual MFA device"}</td><td>${d.enableDate}</td><td>
<form method="post" action="/console/mfa-devices/remove" class="inline">${csrfField(view.csrfToken)}
<input type="hidden" name="serial" value="${d.serialNumber}">
<button type="submit" class="danger" aria-label="Remove MFA device ${d.serialNumber}">Remove</button></form></td></tr>`,
  );
  return html`<section aria-labelledby="mfa-heading">
<h2 id="mfa-heading">Multi-factor authentication (MFA)</h2>
${mfaRule(view, devices.length)}
${
  devices.length === 0
    ? html`<p>No MFA devices.</p>`
    : html`<table><caption class="secret">MFA devices (${devices.length})</caption>
<thead><tr><th scope="col">Identifier</th><th scope="col">Type</th><th scope="col">Enabled</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
<form method="post" action="/console/mfa-devices/new">
${csrfField(view.csrfToken)}
<label for="device-name">New virtual MFA device name</label>
<input type="text" id="device-name" name="deviceName" required maxlength="226" autocomplete="off">
<button type="submit">Assign MFA device</button>
</form>
${securityKeyForm(
  view.csrfToken,
  "register",
  "/console/security-keys/register",
  "/console/security-keys/options",
  html`<label for="key-name">New security key name</label>
<input type="text" id="key-name" name="keyName" required maxlength="64" autocomplete="off">`,
  "Add security key",
)}
</section>`;
}

function accessKeySection(view: SecurityCredentialsView): SafeHtml {
  if (!view.accessKeys.ok)
    return html`<section><h2>Access keys</h2>${refused(view.accessKeys.message)}</section>`;
  const keys = view.accessKeys.items;
  const rows = keys.map((k) => {
    const next = k.status === "Active" ? "Inactive" : "Active";
    return html`<tr><td class="secret">${k.accessKeyId}</td><td>${k.status}</td><td>${k.createDate}</td><td>
<form method="post" action="/console/access-keys/status" class="inline">${csrfField(view.csrfToken)}
<input type="hidden" name="accessKeyId" value="${k.accessKeyId}"><input type="hidden" name="status" value="${next}">
<button type="submit" class="secondary" aria-label="${next === "Active" ? "Activate" : "Deactivate"} ${k.accessKeyId}">${next === "Active" ? "Activate" : "Deactivate"}</button></form>
<form method="post" action="/console/access-keys/delete" class="inline">${csrfField(view.csrfToken)}
<input type="hidden" name="accessKeyId" value="${k.accessKeyId}">
<button type="submit" class="danger" aria-label="Delete ${k.accessKeyId}">Delete</button></form></td></tr>`;
  });
  return html`<section aria-labelledby="keys-heading">
<h2 id="keys-heading">Access keys</h2>
${
  keys.length === 0
    ? html`<p>No access keys.</p>`
    : html`<table><caption class="secret">Access keys (${keys.length} of 2)</caption>
<thead><tr><th scope="col">Access key ID</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
<form method="post" action="/console/access-keys/new">${csrfField(view.csrfToken)}<button type="submit">Create access key</button></form>
</section>`;
}

export function securityCredentialsPage(view: SecurityCredentialsView): SafeHtml {
  return html`<section aria-labelledby="password-heading">
<h2 id="password-heading">Console password</h2>
${
  view.isRoot
    ? html`<p>The root user's password is set with <code>portcullis account root-password</code>.</p>`
    : html`<p><a href="/console/password">Change password</a></p>`
}
</section>
${mfaSection(view)}
${accessKeySection(view)}`;
}
