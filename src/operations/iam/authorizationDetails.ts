// The entries GetAccountAuthorizationDetails lists, one function per entity kind, in AWS's shapes
// (the analyzer reads exactly what `aws iam get-account-authorization-details` prints from a real
// account): users with their inline and attached policies, groups, tags and boundary; groups with
// their policies; roles with their trust policy (URL-encoded), instance profiles, policies, tags,
// boundary and last use; managed policies with every version, documents URL-encoded.

import type { Group } from "../../domain/Group.ts";
import type { InlinePolicy } from "../../domain/ManagedPolicy.ts";
import type { Role } from "../../domain/Role.ts";
import type { User } from "../../domain/User.ts";
import type {
  GroupDetail,
  ManagedPolicyDetail,
  RoleDetail,
  UserDetail,
} from "../../generated/iam/iamShapes.ts";
import type { IdentityPolicyRepository, StoreSession } from "../../store/ports.ts";
import {
  descriptionShape,
  policyShape,
  policyUsage,
  policyVersionShape,
  urlEncodePolicyDocument,
} from "./policyShape.ts";
import { groupShape } from "./resolveGroup.ts";
import { nameOfPolicyArn, policyVersions, type ResolvedPolicy } from "./resolvePolicy.ts";
import { instanceProfileShape, roleShape } from "./roleShape.ts";
import { userShape } from "./userShape.ts";

function inlineList(policies: readonly InlinePolicy[]) {
  return policies.map((p) => ({
    PolicyName: p.policyName,
    PolicyDocument: urlEncodePolicyDocument(p.document),
  }));
}

async function attachedList(repo: IdentityPolicyRepository, id: string) {
  return (await repo.listAttached(id)).map((arn) => ({ PolicyName: nameOfPolicyArn(arn), PolicyArn: arn }));
}

export async function userDetail(store: StoreSession, user: User): Promise<UserDetail> {
  const tags = await store.userTags.list(user.userId);
  const { Tags: _tags, PasswordLastUsed: _lastUsed, ...base } = userShape(user, tags);
  return {
    ...base,
    UserPolicyList: inlineList(await store.userPolicies.listInline(user.userId)),
    GroupList: (await store.groups.listForUser(user.userId)).map((g) => g.groupName),
    AttachedManagedPolicies: await attachedList(store.userPolicies, user.userId),
    Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}

export async function groupDetail(store: StoreSession, group: Group): Promise<GroupDetail> {
  return {
    ...groupShape(group),
    GroupPolicyList: inlineList(await store.groupPolicies.listInline(group.groupId)),
    AttachedManagedPolicies: await attachedList(store.groupPolicies, group.groupId),
  };
}

export async function roleDetail(store: StoreSession, role: Role): Promise<RoleDetail> {
  const tags = await store.roleTags.list(role.roleId);
  const { MaxSessionDuration: _max, Description: _description, Tags: _tags, ...base } = roleShape(role, tags);
  const profiles = await store.instanceProfiles.listForRole(role.roleId);
  return {
    ...base,
    InstanceProfileList: await Promise.all(profiles.map((p) => instanceProfileShape(store, p))),
    RolePolicyList: inlineList(await store.rolePolicies.listInline(role.roleId)),
    AttachedManagedPolicies: await attachedList(store.rolePolicies, role.roleId),
    Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}

export async function managedPolicyDetail(
  store: StoreSession,
  accountId: string,
  resolved: ResolvedPolicy,
): Promise<ManagedPolicyDetail> {
  const { policy } = resolved;
  return {
    ...policyShape(policy, await policyUsage(store, accountId, policy.arn)),
    ...descriptionShape(policy),
    PolicyVersionList: (await policyVersions(store, resolved)).map((v) => policyVersionShape(v, true)),
  };
}
