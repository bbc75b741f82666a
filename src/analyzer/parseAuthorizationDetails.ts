// AWS's `aws iam get-account-authorization-details` output, as the AWS CLI v1 and v2 write it,
// into an AccountSnapshot. Policy documents come as JSON objects (the CLI decodes them) or as
// URL-encoded JSON strings (the raw API, CLI v1 with some settings); both are accepted. The CLI's
// automatic pagination merges pages, but a file of concatenated pages is merged here too.
// Credentials are not part of this export: they come from the credential report.

import type { Tag } from "../domain/Tag.ts";
import {
  type AccountSnapshot,
  AnalyzerInputError,
  type SnapshotInlinePolicy,
  type SnapshotManagedPolicy,
} from "./AccountSnapshot.ts";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A policy document as text: objects re-serialised, strings URL-decoded when they are encoded. */
export function documentText(value: unknown, source: string, where: string): string {
  if (isObject(value)) return JSON.stringify(value);
  if (typeof value !== "string")
    throw new AnalyzerInputError(source, `${where}: the policy document is missing`);
  const trimmed = value.trim();
  if (trimmed.startsWith("{")) return trimmed;
  try {
    return decodeURIComponent(trimmed.replace(/\+/g, "%20"));
  } catch {
    throw new AnalyzerInputError(
      source,
      `${where}: the policy document is neither JSON nor URL-encoded JSON`,
    );
  }
}

function list(value: unknown, source: string, where: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject))
    throw new AnalyzerInputError(source, `${where} must be a list of objects`);
  return value;
}

function text(obj: Json, key: string, source: string, where: string): string {
  const v = obj[key];
  if (typeof v !== "string" || v === "") throw new AnalyzerInputError(source, `${where}: ${key} is missing`);
  return v;
}

function inlinePolicies(value: unknown, source: string, where: string): SnapshotInlinePolicy[] {
  return list(value, source, where).map((p, i) => {
    const name = text(p, "PolicyName", source, `${where}[${i}]`);
    return { name, document: documentText(p.PolicyDocument, source, `${where} ${name}`) };
  });
}

function attachedArns(value: unknown, source: string, where: string): string[] {
  return list(value, source, where).map((p, i) => text(p, "PolicyArn", source, `${where}[${i}]`));
}

function tags(value: unknown, source: string, where: string): Tag[] {
  return list(value, source, where).map((t) => ({ Key: String(t.Key ?? ""), Value: String(t.Value ?? "") }));
}

function boundaryOf(obj: Json): string | undefined {
  const b = obj.PermissionsBoundary;
  return isObject(b) && typeof b.PermissionsBoundaryArn === "string" ? b.PermissionsBoundaryArn : undefined;
}

function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

function parseJson(input: string | unknown, source: string): unknown {
  if (typeof input !== "string") return input;
  const trimmed = input.trim();
  try {
    return JSON.parse(trimmed);
  } catch (err) {
    // Concatenated pages (`--no-paginate` output appended): split on top-level `}{`.
    const pages = trimmed.split(/\}\s*(?=\{\s*"(?:UserDetailList|GroupDetailList|RoleDetailList|Policies)")/);
    if (pages.length > 1) {
      try {
        return pages.map((p, i) => JSON.parse(i < pages.length - 1 ? `${p}}` : p));
      } catch {}
    }
    throw new AnalyzerInputError(source, `not valid JSON (${(err as Error).message})`);
  }
}

export function parseAuthorizationDetails(input: string | unknown, source: string): AccountSnapshot {
  const parsed = parseJson(input, source);
  const pages = Array.isArray(parsed) ? parsed : [parsed];
  const root: Json = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for (const page of pages) {
    if (
      !isObject(page) ||
      !["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].some((k) => k in page)
    )
      throw new AnalyzerInputError(
        source,
        "not the output of get-account-authorization-details (no UserDetailList, GroupDetailList, RoleDetailList or Policies)",
      );
    for (const key of ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"])
      (root[key] as Json[]).push(...list(page[key], source, key));
  }

  const users = (root.UserDetailList as Json[]).map((u, i) => {
    const where = `UserDetailList[${i}]`;
    const name = text(u, "UserName", source, where);
    return {
      arn: text(u, "Arn", source, where),
      name,
      userId: typeof u.UserId === "string" ? u.UserId : name,
      groups: Array.isArray(u.GroupList) ? u.GroupList.map(String) : [],
      inline: inlinePolicies(u.UserPolicyList, source, `${where}.UserPolicyList`),
      attached: attachedArns(u.AttachedManagedPolicies, source, `${where}.AttachedManagedPolicies`),
      ...(boundaryOf(u) ? { boundaryArn: boundaryOf(u) as string } : {}),
      tags: tags(u.Tags, source, `${where}.Tags`),
      credentials: {},
    };
  });
  const groups = (root.GroupDetailList as Json[]).map((g, i) => {
    const where = `GroupDetailList[${i}]`;
    return {
      arn: text(g, "Arn", source, where),
      name: text(g, "GroupName", source, where),
      inline: inlinePolicies(g.GroupPolicyList, source, `${where}.GroupPolicyList`),
      attached: attachedArns(g.AttachedManagedPolicies, source, `${where}.AttachedManagedPolicies`),
    };
  });
  const roles = (root.RoleDetailList as Json[]).map((r, i) => {
    const where = `RoleDetailList[${i}]`;
    const name = text(r, "RoleName", source, where);
    return {
      arn: text(r, "Arn", source, where),
      name,
      roleId: typeof r.RoleId === "string" ? r.RoleId : name,
      trustPolicy: documentText(
        r.AssumeRolePolicyDocument,
        source,
        `${where} (${name}) AssumeRolePolicyDocument`,
      ),
      inline: inlinePolicies(r.RolePolicyList, source, `${where}.RolePolicyList`),
      attached: attachedArns(r.AttachedManagedPolicies, source, `${where}.AttachedManagedPolicies`),
      ...(boundaryOf(r) ? { boundaryArn: boundaryOf(r) as string } : {}),
      tags: tags(r.Tags, source, `${where}.Tags`),
      instanceProfiles: list(r.InstanceProfileList, source, `${where}.InstanceProfileList`).map((p, j) =>
        text(p, "Arn", source, `${where}.InstanceProfileList[${j}]`),
      ),
    };
  });
  const policies: SnapshotManagedPolicy[] = (root.Policies as Json[]).map((p, i) => {
    const where = `Policies[${i}]`;
    const arn = text(p, "Arn", source, where);
    const versions = list(p.PolicyVersionList, source, `${where}.PolicyVersionList`).map((v, j) => ({
      versionId: text(v, "VersionId", source, `${where}.PolicyVersionList[${j}]`),
      document: documentText(v.Document, source, `${where} (${arn}) version ${String(v.VersionId)}`),
      isDefault: v.IsDefaultVersion === true,
    }));
    const defaultVersionId =
      typeof p.DefaultVersionId === "string"
        ? p.DefaultVersionId
        : versions.find((v) => v.isDefault)?.versionId;
    if (!defaultVersionId || !versions.some((v) => v.versionId === defaultVersionId))
      throw new AnalyzerInputError(
        source,
        `${where} (${arn}): no default version document in PolicyVersionList`,
      );
    return {
      arn,
      name: text(p, "PolicyName", source, where),
      policyId: typeof p.PolicyId === "string" ? p.PolicyId : arn,
      defaultVersionId,
      versions,
      awsManaged: arn.startsWith("arn:aws:iam::aws:policy/"),
    };
  });

  const accountId =
    [...users, ...groups, ...roles].map((e) => accountOf(e.arn)).find((a) => /^\d{12}$/.test(a)) ??
    policies.map((p) => accountOf(p.arn)).find((a) => /^\d{12}$/.test(a)) ??
    "000000000000";
  // AWS-managed policies the export left out (`--filter`) are read from our catalog by AccountModel.
  return { accountId, source, users, groups, roles, policies };
}
