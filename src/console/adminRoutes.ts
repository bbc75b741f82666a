// The console's admin pages: users, groups, roles and policies, mounted under /console/admin/ by a
// hook in createConsoleHandler. Every read and change is an IAM call made as the signed-in principal
// through the console's ConsoleApi, so the policy engine decides each one and a refusal is shown
// with AWS's code and message. A document the engine refuses (CreatePolicy, CreatePolicyVersion,
// CreateRole) is shown again in its editor, exactly as sent, with the line and column the engine's
// typed error points at (ApiResult.position; AWS's message itself has none).

import type { ApiResult, XmlValue } from "./ConsoleApi.ts";
import { listOf } from "./ConsoleApi.ts";
import type { Flash } from "./ConsoleSessions.ts";
import type { Signed, SignedRoute } from "./createConsoleHandler.ts";
import type { SafeHtml } from "./html.ts";
import type { AttachedPolicy, Listed, Paged, PoliciesView } from "./pages/admin/adminParts.ts";
import {
  type Facts,
  groupDetailPage,
  roleDetailPage,
  userDetailPage,
} from "./pages/admin/entityDetailPages.ts";
import { entityListPage } from "./pages/admin/entityListPage.ts";
import { type EditorError, policyEditor } from "./pages/admin/policyEditor.ts";
import { newPolicyPage, policyDetailPage, policyListPage } from "./pages/admin/policyPages.ts";

/** What the admin routes need from the console's handler. */
export interface ConsoleTools {
  call(
    x: Signed,
    service: "iam",
    action: string,
    params?: Record<string, string | undefined>,
  ): Promise<ApiResult>;
  page(
    x: Signed,
    title: string,
    body: SafeHtml,
    status?: number,
    extra?: { policyEditorScript?: boolean },
  ): void;
  redirect(x: Signed, location: string): void;
  flash(x: Signed, flash: Flash): void;
  errorText(result: ApiResult & { ok: false }): string;
}

type Kind = "user" | "group" | "role";

/** Each entity kind's IAM actions and names: the routes below are the same for all three. */
const KINDS: Record<Kind, { title: string; noun: string; param: string; list: string; listKey: string }> = {
  user: { title: "Users", noun: "User", param: "UserName", list: "ListUsers", listKey: "Users" },
  group: { title: "Groups", noun: "Group", param: "GroupName", list: "ListGroups", listKey: "Groups" },
  role: { title: "Roles", noun: "Role", param: "RoleName", list: "ListRoles", listKey: "Roles" },
};

const PAGE_SIZE = "100";

function queryOf(x: Signed): URLSearchParams {
  const url = x.req.url ?? "";
  const q = url.indexOf("?");
  return new URLSearchParams(q === -1 ? "" : url.slice(q + 1));
}

function field(x: Signed, name: string): string {
  return (x.form.get(name) ?? "").trim();
}

function detailPath(kind: Kind, name: string): string {
  return `/console/admin/${kind}?${new URLSearchParams({ name }).toString()}`;
}

function policyPath(arn: string): string {
  return `/console/admin/policy?${new URLSearchParams({ arn }).toString()}`;
}

function text(value: XmlValue | undefined): string {
  return typeof value === "string" ? value : "";
}

function record(value: XmlValue | undefined): Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, string>)
    : {};
}

/** A document as IAM returns it (URL-encoded), pretty-printed when it is JSON. */
function readDocument(encoded: string): string {
  let decoded = encoded;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    // Not encoded after all: shown as it is.
  }
  try {
    return JSON.stringify(JSON.parse(decoded), null, 2);
  } catch {
    return decoded;
  }
}

export function adminRoutes(tools: ConsoleTools): Record<string, SignedRoute> {
  const { call, page, redirect, flash, errorText } = tools;

  const listed = <T>(r: ApiResult, read: (result: Record<string, XmlValue>) => T[]): Listed<T> =>
    r.ok ? { ok: true, items: read(r.result) } : { ok: false, message: errorText(r) };

  const paged = <T>(r: ApiResult, key: string, map: (row: Record<string, string>) => T): Paged<T> => {
    if (!r.ok) return { ok: false, message: errorText(r) };
    const more = text(r.result.IsTruncated) === "true" ? text(r.result.Marker) : "";
    return { ok: true, items: listOf(r.result[key]).map(map), ...(more ? { nextMarker: more } : {}) };
  };

  /** An editor's error for a refusal: AWS's text, and the engine's position when it gave one. */
  const editorError = (r: ApiResult & { ok: false }): EditorError => ({
    message: errorText(r),
    ...(r.position ? { position: r.position } : {}),
  });

  /** Runs one change and comes back to `to` (or `otherwise` when refused) with its outcome. */
  const change = async (
    x: Signed,
    action: string,
    params: Record<string, string>,
    success: string,
    to: string,
    otherwise = to,
  ) => {
    const r = await call(x, "iam", action, params);
    flash(x, r.ok ? { kind: "info", text: success } : { kind: "error", text: errorText(r) });
    redirect(x, r.ok ? to : otherwise);
  };

  // --- users, groups and roles: list, create, delete, attach, detach ---------------------------

  const defaultTrustPolicy = (x: Signed) =>
    JSON.stringify(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${x.session.credential.principal.caller.accountId}:root` },
            Action: "sts:AssumeRole",
          },
        ],
      },
      null,
      2,
    );

  const showList = async (
    x: Signed,
    kind: Kind,
    draft: { name?: string; document?: string; error?: EditorError } = {},
    status = 200,
  ) => {
    const k = KINDS[kind];
    const marker = queryOf(x).get("marker") ?? undefined;
    const r = await call(x, "iam", k.list, { MaxItems: PAGE_SIZE, Marker: marker });
    const items = paged(r, k.listKey, (e) => ({
      name: e[k.param] ?? "",
      arn: e.Arn ?? "",
      created: e.CreateDate ?? "",
    }));
    const extraFields =
      kind === "role"
        ? policyEditor({
            id: "trust-policy",
            name: "document",
            label: "Trust policy (JSON)",
            text: draft.document ?? defaultTrustPolicy(x),
            error: draft.error,
          })
        : undefined;
    page(
      x,
      k.title,
      entityListPage({
        csrfToken: x.session.csrfToken,
        kind,
        title: k.title,
        items,
        extraFields,
        name: draft.name,
      }),
      status,
      { policyEditorScript: kind === "role" },
    );
  };

  const create =
    (kind: Kind): SignedRoute =>
    async (x) => {
      const k = KINDS[kind];
      const name = field(x, "name");
      const document = x.form.get("document") ?? "";
      const r = await call(x, "iam", `Create${k.noun}`, {
        [k.param]: name,
        ...(kind === "role" ? { AssumeRolePolicyDocument: document } : {}),
      });
      if (r.ok) {
        flash(x, { kind: "info", text: `${k.noun} ${name} created.` });
        return redirect(x, detailPath(kind, name));
      }
      // Refused: the form comes back with what was typed; a refused document shows in its editor.
      const inEditor = kind === "role" && r.code === "MalformedPolicyDocument";
      if (!inEditor) flash(x, { kind: "error", text: errorText(r) });
      await showList(x, kind, { name, document, ...(inEditor ? { error: editorError(r) } : {}) }, 400);
    };

  const remove =
    (kind: Kind): SignedRoute =>
    async (x) => {
      const k = KINDS[kind];
      const name = field(x, "name");
      await change(
        x,
        `Delete${k.noun}`,
        { [k.param]: name },
        `${k.noun} ${name} deleted.`,
        `/console/admin/${kind}s`,
        detailPath(kind, name),
      );
    };

  const attachment =
    (kind: Kind, verb: "Attach" | "Detach"): SignedRoute =>
    async (x) => {
      const k = KINDS[kind];
      const name = field(x, "name");
      const arn = field(x, "policyArn");
      await change(
        x,
        `${verb}${k.noun}Policy`,
        { [k.param]: name, PolicyArn: arn },
        `Policy ${arn} ${verb === "Attach" ? "attached to" : "detached from"} ${name}.`,
        detailPath(kind, name),
      );
    };

  /** The policies section's listings, for any kind. */
  const policiesOf = async (x: Signed, kind: Kind, name: string) => {
    const k = KINDS[kind];
    const [attached, inline] = await Promise.all([
      call(x, "iam", `ListAttached${k.noun}Policies`, { [k.param]: name }),
      call(x, "iam", `List${k.noun}Policies`, { [k.param]: name }),
    ]);
    return {
      csrfToken: x.session.csrfToken,
      kind,
      name,
      attached: listed<AttachedPolicy>(attached, (res) =>
        listOf(res.AttachedPolicies).map((p) => ({
          policyName: p.PolicyName ?? "",
          policyArn: p.PolicyArn ?? "",
        })),
      ),
      inline: listed(inline, (res) => (Array.isArray(res.PolicyNames) ? res.PolicyNames.map(text) : [])),
    };
  };

  const summaryOf = (r: ApiResult, key: string, rows: Array<[string, string]>): Facts => {
    if (!r.ok) return { ok: false, message: errorText(r) };
    const e = record(r.result[key]);
    return { ok: true, rows: rows.map(([label, name]) => [label, e[name] ?? ""]) };
  };

  const membership =
    (verb: "Add" | "Remove"): SignedRoute =>
    async (x) => {
      const name = field(x, "name");
      const group = field(x, "groupName");
      await change(
        x,
        verb === "Add" ? "AddUserToGroup" : "RemoveUserFromGroup",
        { UserName: name, GroupName: group },
        `User ${name} ${verb === "Add" ? "added to" : "removed from"} group ${group}.`,
        detailPath("user", name),
      );
    };

  /**
   * A user's, group's or role's page: Get<Kind> for its summary, its policies, and what `more`
   * loads beside them, all at once; `render` lays them out.
   */
  const showDetail =
    <T>(
      kind: Kind,
      rows: Array<[string, string]>,
      more: (x: Signed, name: string) => Promise<T>,
      render: (view: PoliciesView & { summary: Facts }, got: ApiResult, more: T) => SafeHtml,
    ): SignedRoute =>
    async (x) => {
      const k = KINDS[kind];
      const name = queryOf(x).get("name") ?? "";
      const [got, policies, extra] = await Promise.all([
        call(x, "iam", `Get${k.noun}`, { [k.param]: name }),
        policiesOf(x, kind, name),
        more(x, name),
      ]);
      page(
        x,
        `${k.noun} ${name}`,
        render({ ...policies, summary: summaryOf(got, k.noun, rows) }, got, extra),
      );
    };

  const nothingMore = async () => undefined;

  const showUser = showDetail(
    "user",
    [
      ["ARN", "Arn"],
      ["User ID", "UserId"],
      ["Created", "CreateDate"],
      ["Password last used", "PasswordLastUsed"],
    ],
    (x, name) =>
      Promise.all([
        call(x, "iam", "ListGroupsForUser", { UserName: name }),
        call(x, "iam", "ListAccessKeys", { UserName: name }),
        call(x, "iam", "ListMFADevices", { UserName: name }),
      ]),
    (view, _, [groups, keys, mfa]) =>
      userDetailPage({
        ...view,
        groups: listed(groups, (res) => listOf(res.Groups).map((g) => g.GroupName ?? "")),
        accessKeys: listed(keys, (res) =>
          listOf(res.AccessKeyMetadata).map((k) => ({
            accessKeyId: k.AccessKeyId ?? "",
            status: k.Status ?? "",
            createDate: k.CreateDate ?? "",
          })),
        ),
        mfaDevices: listed(mfa, (res) =>
          listOf(res.MFADevices).map((d) => ({
            serialNumber: d.SerialNumber ?? "",
            enableDate: d.EnableDate ?? "",
          })),
        ),
      }),
  );

  const showGroup = showDetail(
    "group",
    [
      ["ARN", "Arn"],
      ["Group ID", "GroupId"],
      ["Created", "CreateDate"],
    ],
    nothingMore,
    (view, got) =>
      groupDetailPage({
        ...view,
        members: listed(got, (res) => listOf(res.Users).map((u) => u.UserName ?? "")),
      }),
  );

  const showRole = showDetail(
    "role",
    [
      ["ARN", "Arn"],
      ["Role ID", "RoleId"],
      ["Created", "CreateDate"],
      ["Maximum session duration (seconds)", "MaxSessionDuration"],
      ["Description", "Description"],
    ],
    nothingMore,
    (view, got) => {
      const trust = got.ok ? record(got.result.Role).AssumeRolePolicyDocument : undefined;
      return roleDetailPage({ ...view, trustPolicy: trust === undefined ? undefined : readDocument(trust) });
    },
  );

  // --- policies ----------------------------------------------------------------------------------

  const showPolicies: SignedRoute = async (x) => {
    const query = queryOf(x);
    const scope = query.get("scope") === "AWS" ? "AWS" : "Local";
    const r = await call(x, "iam", "ListPolicies", {
      Scope: scope,
      MaxItems: PAGE_SIZE,
      Marker: query.get("marker") ?? undefined,
    });
    const items = paged(r, "Policies", (p) => ({
      policyName: p.PolicyName ?? "",
      arn: p.Arn ?? "",
      attachments: p.AttachmentCount ?? "",
      updated: p.UpdateDate ?? "",
    }));
    page(x, "Policies", policyListPage(scope, items));
  };

  const newPolicy = (x: Signed, name = "", document = "", error?: EditorError, status = 200) =>
    page(
      x,
      "Create policy",
      newPolicyPage({ csrfToken: x.session.csrfToken, name, document, error }),
      status,
      { policyEditorScript: true },
    );

  const showNewPolicy: SignedRoute = (x) =>
    newPolicy(
      x,
      "",
      JSON.stringify(
        { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "", Resource: "*" }] },
        null,
        2,
      ),
    );

  const createPolicy: SignedRoute = async (x) => {
    const name = field(x, "name");
    const document = x.form.get("document") ?? "";
    const r = await call(x, "iam", "CreatePolicy", { PolicyName: name, PolicyDocument: document });
    if (r.ok) {
      flash(x, { kind: "info", text: `Policy ${name} created.` });
      return redirect(x, policyPath(text(record(r.result.Policy).Arn)));
    }
    if (r.code !== "MalformedPolicyDocument") flash(x, { kind: "error", text: errorText(r) });
    newPolicy(x, name, document, r.code === "MalformedPolicyDocument" ? editorError(r) : undefined, 400);
  };

  const showPolicy = async (
    x: Signed,
    arn: string,
    draft?: { text: string; error?: EditorError },
    status = 200,
  ) => {
    const [policy, versions] = await Promise.all([
      call(x, "iam", "GetPolicy", { PolicyArn: arn }),
      call(x, "iam", "ListPolicyVersions", { PolicyArn: arn }),
    ]);
    const p = policy.ok ? record(policy.result.Policy) : {};
    const version = policy.ok
      ? await call(x, "iam", "GetPolicyVersion", { PolicyArn: arn, VersionId: p.DefaultVersionId ?? "" })
      : policy;
    page(
      x,
      `Policy ${p.PolicyName ?? arn}`,
      policyDetailPage({
        csrfToken: x.session.csrfToken,
        arn,
        summary: policy.ok
          ? {
              ok: true,
              customer: !arn.includes(":aws:policy/"),
              rows: [
                ["ARN", p.Arn ?? ""],
                ["Default version", p.DefaultVersionId ?? ""],
                ["Attachments", p.AttachmentCount ?? ""],
                ["Created", p.CreateDate ?? ""],
                ["Updated", p.UpdateDate ?? ""],
              ],
            }
          : { ok: false, message: errorText(policy) },
        document: version.ok
          ? { ok: true, text: readDocument(record(version.result.PolicyVersion).Document ?? "") }
          : { ok: false, message: errorText(version) },
        versions: listed(versions, (res) =>
          listOf(res.Versions).map((v) => ({
            versionId: v.VersionId ?? "",
            isDefault: v.IsDefaultVersion === "true",
            created: v.CreateDate ?? "",
          })),
        ),
        draft,
      }),
      status,
      { policyEditorScript: true },
    );
  };

  const createPolicyVersion: SignedRoute = async (x) => {
    const arn = field(x, "arn");
    const document = x.form.get("document") ?? "";
    const r = await call(x, "iam", "CreatePolicyVersion", {
      PolicyArn: arn,
      PolicyDocument: document,
      SetAsDefault: "true",
    });
    if (r.ok) {
      flash(x, {
        kind: "info",
        text: `Version ${text(record(r.result.PolicyVersion).VersionId)} created and set as default.`,
      });
      return redirect(x, policyPath(arn));
    }
    const inEditor = r.code === "MalformedPolicyDocument";
    if (!inEditor) flash(x, { kind: "error", text: errorText(r) });
    await showPolicy(x, arn, { text: document, ...(inEditor ? { error: editorError(r) } : {}) }, 400);
  };

  const deletePolicyVersion: SignedRoute = async (x) => {
    const arn = field(x, "arn");
    const versionId = field(x, "versionId");
    await change(
      x,
      "DeletePolicyVersion",
      { PolicyArn: arn, VersionId: versionId },
      `Version ${versionId} deleted.`,
      policyPath(arn),
    );
  };

  const deletePolicy: SignedRoute = async (x) => {
    const arn = field(x, "arn");
    await change(
      x,
      "DeletePolicy",
      { PolicyArn: arn },
      `Policy ${arn} deleted.`,
      "/console/admin/policies",
      policyPath(arn),
    );
  };

  const routes: Record<string, SignedRoute> = {
    "GET /console/admin/user": showUser,
    "GET /console/admin/group": showGroup,
    "GET /console/admin/role": showRole,
    "POST /console/admin/users/add-to-group": membership("Add"),
    "POST /console/admin/users/remove-from-group": membership("Remove"),
    "GET /console/admin/policies": showPolicies,
    "GET /console/admin/policies/new": showNewPolicy,
    "POST /console/admin/policies/create": createPolicy,
    "GET /console/admin/policy": (x) => showPolicy(x, queryOf(x).get("arn") ?? ""),
    "POST /console/admin/policies/version": createPolicyVersion,
    "POST /console/admin/policies/delete-version": deletePolicyVersion,
    "POST /console/admin/policies/delete": deletePolicy,
  };
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const base = `/console/admin/${kind}s`;
    routes[`GET ${base}`] = (x) => showList(x, kind);
    routes[`POST ${base}/create`] = create(kind);
    routes[`POST ${base}/delete`] = remove(kind);
    routes[`POST ${base}/attach`] = attachment(kind, "Attach");
    routes[`POST ${base}/detach`] = attachment(kind, "Detach");
  }
  return routes;
}
