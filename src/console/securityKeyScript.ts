// The console's one script, served from /console/assets/security-key.js (the CSP allows no inline
// script): it runs the WebAuthn ceremony of a form marked data-security-key, through
// @simplewebauthn/browser (served beside it from node_modules), then submits the form with the
// authenticator's response. Pages without a security-key form load no script at all.

export const SECURITY_KEY_SCRIPT = `"use strict";
(function () {
  var webauthn = window.SimpleWebAuthnBrowser;
  var forms = document.querySelectorAll("form[data-security-key]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var status = form.querySelector("[role=status]");
      try {
        var body = new URLSearchParams({ csrf: form.elements.csrf.value });
        var res = await fetch(form.dataset.optionsUrl, { method: "POST", body: body, credentials: "same-origin" });
        if (!res.ok) throw new Error("The security key challenge could not be fetched.");
        var optionsJSON = await res.json();
        var response = form.dataset.securityKey === "register"
          ? await webauthn.startRegistration({ optionsJSON: optionsJSON })
          : await webauthn.startAuthentication({ optionsJSON: optionsJSON });
        form.elements.response.value = JSON.stringify(response);
        form.submit();
      } catch (err) {
        status.textContent = "The security key did not answer: " + (err && err.message ? err.message : err);
      }
    });
  });
})();
`;
