// Every credential a request or a change's response can carry is hidden in its audit record,
// whether the service models mark it sensitive or not: the names are checked one by one, at any
// depth, through the one function every record section passes through.

import assert from "node:assert/strict";
import { test } from "node:test";
import { boundAuditSection } from "../../src/audit/boundAuditFields.ts";
import { HIDDEN } from "../../src/audit/redactSecrets.ts";

const SECRETS = [
  "SecretAccessKey",
  "SessionToken",
  "Password",
  "NewPassword",
  "OldPassword",
  "Base32StringSeed",
  "QRCodePNG",
  "AuthenticationCode1",
  "AuthenticationCode2",
  "TokenCode",
  "PrivateKey",
  "ServicePassword",
  "SAMLAssertion",
  "WebIdentityToken",
  "SSHPublicKeyBody",
];

test("every secret member is hidden, at the top and nested in lists and structures", () => {
  for (const name of SECRETS) {
    const lower = name[0]?.toLowerCase() + name.slice(1);
    const section = boundAuditSection({
      [name]: "the-secret",
      Credentials: { AccessKeyId: "ASIAEXAMPLE", [name]: "the-secret" },
      Items: [{ [name]: "the-secret" }],
    });
    assert.equal(section[lower], HIDDEN, name);
    const nested = section.credentials as Record<string, unknown>;
    assert.equal(nested[lower], HIDDEN, `${name} nested`);
    assert.equal(nested.accessKeyId, "ASIAEXAMPLE", "what is not a secret is kept");
    assert.equal((section.items as Array<Record<string, unknown>>)[0]?.[lower], HIDDEN, `${name} in a list`);
    assert.ok(!JSON.stringify(section).includes("the-secret"), name);
  }
});
