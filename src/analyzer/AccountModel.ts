// The account as the engine sees it: every principal of a snapshot turned into the same
// PrincipalEntities the server's authorizer loads, compiled once, and one `decide` that asks
// evaluatePolicies with the request context a given credential would carry. Every edge and every
// finding of the analyzer is decided here, by the code that enforces — never by matching names.
//
// Credential states: a user's long-term key (no aws:MultiFactorAuthPresent at all), a user's
// GetSessionToken session opened with MFA, a user's console session (MFA false), and a role
// session with or without MFA. Keys the analysis cannot know (aws:SourceIp, aws:UserAgent) are
// left out of the context, so conditions on them do not hold.

import { buildRequestContext } from "../authorization/buildRequestContext.ts";
import { loadPolicySet, type PolicyCompiler } from "../authorization/loadPolicySet.ts";
import type {
  GroupEntities,
  IdentityEntities,
  PrincipalEntities,
  StoredPolicy,
} from "../authorization/PrincipalEntities.ts";
import { requestPrincipalOf } from "../authorization/requestPrincipalOf.ts";
import { getAwsManagedPolicy } from "../domain/awsManagedPolicyCatalog.ts";
import {
  type CallerCredential,
  type CallerIdentity,
  roleSessionCaller,
  userCaller,
} from "../domain/Principal.ts";
import type { Tag } from "../domain/Tag.ts";
import {
  type CompiledPolicy,
  type CompiledStatement,
  compilePolicy,
  type Decision,
  evaluatePolicies,
  type MatchedStatement,
  type PolicySet,
  parsePolicyDocument,
  type RawContextValue,
  type RequestPrincipal,
} from "../policy/index.ts";
import {
  type AccountSnapshot,
  AnalyzerInputError,
  type SnapshotGroup,
  type SnapshotInlinePolicy,
  type SnapshotManagedPolicy,
  type SnapshotRole,
  type SnapshotUser,
} from "./AccountSnapshot.ts";
import type { ActionCatalog } from "./ActionCatalog.ts";

export type CredentialState = "key" | "mfa" | "console" | "session";

export interface State {
  readonly kind: "user" | "role";
  readonly user?: SnapshotUser;
  readonly role?: SnapshotRole;
  readonly cred: CredentialState;
}

/** A change the attacker makes before the next decision: one more policy or group. */
export interface Modification {
  readonly addInline?: { readonly owner: "self" | { group: string }; readonly document: string };
  readonly attach?: { readonly owner: "self" | { group: string }; readonly policyArn: string };
  readonly replaceManaged?: { readonly arn: string; readonly document: string; readonly versionId: string };
  readonly addGroup?: string;
}

/** The statement that allowed a step, as the finding names it. */
export interface AllowingStatement {
  readonly policy: string;
  readonly policyType: string;
  readonly policyArn?: string;
  readonly versionId?: string;
  readonly statement: number;
  readonly sid?: string;
}

export interface Step {
  readonly action: string;
  readonly resource: string;
  /** Who takes the step (the ARN of the principal and the credential it uses). */
  readonly as: string;
  readonly credential: CredentialState;
  readonly allowedBy: readonly AllowingStatement[];
  /** A rule that is not policy and that the step passes, e.g. the 2023 MFA guard or "never denied". */
  readonly guard?: string;
}

export interface DecideOptions {
  readonly trust?: { readonly document: string; readonly role: SnapshotRole };
  readonly resourceTags?: readonly Tag[];
  readonly keys?: Record<string, RawContextValue>;
  readonly modification?: Modification;
  /** The policy set already loaded for this state and modification. */
  readonly set?: PolicySet;
}

export const ADMIN_DOCUMENT = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

const REGION = "us-east-1";

/** An AWS-managed policy the input does not carry, from the catalog every account shares. */
function awsManaged(arn: string): SnapshotManagedPolicy | undefined {
  const p = getAwsManagedPolicy(arn);
  if (!p) return undefined;
  const versionId = p.policy.defaultVersionId;
  return {
    arn,
    name: p.policy.policyName,
    policyId: p.policy.policyId,
    defaultVersionId: versionId,
    versions: [{ versionId, document: p.document, isDefault: true }],
    awsManaged: true,
  };
}

export class AccountModel {
  readonly accountId: string;
  readonly users: readonly SnapshotUser[];
  readonly roles: readonly SnapshotRole[];
  readonly groups: ReadonlyMap<string, SnapshotGroup>;
  readonly policies: ReadonlyMap<string, SnapshotManagedPolicy>;
  readonly catalog: ActionCatalog;
  readonly now: Date;
  private readonly compiled = new Map<string, CompiledPolicy>();
  private readonly versionOf = new Map<string, { arn: string; versionId: string }>();
  private readonly sets = new Map<string, PolicySet>();
  private readonly trusts = new Map<string, CompiledPolicy>();
  private readonly admin = new Map<string, boolean>();
  private readonly probes: string[];
  private readonly lowerActions: string[];
  private readonly source: string;

  constructor(snapshot: AccountSnapshot, catalog: ActionCatalog, now: Date) {
    this.accountId = snapshot.accountId;
    this.source = snapshot.source;
    this.users = snapshot.users;
    this.roles = snapshot.roles;
    this.groups = new Map(snapshot.groups.map((g) => [g.name, g]));
    this.policies = new Map(snapshot.policies.map((p) => [p.arn, p]));
    this.catalog = catalog;
    this.now = now;
    this.lowerActions = catalog.actions.map((a) => a.toLowerCase());
    // A few actions from across the catalog: a cheap necessary condition before the full check.
    const stride = Math.max(1, Math.floor(this.lowerActions.length / 12));
    this.probes = this.lowerActions.filter((_, i) => i % stride === 0);
  }

  readonly compile: PolicyCompiler = (document, kind, source) => {
    const key = `${kind}\u0000${source.type}\u0000${source.id}\u0000${document}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      try {
        compiled = compilePolicy(parsePolicyDocument(document, { kind, mode: "lenient" }), source);
      } catch (err) {
        throw new AnalyzerInputError(this.source, `policy ${source.name}: ${(err as Error).message}`);
      }
      this.compiled.set(key, compiled);
    }
    return compiled;
  };

  stateKey(s: State): string {
    return `${s.kind === "user" ? s.user?.arn : s.role?.arn}|${s.cred}`;
  }

  principalArn(s: State): string {
    return (s.kind === "user" ? s.user?.arn : s.role?.arn) as string;
  }

  private managed(arn: string, m: Modification | undefined): StoredPolicy | undefined {
    if (m?.replaceManaged?.arn === arn) {
      const p = this.policies.get(arn);
      return this.stored(
        arn,
        p?.name ?? arn,
        m.replaceManaged.versionId,
        m.replaceManaged.document,
        p?.awsManaged,
      );
    }
    const p = this.policies.get(arn) ?? awsManaged(arn);
    if (!p) return undefined;
    return this.versionPolicy(p, p.defaultVersionId);
  }

  /** One version of a managed policy as the loader reads it. */
  versionPolicy(p: SnapshotManagedPolicy, versionId: string): StoredPolicy | undefined {
    const version = p.versions.find((v) => v.versionId === versionId);
    if (!version) return undefined;
    return this.stored(p.arn, p.name, versionId, version.document, p.awsManaged);
  }

  private stored(
    arn: string,
    name: string,
    versionId: string,
    document: string,
    aws?: boolean,
  ): StoredPolicy {
    const id = `${arn}#${versionId}`;
    this.versionOf.set(id, { arn, versionId });
    return { id, name, type: aws ? "aws-managed" : "managed", arn, versionId, document };
  }

  private inline(owner: string, list: readonly SnapshotInlinePolicy[]): StoredPolicy[] {
    return list.map((p) => ({
      id: `${owner}/${p.name}`,
      name: p.name,
      type: "inline",
      document: p.document,
    }));
  }

  private attachedList(arns: readonly string[], m: Modification | undefined): StoredPolicy[] {
    const out: StoredPolicy[] = [];
    for (const arn of arns) {
      const p = this.managed(arn, m);
      if (p) out.push(p);
    }
    return out;
  }

  private groupEntities(name: string, m: Modification | undefined): GroupEntities | undefined {
    const g = this.groups.get(name);
    if (!g) return undefined;
    const mine = (o: "self" | { group: string } | undefined) =>
      o !== undefined && o !== "self" && o.group === name;
    const inline = this.inline(g.arn, g.inline);
    if (m?.addInline && mine(m.addInline.owner))
      inline.push({
        id: `${g.arn}/escalation`,
        name: "escalation",
        type: "inline",
        document: m.addInline.document,
      });
    const attached = [...g.attached];
    if (m?.attach && mine(m.attach.owner)) attached.push(m.attach.policyArn);
    return { groupName: name, inline, attached: this.attachedList(attached, m) };
  }

  entities(s: State, m?: Modification): IdentityEntities {
    const e = (s.kind === "user" ? s.user : s.role) as SnapshotUser | SnapshotRole;
    const inline = this.inline(e.arn, e.inline);
    if (m?.addInline?.owner === "self")
      inline.push({
        id: `${e.arn}/escalation`,
        name: "escalation",
        type: "inline",
        document: m.addInline.document,
      });
    const attached = [...e.attached];
    if (m?.attach?.owner === "self") attached.push(m.attach.policyArn);
    const groups: GroupEntities[] = [];
    if (s.kind === "user") {
      const names = [...(s.user as SnapshotUser).groups];
      if (m?.addGroup && !names.includes(m.addGroup)) names.push(m.addGroup);
      for (const name of names) {
        const g = this.groupEntities(name, m);
        if (g) groups.push(g);
      }
    }
    const boundary = e.boundaryArn ? this.managed(e.boundaryArn, m) : undefined;
    return {
      kind: s.kind,
      arn: e.arn,
      inline,
      attached: this.attachedList(attached, m),
      ...(boundary ? { boundary } : e.boundaryArn ? { boundary: this.missingBoundary(e.boundaryArn) } : {}),
      tags: e.tags,
      groups,
    };
  }

  /** A boundary whose document is not in the input allows nothing: the safe reading. */
  private missingBoundary(arn: string): StoredPolicy {
    return { id: arn, name: arn, type: "managed", arn, document: '{"Version":"2012-10-17","Statement":[]}' };
  }

  policySet(s: State, m?: Modification, trust?: DecideOptions["trust"]): PolicySet {
    const cacheable = !m && !trust;
    const key = this.stateKey(s);
    if (cacheable) {
      const hit = this.sets.get(key);
      if (hit) return hit;
    }
    const entities: PrincipalEntities = {
      identity: this.entities(s, m),
      ...(trust
        ? {
            resourcePolicy: {
              kind: "trust" as const,
              policy: {
                id: `${trust.role.arn}#trust`,
                name: `${trust.role.name} trust policy`,
                type: "inline" as const,
                document: trust.document,
              },
            },
          }
        : {}),
    };
    const set = loadPolicySet(entities, this.compile);
    if (cacheable) this.sets.set(key, set);
    return set;
  }

  caller(s: State): CallerIdentity {
    const now = this.now;
    if (s.kind === "user") {
      const u = s.user as SnapshotUser;
      const credential: CallerCredential =
        s.cred === "key"
          ? { kind: "long-term-key", accessKeyId: "AKIAANALYZER" }
          : s.cred === "console"
            ? { kind: "console", accessKeyId: "ASIAANALYZER", issuedAt: now }
            : { kind: "session", accessKeyId: "ASIAANALYZER", issuedAt: now, mfaAuthenticatedAt: now };
      return userCaller(
        { accountId: this.accountId, userId: u.userId, userName: u.name, arn: u.arn },
        credential,
      );
    }
    const r = s.role as SnapshotRole;
    return roleSessionCaller(
      this.accountId,
      {
        roleId: r.roleId,
        roleName: r.name,
        roleArn: r.arn,
        sessionName: "analyzer",
        tags: [],
        transitiveTagKeys: [],
        chained: false,
      },
      {
        kind: "session",
        accessKeyId: "ASIAANALYZER",
        issuedAt: now,
        ...(s.cred === "mfa" ? { mfaAuthenticatedAt: now } : {}),
      },
    );
  }

  decide(s: State, action: string, resource: string, opts: DecideOptions = {}): Decision {
    const caller = this.caller(s);
    const principalTags = (s.kind === "user" ? s.user?.tags : s.role?.tags) ?? [];
    const context = buildRequestContext(
      caller,
      { now: this.now, sourceIp: "", userAgent: "", region: REGION, secureTransport: true },
      principalTags,
      opts.resourceTags,
      opts.keys,
    );
    // Unknown to the analysis: absent, so no condition on them holds.
    delete context["aws:SourceIp"];
    delete context["aws:UserAgent"];
    return evaluatePolicies(
      { principal: requestPrincipalOf(caller), action, resource, context },
      opts.set ?? this.policySet(s, opts.modification, opts.trust),
    );
  }

  /** A step when the engine allows it, else undefined. */
  step(s: State, action: string, resource: string, opts: DecideOptions = {}): Step | undefined {
    const d = this.decide(s, action, resource, opts);
    if (d.decision !== "Allowed") return undefined;
    return {
      action,
      resource,
      as: this.principalArn(s),
      credential: s.cred,
      allowedBy: d.matchedStatements.map((m) => this.describe(m)),
    };
  }

  describe(m: MatchedStatement): AllowingStatement {
    const version = this.versionOf.get(m.policyId);
    return {
      policy: m.policyName,
      policyType: m.policyType,
      ...(m.policyArn ? { policyArn: m.policyArn } : {}),
      ...(version ? { versionId: version.versionId } : {}),
      statement: m.statementIndex,
      ...(m.sid !== undefined ? { sid: m.sid } : {}),
    };
  }

  /**
   * Whether some Allow statement of the role's trust policy for sts:AssumeRole names the caller
   * (its ARN, its role, its account, or `*`) or excludes it from a NotPrincipal: a necessary
   * condition the search checks before asking the engine, which then decides with conditions.
   */
  trustMayAdmit(r: SnapshotRole, p: RequestPrincipal): boolean {
    return this.trustOf(r).allows.some(
      (st) =>
        st.matchAction("sts:assumerole") && ((st.principal?.(p) ?? 0) > 0 || (st.notPrincipal?.(p) ?? false)),
    );
  }

  private trustOf(r: SnapshotRole): CompiledPolicy {
    let trust = this.trusts.get(r.arn);
    if (!trust) {
      trust = this.compile(r.trustPolicy, "trust", {
        id: `${r.arn}#trust`,
        name: `${r.name} trust policy`,
        type: "trust",
      });
      this.trusts.set(r.arn, trust);
    }
    return trust;
  }

  requestPrincipal(s: State): RequestPrincipal {
    return requestPrincipalOf(this.caller(s));
  }

  /** Whether the role's trust policy lets the service assume it (the service then runs with it). */
  trustAllowsService(r: SnapshotRole, service: string): boolean {
    const trust = this.compile(r.trustPolicy, "trust", {
      id: `${r.arn}#trust`,
      name: `${r.name} trust policy`,
      type: "trust",
    });
    const d = evaluatePolicies(
      {
        principal: { type: "service", arn: service, accountId: "" },
        action: "sts:AssumeRole",
        resource: r.arn,
        context: {},
      },
      { identity: [], resource: trust },
    );
    return d.decision === "Allowed";
  }

  /** True when some identity-based policy of the state has an Allow statement for the action at all. */
  mayAllow(s: State, action: string): boolean {
    const lower = action.toLowerCase();
    for (const p of this.policySet(s).identity)
      for (const st of p.allows) if (st.matchAction(lower)) return true;
    return false;
  }

  /**
   * Administrator-equivalent: every action of the catalog allowed on `*`, after denies,
   * boundaries and conditions, with the context this credential carries.
   */
  isAdmin(s: State, m?: Modification): boolean {
    const key = this.stateKey(s);
    if (!m) {
      const hit = this.admin.get(key);
      if (hit !== undefined) return hit;
    }
    const set = this.policySet(s, m);
    const allowed = (a: string) => this.decide(s, a, "*", { set }).decision === "Allowed";
    const result =
      this.lowerActions.length > 0 && this.probes.every(allowed) && this.representatives(set).every(allowed);
    if (!m) this.admin.set(key, result);
    return result;
  }

  /**
   * One action per class of actions that the same statements match. The engine reads only the
   * statements whose Action/NotAction match, so on one resource and context every action of a
   * class gets the same decision: deciding one per class decides them all.
   */
  private representatives(set: PolicySet): string[] {
    const statements = [set.identity, set.boundary ? [set.boundary] : [], set.session ?? [], set.scp ?? []]
      .flat()
      .flatMap((p) => p.statements);
    const classes = new Map<string, string>();
    for (const a of this.lowerActions) {
      let signature = "";
      for (let i = 0; i < statements.length; i++)
        if ((statements[i] as CompiledStatement).matchAction(a)) signature += `${i},`;
      if (!classes.has(signature)) classes.set(signature, a);
    }
    return [...classes.values()];
  }

  userState(u: SnapshotUser, cred: CredentialState): State {
    return { kind: "user", user: u, cred };
  }

  roleState(r: SnapshotRole, cred: CredentialState): State {
    return { kind: "role", role: r, cred };
  }

  /** The ARN of a resource an attacker names, in this account and the analysis's region. */
  arn(service: string, resource: string): string {
    const global = service === "iam" || service === "s3";
    return `arn:aws:${service}:${global ? "" : REGION}:${service === "s3" ? "" : this.accountId}:${resource}`;
  }
}
