// privilege-escalation: a reachability search from each principal over (principal, credential)
// states to administrator-equivalent rights. Edges are the ways one state becomes another —
// assuming a role through its trust policy, creating a key or a login profile for another user,
// rewriting a trust policy, passing a role to a service that runs code with it — and terminal
// moves that change one's own rights (new policy versions, default versions, attaching or putting
// policies on oneself, one's groups or a role one can assume, joining a group). Each step is
// decided by the engine with the context that step carries; the state reached is admin only if
// every catalog action is allowed on `*` with its own context.

import type { AccountModel, Modification, State, Step } from "./AccountModel.ts";
import { ADMIN_DOCUMENT } from "./AccountModel.ts";
import type { SnapshotRole, SnapshotUser } from "./AccountSnapshot.ts";
import { type Finding, findingId, methodOf } from "./Finding.ts";

interface Edge {
  readonly steps: readonly Step[];
  /** The state reached; absent for a terminal move that made the target itself admin. */
  readonly to?: State;
  readonly assumptions: readonly string[];
}

/** A service that runs code with a role passed to it, and the calls that make it do so. */
interface PassRoleService {
  readonly principal: string;
  readonly actions: ReadonlyArray<{
    readonly action: string;
    readonly service: string;
    readonly resource: string;
  }>;
  readonly needsInstanceProfile?: boolean;
}

export const PASS_ROLE_SERVICES: readonly PassRoleService[] = [
  {
    principal: "ec2.amazonaws.com",
    actions: [{ action: "ec2:RunInstances", service: "ec2", resource: "instance/*" }],
    needsInstanceProfile: true,
  },
  {
    principal: "lambda.amazonaws.com",
    actions: [
      { action: "lambda:CreateFunction", service: "lambda", resource: "function:escalation" },
      { action: "lambda:InvokeFunction", service: "lambda", resource: "function:escalation" },
    ],
  },
  {
    principal: "lambda.amazonaws.com",
    actions: [
      { action: "lambda:CreateFunction", service: "lambda", resource: "function:escalation" },
      { action: "lambda:CreateEventSourceMapping", service: "", resource: "*" },
    ],
  },
  {
    principal: "glue.amazonaws.com",
    actions: [{ action: "glue:CreateDevEndpoint", service: "glue", resource: "devEndpoint/escalation" }],
  },
  {
    principal: "cloudformation.amazonaws.com",
    actions: [
      { action: "cloudformation:CreateStack", service: "cloudformation", resource: "stack/escalation/*" },
    ],
  },
  {
    principal: "datapipeline.amazonaws.com",
    actions: [
      { action: "datapipeline:CreatePipeline", service: "", resource: "*" },
      { action: "datapipeline:PutPipelineDefinition", service: "", resource: "*" },
    ],
  },
  {
    principal: "codebuild.amazonaws.com",
    actions: [
      { action: "codebuild:CreateProject", service: "codebuild", resource: "project/escalation" },
      { action: "codebuild:StartBuild", service: "codebuild", resource: "project/escalation" },
    ],
  },
  {
    principal: "sagemaker.amazonaws.com",
    actions: [
      {
        action: "sagemaker:CreateNotebookInstance",
        service: "sagemaker",
        resource: "notebook-instance/escalation",
      },
      {
        action: "sagemaker:CreatePresignedNotebookInstanceUrl",
        service: "sagemaker",
        resource: "notebook-instance/escalation",
      },
    ],
  },
];

const ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
const MAX_DEPTH = 6;

export class EscalationSearch {
  private readonly edgesOf = new Map<string, Edge[]>();
  private readonly serviceTrust = new Map<string, boolean>();
  private readonly attachCandidates: string[];

  constructor(private readonly model: AccountModel) {
    // Policies an attacker would attach: AWS's AdministratorAccess and any of the account's own
    // that allow `*` somewhere (whether that makes the target admin is then the engine's answer).
    this.attachCandidates = [ADMIN_POLICY_ARN];
    for (const p of model.policies.values()) {
      if (p.arn === ADMIN_POLICY_ARN) continue;
      const v = p.versions.find((x) => x.versionId === p.defaultVersionId);
      if (v && /"Action"\s*:\s*(\[\s*)?"\*"/.test(v.document)) this.attachCandidates.push(p.arn);
    }
  }

  findAll(): Finding[] {
    const out: Finding[] = [];
    for (const u of this.model.users) {
      const keys = u.credentials.accessKeys;
      if (keys && !keys.some((k) => k.active)) continue;
      const assumptions = keys ? [] : [`assumes ${u.arn} has an active access key (no credential report)`];
      out.push(...this.from(this.model.userState(u, "key"), assumptions));
    }
    for (const r of this.model.roles) out.push(...this.from(this.model.roleState(r, "session"), []));
    return out;
  }

  /** Breadth-first: the shortest path per method from one start. */
  from(start: State, startAssumptions: readonly string[]): Finding[] {
    const m = this.model;
    if (m.isAdmin(start)) return [];
    const findings = new Map<string, Finding>();
    const seen = new Set([m.stateKey(start)]);
    let frontier: Array<{ state: State; path: Step[]; assumptions: string[] }> = [
      { state: start, path: [], assumptions: [...startAssumptions] },
    ];
    const report = (path: Step[], assumptions: readonly string[]) => {
      const method = methodOf(path);
      if (findings.has(method)) return;
      const principal = m.principalArn(start);
      const first = path[0] as Step;
      const by = first.allowedBy.map((a) => `${a.policy} statement ${a.sid ?? a.statement}`).join(", ");
      findings.set(method, {
        id: findingId("privilege-escalation", principal, method, "admin"),
        kind: "privilege-escalation",
        severity: "critical",
        principal,
        method,
        target: "admin",
        path,
        remediation: `Remove ${first.action} on ${first.resource} from ${by || "the policy that allows it"}, or deny it with a guardrail or a permissions boundary.`,
        ...(assumptions.length > 0 ? { assumptions: [...new Set(assumptions)] } : {}),
      });
    };
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const node of frontier) {
        for (const edge of this.edges(node.state)) {
          const path = [...node.path, ...edge.steps];
          const assumptions = [...node.assumptions, ...edge.assumptions];
          if (!edge.to) {
            report(path, assumptions);
            continue;
          }
          const key = m.stateKey(edge.to);
          if (seen.has(key)) continue;
          seen.add(key);
          if (m.isAdmin(edge.to)) report(path, assumptions);
          else next.push({ state: edge.to, path, assumptions });
        }
      }
      frontier = next;
    }
    return [...findings.values()];
  }

  edges(s: State): Edge[] {
    const key = this.model.stateKey(s);
    let edges = this.edgesOf.get(key);
    if (!edges) {
      const assumable = this.assumeRole(s);
      edges = [
        ...assumable,
        ...this.credentialsOfOthers(s),
        ...this.rewriteTrust(s, assumable),
        ...this.passRole(s),
        ...this.modifications(s, assumable),
      ];
      this.edgesOf.set(key, edges);
    }
    return edges;
  }

  private assumeRole(s: State): Edge[] {
    const m = this.model;
    const out: Edge[] = [];
    const self = s.kind === "role" ? s.role?.arn : undefined;
    const principal = m.requestPrincipal(s);
    for (const r of m.roles) {
      if (r.arn === self || !m.trustMayAdmit(r, principal)) continue;
      const step = m.step(s, "sts:AssumeRole", r.arn, {
        trust: { document: r.trustPolicy, role: r },
        resourceTags: r.tags,
      });
      if (step)
        out.push({
          steps: [step],
          to: m.roleState(r, s.cred === "mfa" ? "mfa" : "session"),
          assumptions: [],
        });
    }
    return out;
  }

  private credentialsOfOthers(s: State): Edge[] {
    const m = this.model;
    const out: Edge[] = [];
    const self = s.kind === "user" ? s.user?.arn : undefined;
    const keys = m.mayAllow(s, "iam:CreateAccessKey");
    const create = m.mayAllow(s, "iam:CreateLoginProfile");
    const update = m.mayAllow(s, "iam:UpdateLoginProfile");
    if (!keys && !create && !update) return out;
    for (const t of m.users) {
      if (t.arn === self) continue;
      const c = t.credentials;
      const opts = { resourceTags: t.tags };
      if (keys && (c.accessKeys === undefined || c.accessKeys.length < 2)) {
        const step = m.step(s, "iam:CreateAccessKey", t.arn, opts);
        if (step)
          out.push({
            steps: [step],
            to: m.userState(t, "key"),
            assumptions: c.accessKeys
              ? []
              : [`assumes ${t.arn} has fewer than 2 access keys (no credential report)`],
          });
      }
      // A console password is worth nothing against a user whose sign-in asks for MFA.
      if (c.mfaDevices !== undefined && c.mfaDevices > 0) continue;
      const mfaAssumption =
        c.mfaDevices === undefined ? [`assumes ${t.arn} has no MFA device (no credential report)`] : [];
      const actions: Array<["iam:CreateLoginProfile" | "iam:UpdateLoginProfile", string[]]> = [];
      if (create && c.passwordEnabled !== true)
        actions.push([
          "iam:CreateLoginProfile",
          c.passwordEnabled === undefined ? [`assumes ${t.arn} has no password (no credential report)`] : [],
        ]);
      if (update && c.passwordEnabled === true) actions.push(["iam:UpdateLoginProfile", []]);
      for (const [action, extra] of actions) {
        const step = m.step(s, action, t.arn, opts);
        if (step)
          out.push({
            steps: [step],
            to: m.userState(t, "console"),
            assumptions: [...mfaAssumption, ...extra],
          });
      }
    }
    return out;
  }

  private rewriteTrust(s: State, assumable: readonly Edge[]): Edge[] {
    const m = this.model;
    if (!m.mayAllow(s, "iam:UpdateAssumeRolePolicy")) return [];
    const reached = new Set(assumable.map((e) => (e.to ? m.stateKey(e.to) : "")));
    const out: Edge[] = [];
    const document = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: m.principalArn(s) }, Action: "sts:AssumeRole" }],
    });
    for (const r of m.roles) {
      const to = m.roleState(r, s.cred === "mfa" ? "mfa" : "session");
      if (reached.has(m.stateKey(to)) || r.arn === m.principalArn(s)) continue;
      const rewrite = m.step(s, "iam:UpdateAssumeRolePolicy", r.arn, { resourceTags: r.tags });
      if (!rewrite) continue;
      const assume = m.step(s, "sts:AssumeRole", r.arn, {
        trust: { document, role: r },
        resourceTags: r.tags,
      });
      if (assume) out.push({ steps: [rewrite, assume], to, assumptions: [] });
    }
    return out;
  }

  private trusts(r: SnapshotRole, service: string): boolean {
    const key = `${r.arn}|${service}`;
    let ok = this.serviceTrust.get(key);
    if (ok === undefined) {
      ok = this.model.trustAllowsService(r, service);
      this.serviceTrust.set(key, ok);
    }
    return ok;
  }

  private passRole(s: State): Edge[] {
    const m = this.model;
    if (!m.mayAllow(s, "iam:PassRole")) return [];
    const out: Edge[] = [];
    for (const svc of PASS_ROLE_SERVICES) {
      if (!svc.actions.every((a) => m.mayAllow(s, a.action))) continue;
      const calls: Step[] = [];
      for (const a of svc.actions) {
        const step = m.step(s, a.action, a.service ? m.arn(a.service, a.resource) : a.resource);
        if (!step) break;
        calls.push(step);
      }
      if (calls.length < svc.actions.length) continue;
      for (const r of m.roles) {
        if (svc.needsInstanceProfile && r.instanceProfiles.length === 0) continue;
        if (!this.trusts(r, svc.principal)) continue;
        const pass = m.step(s, "iam:PassRole", r.arn, {
          resourceTags: r.tags,
          keys: { "iam:PassedToService": svc.principal },
        });
        if (pass) out.push({ steps: [pass, ...calls], to: m.roleState(r, "session"), assumptions: [] });
      }
    }
    return out;
  }

  /** Terminal moves: change the rights of oneself (or of a role one can assume, then assume it). */
  private modifications(s: State, assumable: readonly Edge[]): Edge[] {
    const m = this.model;
    const out: Edge[] = [];
    const targets: Array<{ state: State; after: readonly Step[] }> = [{ state: s, after: [] }];
    for (const e of assumable) if (e.to) targets.push({ state: e.to, after: e.steps });
    const tryMove = (
      target: State,
      action: string,
      resource: string,
      mod: Modification,
      after: readonly Step[],
      keys?: Record<string, string>,
    ) => {
      if (!m.mayAllow(s, action)) return;
      const step = m.step(s, action, resource, keys ? { keys } : {});
      if (step && m.isAdmin(target, mod)) out.push({ steps: [step, ...after], assumptions: [] });
    };
    for (const { state: t, after } of targets) {
      const arn = m.principalArn(t);
      const kind = t.kind === "user" ? "User" : "Role";
      tryMove(
        t,
        `iam:Put${kind}Policy`,
        arn,
        { addInline: { owner: "self", document: ADMIN_DOCUMENT } },
        after,
      );
      for (const policyArn of this.attachCandidates)
        tryMove(t, `iam:Attach${kind}Policy`, arn, { attach: { owner: "self", policyArn } }, after, {
          "iam:PolicyARN": policyArn,
        });
      const attached = new Set(m.entities(t).attached.map((p) => p.arn as string));
      if (t.kind === "user") {
        const u = t.user as SnapshotUser;
        for (const name of u.groups) {
          const g = m.groups.get(name);
          if (!g) continue;
          for (const a of g.attached) attached.add(a);
          tryMove(
            t,
            "iam:PutGroupPolicy",
            g.arn,
            { addInline: { owner: { group: name }, document: ADMIN_DOCUMENT } },
            after,
          );
          for (const policyArn of this.attachCandidates)
            tryMove(
              t,
              "iam:AttachGroupPolicy",
              g.arn,
              { attach: { owner: { group: name }, policyArn } },
              after,
              {
                "iam:PolicyARN": policyArn,
              },
            );
        }
        if (after.length === 0)
          for (const g of m.groups.values())
            if (!u.groups.includes(g.name))
              tryMove(t, "iam:AddUserToGroup", g.arn, { addGroup: g.name }, after);
      }
      for (const arnOf of attached) {
        const p = m.policies.get(arnOf);
        if (!p || p.awsManaged) continue;
        tryMove(
          t,
          "iam:CreatePolicyVersion",
          p.arn,
          { replaceManaged: { arn: p.arn, document: ADMIN_DOCUMENT, versionId: "new" } },
          after,
        );
        for (const v of p.versions)
          if (v.versionId !== p.defaultVersionId)
            tryMove(
              t,
              "iam:SetDefaultPolicyVersion",
              p.arn,
              { replaceManaged: { arn: p.arn, document: v.document, versionId: v.versionId } },
              after,
            );
      }
    }
    return out;
  }
}
