// A new access key's secret, shown this once, with its CSV download (AWS's "Download .csv file").

import { html, type SafeHtml } from "../html.ts";
import { csrfField } from "./renderLayout.ts";

export function accessKeyCreatedPage(
  csrfToken: string,
  key: { accessKeyId: string; secretAccessKey: string } | undefined,
): SafeHtml {
  if (!key) {
    return html`<section><p>The secret access key was shown once and is no longer available. If it is lost, create a new access key and delete this one.</p>
<p><a href="/console/home">Back to my security credentials</a></p></section>`;
  }
  return html`<section>
<p class="rule">This is the only time the secret access key can be viewed or downloaded. You cannot recover it later.</p>
<table><tbody>
<tr><th scope="row">Access key ID</th><td class="secret" id="access-key-id">${key.accessKeyId}</td></tr>
<tr><th scope="row">Secret access key</th><td class="secret" id="secret-access-key">${key.secretAccessKey}</td></tr>
</tbody></table>
<form method="post" action="/console/access-keys/csv">${csrfField(csrfToken)}<button type="submit" class="secondary">Download .csv file</button></form>
<p><a href="/console/home">Done</a></p>
</section>`;
}
