// The one policy loader: from the stored entities a decision needs to the PolicySet the engine
// evaluates. A user's identity-based policies are its inline and attached policies and those of
// its groups; a role's are its own; the boundary caps either; a role session's inline and
// managed session policies intersect. The authorizer, the simulator, GetContextKeysFor* and the
// analyzer all call this; the server only puts a cache in front of it (and of `compile`).
// Pure: compiling is passed in so that callers can share compiled documents.

import type { CompiledPolicy, PolicyKind, PolicySet, PolicySourceType } from "../policy/index.ts";
import type { PrincipalEntities, StoredPolicy } from "./PrincipalEntities.ts";

export type PolicyCompiler = (
  document: string,
  kind: PolicyKind,
  source: { id: string; name: string; type: PolicySourceType; arn?: string },
) => CompiledPolicy;

function compileStored(
  compile: PolicyCompiler,
  policy: StoredPolicy,
  kind: PolicyKind,
  type?: PolicySourceType,
) {
  return compile(policy.document, kind, {
    id: policy.id,
    name: policy.name,
    type: type ?? policy.type,
    ...(policy.arn !== undefined ? { arn: policy.arn } : {}),
  });
}

/** The identity-based policies of the caller alone (no session or resource policy). */
export function loadIdentityPolicies(entities: PrincipalEntities, compile: PolicyCompiler): CompiledPolicy[] {
  const identity = entities.identity;
  if (!identity) return [];
  const out: CompiledPolicy[] = [];
  for (const p of identity.inline) out.push(compileStored(compile, p, "identity"));
  for (const p of identity.attached) out.push(compileStored(compile, p, "identity"));
  for (const group of identity.groups) {
    for (const p of group.inline) out.push(compileStored(compile, p, "identity"));
    for (const p of group.attached) out.push(compileStored(compile, p, "identity"));
  }
  return out;
}

export function loadPolicySet(entities: PrincipalEntities, compile: PolicyCompiler): PolicySet {
  const set: PolicySet = { identity: loadIdentityPolicies(entities, compile) };
  const boundary = entities.identity?.boundary;
  if (boundary) set.boundary = compileStored(compile, boundary, "boundary", "boundary");
  const session = entities.session;
  if (session) {
    const policies: CompiledPolicy[] = [];
    if (session.inline !== undefined) {
      policies.push(
        compile(session.inline, "session", { id: "session", name: "session policy", type: "session" }),
      );
    }
    for (const p of session.managed) policies.push(compileStored(compile, p, "session", "session"));
    if (policies.length > 0) set.session = policies;
  }
  const resource = entities.resourcePolicy;
  if (resource) set.resource = compileStored(compile, resource.policy, resource.kind, resource.kind);
  return set;
}
