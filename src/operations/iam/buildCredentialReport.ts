// The credential report's CSV: AWS's 22 columns in AWS's order, the root's row first
// (`<root_account>`), then every user in name order, with AWS's values for what does not apply
// (`N/A`), what was never recorded (`no_information`) and what the root cannot have
// (`not_supported`), and dates as AWS writes them (`2026-01-02T03:04:05+00:00`).

import type { AccessKey, AccessKeyLastUsed } from "../../domain/AccessKey.ts";
import { passwordExpiry } from "../../domain/PasswordPolicy.ts";
import type { SigningCertificate } from "../../domain/SigningCertificate.ts";
import type { StoreSession } from "../../store/ports.ts";

export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

const NA = "N/A";

export function reportDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

async function keyColumns(store: StoreSession, keys: readonly AccessKey[]): Promise<string[]> {
  const out: string[] = [];
  for (const key of [keys[0], keys[1]]) {
    if (!key) {
      out.push("false", NA, NA, NA, NA);
      continue;
    }
    const used: AccessKeyLastUsed = await store.accessKeys.getLastUsed(key.accessKeyId);
    out.push(
      String(key.status === "Active"),
      reportDate(key.createDate),
      used.lastUsedDate ? reportDate(used.lastUsedDate) : NA,
      used.lastUsedDate ? (used.region ?? NA) : NA,
      used.lastUsedDate ? (used.serviceName ?? NA) : NA,
    );
  }
  return out;
}

function certColumns(certs: readonly SigningCertificate[]): string[] {
  const out: string[] = [];
  for (const cert of [certs[0], certs[1]]) {
    out.push(cert ? String(cert.status === "Active") : "false", cert ? reportDate(cert.uploadDate) : NA);
  }
  return out;
}

/** A CSV field: quoted only when it must be (none of AWS's values needs it, but user paths could). */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export async function buildCredentialReport(store: StoreSession, accountId: string): Promise<string> {
  const account = await store.accounts.get(accountId);
  const policy = await store.passwordPolicies.get(accountId);
  const rootPassword = await store.rootPasswords.get(accountId);
  const rows: string[][] = [];
  rows.push([
    "<root_account>",
    `arn:aws:iam::${accountId}:root`,
    reportDate(account?.createDate ?? new Date(0)),
    "not_supported",
    rootPassword?.passwordLastUsed ? reportDate(rootPassword.passwordLastUsed) : "no_information",
    "not_supported",
    "not_supported",
    String((await store.mfaDevices.listAssigned(accountId, { kind: "root" })).length > 0),
    ...(await keyColumns(store, await store.accessKeys.listForRoot(accountId))),
    ...certColumns([]),
  ]);
  const users = (await store.users.list(accountId, "/", { maxItems: Number.MAX_SAFE_INTEGER })).items;
  for (const user of users) {
    const profile = await store.loginProfiles.get(user.userId);
    const expiry = profile && passwordExpiry(policy, profile.passwordChangedDate);
    rows.push([
      user.userName,
      user.arn,
      reportDate(user.createDate),
      String(profile !== undefined),
      user.passwordLastUsed ? reportDate(user.passwordLastUsed) : profile ? "no_information" : NA,
      profile ? reportDate(profile.passwordChangedDate) : NA,
      expiry ? reportDate(expiry) : NA,
      String(
        (await store.mfaDevices.listAssigned(accountId, { kind: "user", userId: user.userId })).length > 0,
      ),
      ...(await keyColumns(store, await store.accessKeys.listForUser(user.userId))),
      ...certColumns(await store.signingCertificates.listForUser(user.userId)),
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n");
}

/** AWS regenerates a report at most every four hours; an older one is expired. */
export const CREDENTIAL_REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;
