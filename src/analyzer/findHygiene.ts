// hygiene: users with active keys and no MFA, keys unused for 90 days, two active keys, and
// policy statements that allow every IAM action (or everything) on `*` without conditions. The
// last is decided over the catalog: a statement "allows iam:*" when it matches every IAM action.

import type { CompiledPolicy } from "../policy/index.ts";
import type { AccountModel } from "./AccountModel.ts";
import type { SnapshotUser } from "./AccountSnapshot.ts";
import { type Finding, findingId } from "./Finding.ts";

const DAY = 24 * 60 * 60 * 1000;
const UNUSED_DAYS = 90;

function hygiene(
  principal: string,
  method: string,
  remediation: string,
  details: Record<string, unknown>,
): Finding {
  return {
    id: findingId("hygiene", principal, method, principal),
    kind: "hygiene",
    severity: method === "policy-allows-all" ? "high" : "medium",
    principal,
    method,
    target: principal,
    path: [],
    remediation,
    details,
  };
}

function userHygiene(u: SnapshotUser, now: Date): Finding[] {
  const out: Finding[] = [];
  const active = (u.credentials.accessKeys ?? []).filter((k) => k.active);
  if (active.length > 0 && u.credentials.mfaDevices === 0)
    out.push(
      hygiene(
        u.arn,
        "access-key-without-mfa",
        "Enrol an MFA device for this user, or remove the access key.",
        {},
      ),
    );
  if (active.length >= 2)
    out.push(
      hygiene(u.arn, "two-active-access-keys", "Deactivate the older key once the newer one is in use.", {}),
    );
  for (const k of active) {
    const since = k.lastUsed ?? k.created;
    if (!since) continue;
    const days = Math.floor((now.getTime() - Date.parse(since)) / DAY);
    if (days >= UNUSED_DAYS)
      out.push(
        hygiene(u.arn, "access-key-unused-90-days", "Deactivate and delete the unused access key.", {
          ...(k.id ? { accessKeyId: k.id } : {}),
          lastUsed: k.lastUsed ?? null,
          daysUnused: days,
        }),
      );
  }
  return out;
}

function policyHygiene(iam: readonly string[], policy: CompiledPolicy, owner: string): Finding[] {
  const out: Finding[] = [];
  for (const st of policy.allows) {
    const doc = policy.document.statements.find((x) => x.index === st.index);
    if (!doc || doc.condition || !doc.resource?.includes("*")) continue;
    if (iam.length === 0 || !iam.every((a) => st.matchAction(a))) continue;
    const all = st.matchAction("*") || (doc.action?.includes("*") ?? false);
    out.push(
      hygiene(
        owner,
        "policy-allows-all",
        `Scope statement ${st.sid ?? st.index} of ${policy.source.name} to the actions and resources it needs, or add conditions.`,
        {
          policy: policy.source.name,
          ...(policy.source.arn ? { policyArn: policy.source.arn } : {}),
          statement: st.index,
          ...(st.sid ? { sid: st.sid } : {}),
          allows: all ? "*" : "iam:*",
        },
      ),
    );
  }
  return out;
}

export function findHygiene(model: AccountModel): Finding[] {
  const out: Finding[] = [];
  for (const u of model.users) out.push(...userHygiene(u, model.now));
  const c = model.compile;
  const iam = model.catalog.actions.map((a) => a.toLowerCase()).filter((a) => a.startsWith("iam:"));
  for (const p of model.policies.values()) {
    if (p.awsManaged) continue;
    const v = p.versions.find((x) => x.versionId === p.defaultVersionId);
    if (v)
      out.push(
        ...policyHygiene(
          iam,
          c(v.document, "identity", {
            id: `${p.arn}#${v.versionId}`,
            name: p.name,
            type: "managed",
            arn: p.arn,
          }),
          p.arn,
        ),
      );
  }
  const owners = [...model.users, ...model.roles, ...model.groups.values()];
  for (const o of owners)
    for (const p of o.inline)
      out.push(
        ...policyHygiene(
          iam,
          c(p.document, "identity", { id: `${o.arn}/${p.name}`, name: p.name, type: "inline" }),
          o.arn,
        ),
      );
  return out;
}
