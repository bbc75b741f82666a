// Removes secrets from what an audit record keeps of a request and its response. CloudTrail
// writes "HIDDEN_DUE_TO_SECURITY_REASONS" for such fields; we do the same, by member name, at any
// depth, so a new operation that returns a secret under a known name is covered without edits.

const SECRET_MEMBERS = new Set([
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
]);

export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return HIDDEN;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[lowerFirst(key)] = SECRET_MEMBERS.has(key) ? HIDDEN : redactSecrets(v);
    }
    return out;
  }
  return value;
}

/** CloudTrail writes parameter names in lowerCamelCase (`userName`, `accessKeyId`). */
function lowerFirst(name: string): string {
  return name.length > 0 ? name[0]?.toLowerCase() + name.slice(1) : name;
}
