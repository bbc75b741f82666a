// mfa-bypass: a user with an active long-term key whose policies give more with MFA than without,
// and who can reach an MFA-authenticated state with the key alone — enrol a device of their own
// and call GetSessionToken with it (the 2023 guard allows a first device; `pre-2023` semantics
// allow any), deactivating one first where all eight slots are taken (pre-2023 only), or assume a
// role whose trust does not ask for MFA and that grants what MFA would. ResyncMFADevice is not a
// way in: it takes two codes from the device itself. "Gives more" is shown, not guessed: a
// concrete request (an action of the catalog that an Allow statement names, on an instance of its
// Resource) that the engine allows with MFA and not with the key.

import { assertMfaSelfManagement } from "../authorization/guards/assertMfaSelfManagement.ts";
import { isNeverDenied } from "../authorization/guards/isNeverDenied.ts";
import type { CompiledStatement } from "../policy/index.ts";
import type { AccountModel, State, Step } from "./AccountModel.ts";
import type { SnapshotUser } from "./AccountSnapshot.ts";
import { type Finding, findingId, methodOf } from "./Finding.ts";

export type MfaSemantics = "current" | "pre-2023";

export interface Gain {
  readonly action: string;
  readonly resource: string;
}

const MFA_KEYS = ["aws:multifactorauthpresent", "aws:multifactorauthage", "aws:tokenissuetime"];
const MAX_GAINS = 20;
const MAX_MFA_DEVICES = 8;

/** A request an attacker can make that matches a Resource pattern, or undefined if it needs more. */
export function instantiateResource(
  pattern: string,
  user: SnapshotUser,
  accountId: string,
): string | undefined {
  if (pattern === "*") return "*";
  const r = pattern.replace(/\$\{aws:username\}/gi, user.name).replace(/\$\{aws:userid\}/gi, user.userId);
  if (r.includes("${")) return undefined;
  const parts = r.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  if (parts[3] === "*") parts[3] = "us-east-1";
  if (parts[4] === "*") parts[4] = accountId;
  return parts.join(":").replace(/[*?]/g, "x");
}

export class MfaBypassFinder {
  private readonly expanded = new WeakMap<CompiledStatement, string[]>();

  constructor(
    private readonly model: AccountModel,
    private readonly semantics: MfaSemantics,
  ) {}

  private actionsOf(st: CompiledStatement): string[] {
    let list = this.expanded.get(st);
    if (!list) {
      list = this.model.catalog.actions.filter((a) => st.matchAction(a.toLowerCase()));
      this.expanded.set(st, list);
    }
    return list;
  }

  /** Requests allowed with MFA and not with the key alone. */
  gains(u: SnapshotUser): Gain[] {
    const m = this.model;
    const key = m.userState(u, "key");
    const mfa = m.userState(u, "mfa");
    const set = m.policySet(key);
    const all = [...set.identity, ...(set.boundary ? [set.boundary] : [])];
    const readsMfa = all.some((p) => p.statements.some((st) => MFA_KEYS.some((k) => st.contextKeys.has(k))));
    if (!readsMfa) return [];
    const out: Gain[] = [];
    const tried = new Set<string>();
    for (const p of set.identity)
      for (const st of p.allows) {
        const doc = p.document.statements.find((x) => x.index === st.index);
        const patterns = doc?.resource ?? ["*"];
        for (const action of this.actionsOf(st))
          for (const pattern of patterns) {
            const resource = instantiateResource(pattern, u, m.accountId);
            if (resource === undefined) continue;
            const id = `${action}|${resource}`;
            if (tried.has(id)) continue;
            tried.add(id);
            if (m.decide(mfa, action, resource).decision !== "Allowed") continue;
            if (m.decide(key, action, resource).decision === "Allowed") continue;
            out.push({ action, resource });
            if (out.length >= MAX_GAINS) return out;
          }
      }
    return out;
  }

  findAll(): Finding[] {
    const out: Finding[] = [];
    for (const u of this.model.users) out.push(...this.forUser(u));
    return out;
  }

  forUser(u: SnapshotUser): Finding[] {
    const m = this.model;
    const keys = u.credentials.accessKeys;
    if (keys && !keys.some((k) => k.active)) return [];
    // The MFA self-management actions are the means, not the prize: name another gain first.
    const gains = this.gains(u).sort((a, b) => Number(/mfa/i.test(a.action)) - Number(/mfa/i.test(b.action)));
    if (gains.length === 0) return [];
    const assumptions = keys ? [] : [`assumes ${u.arn} has an active access key (no credential report)`];
    const key = m.userState(u, "key");
    const mfa = m.userState(u, "mfa");
    const out: Finding[] = [];
    const enrol = this.enrol(u, key);
    if (enrol) {
      const gain = gains[0] as Gain;
      const last = m.step(mfa, gain.action, gain.resource) as Step;
      const path = [...enrol.steps, last];
      const admin = m.isAdmin(mfa);
      out.push(
        this.finding(
          u,
          path,
          admin ? "admin" : u.arn,
          [...assumptions, ...enrol.assumptions],
          gains,
          admin,
          enrol.remediation,
        ),
      );
    }
    const principal = m.requestPrincipal(key);
    for (const r of m.roles) {
      if (!m.trustMayAdmit(r, principal)) continue;
      const assume = m.step(key, "sts:AssumeRole", r.arn, {
        trust: { document: r.trustPolicy, role: r },
        resourceTags: r.tags,
      });
      if (!assume) continue;
      const session = m.roleState(r, "session");
      const granted = gains.filter((g) => m.decide(session, g.action, g.resource).decision === "Allowed");
      const first = granted[0];
      if (!first) continue;
      const path = [assume, m.step(session, first.action, first.resource) as Step];
      out.push(
        this.finding(
          u,
          path,
          r.arn,
          assumptions,
          granted,
          false,
          `Require MFA in the trust policy of ${r.arn} (Condition Bool aws:MultiFactorAuthPresent true), or stop ${u.arn} from assuming it.`,
        ),
      );
    }
    return out;
  }

  private finding(
    u: SnapshotUser,
    path: Step[],
    target: string,
    assumptions: string[],
    gains: readonly Gain[],
    admin: boolean,
    remediation: string,
  ): Finding {
    const method = methodOf(path);
    return {
      id: findingId("mfa-bypass", u.arn, method, target),
      kind: "mfa-bypass",
      severity: admin ? "critical" : "high",
      principal: u.arn,
      method,
      target,
      path,
      remediation,
      ...(assumptions.length > 0 ? { assumptions } : {}),
      details: { gainedWithMfa: gains },
    };
  }

  /** The key alone to a session with an MFA device of the attacker's, or undefined. */
  private enrol(
    u: SnapshotUser,
    key: State,
  ): { steps: Step[]; assumptions: string[]; remediation: string } | undefined {
    const m = this.model;
    const known = u.credentials.mfaDevices;
    const devices = known ?? 0;
    const assumptions =
      known === undefined ? [`assumes ${u.arn} has no MFA device yet (no credential report)`] : [];
    const steps: Step[] = [];
    const guarded = this.semantics === "current";
    if (devices >= MAX_MFA_DEVICES) {
      if (guarded) return undefined;
      const deactivate = m.step(key, "iam:DeactivateMFADevice", u.arn);
      if (!deactivate) return undefined;
      steps.push(deactivate);
    }
    const create = m.step(key, "iam:CreateVirtualMFADevice", m.arn("iam", "mfa/attacker-device"));
    const enable = m.step(key, "iam:EnableMFADevice", u.arn);
    if (!create || !enable) return undefined;
    let guard = "pre-2023 semantics: no MFA self-management guard";
    if (guarded) {
      try {
        assertMfaSelfManagement(m.caller(key), "iam:EnableMFADevice", u.arn, {
          owner: { kind: "user", userId: u.userId },
          assignedDevices: devices,
        });
      } catch {
        return undefined;
      }
      guard = "the 2023 MFA guard allows a first device with a long-term key";
    }
    const session: Step = {
      action: "sts:GetSessionToken",
      resource: "*",
      as: u.arn,
      credential: "key",
      allowedBy: [],
      ...(isNeverDenied("sts:GetSessionToken")
        ? { guard: "never denied: GetSessionToken is not controlled by policy" }
        : {}),
    };
    steps.push(create, { ...enable, guard }, session);
    return {
      steps,
      assumptions,
      remediation:
        devices === 0
          ? `Allow ${u.arn} to enrol MFA devices only with MFA (deny iam:CreateVirtualMFADevice and iam:EnableMFADevice unless aws:MultiFactorAuthPresent), or have the user enrol a device now so the 2023 guard protects it, or remove the access key.`
          : "Apply the 2023 rule: enabling or deactivating one's own MFA devices with a long-term key alone must be refused once a device exists.",
    };
  }
}
