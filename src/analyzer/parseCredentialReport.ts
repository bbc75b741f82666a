// AWS's credential report (`aws iam get-credential-report`, Content base64-decoded): a CSV with one
// row per user and the root account, RFC 4180 without exotic quoting. It says which users have
// active access keys (and when each was last used), a password, and MFA; the analyzer's findings
// that turn on those facts rely on it, and say what they assumed without it.

import {
  type AccountSnapshot,
  AnalyzerInputError,
  type SnapshotAccessKey,
  type SnapshotCredentials,
} from "./AccountSnapshot.ts";

/** RFC 4180: fields separated by commas, optionally in double quotes with `""` for a quote. */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

const REQUIRED = [
  "user",
  "arn",
  "password_enabled",
  "mfa_active",
  "access_key_1_active",
  "access_key_2_active",
];

function date(v: string | undefined): string | undefined {
  return v && v !== "N/A" && v !== "no_information" && v !== "not_supported" ? v : undefined;
}

export function parseCredentialReport(input: string, source: string): Map<string, SnapshotCredentials> {
  const rows = parseCsv(input.replace(/^\uFEFF/, ""));
  const header = rows[0];
  if (!header) throw new AnalyzerInputError(source, "the credential report is empty");
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = REQUIRED.filter((h) => !col.has(h));
  if (missing.length > 0)
    throw new AnalyzerInputError(source, `not a credential report: no column ${missing.join(", ")}`);
  const out = new Map<string, SnapshotCredentials>();
  for (const [n, row] of rows.slice(1).entries()) {
    const get = (h: string) => row[col.get(h) as number];
    const arn = get("arn");
    if (!arn) throw new AnalyzerInputError(source, `row ${n + 2}: no arn`);
    const keys: SnapshotAccessKey[] = [];
    for (const k of [1, 2]) {
      const active = get(`access_key_${k}_active`) === "true";
      const created = date(get(`access_key_${k}_last_rotated`));
      if (!active && !created) continue;
      const lastUsed = date(get(`access_key_${k}_last_used_date`));
      keys.push({ active, ...(lastUsed ? { lastUsed } : {}), ...(created ? { created } : {}) });
    }
    out.set(arn, {
      accessKeys: keys,
      mfaDevices: get("mfa_active") === "true" ? 1 : 0,
      passwordEnabled: get("password_enabled") === "true",
    });
  }
  return out;
}

/** The snapshot with each user's credentials from the report (users absent from it: unknown). */
export function withCredentialReport(
  snapshot: AccountSnapshot,
  report: ReadonlyMap<string, SnapshotCredentials>,
): AccountSnapshot {
  return {
    ...snapshot,
    users: snapshot.users.map((u) => {
      const credentials = report.get(u.arn);
      return credentials ? { ...u, credentials } : u;
    }),
  };
}
